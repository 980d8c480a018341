import { expect, test, type Locator, type Page } from "@playwright/test";
import { resolve } from "node:path";
import { expectAccessible, openGrid, setUpClub, signUp, uniqueEmail } from "./helpers";

const LOGO = resolve(import.meta.dirname, "fixtures/logo.png");
const COURT = resolve(import.meta.dirname, "fixtures/court.png");

async function openSettings(admin: Page, area: string) {
  await admin.getByRole("button", { name: "Settings", exact: true }).click();
  await expect(admin.getByRole("heading", { name: /^Settings of / })).toBeVisible();
  await admin.getByRole("navigation", { name: "Settings" }).getByRole("button", { name: area }).click();
}

/// The picture is on screen and the browser could draw it (the server sent the image).
async function expectDrawn(img: Locator) {
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
}

test("the owner uploads a logo and a court picture, and the player's club page shows both", async ({ browser }) => {
  const club = `Picture Park ${Date.now()}`;
  const admin = await (await browser.newContext()).newPage();
  await setUpClub(admin, club);

  await openSettings(admin, "Club profile");
  await expect(admin.getByText("No logo yet.")).toBeVisible();
  await admin.getByLabel("Upload a logo").setInputFiles(LOGO);
  await expect(admin.getByRole("status")).toHaveText("Logo saved.");
  await expectDrawn(admin.getByRole("img", { name: `Logo of ${club}` }));
  await expectAccessible(admin, "the club profile with its logo");

  // A file that is not a picture is refused before it is sent.
  await admin.getByLabel("Replace the logo").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
  await expect(admin.getByRole("alert")).toHaveText("notes.txt is not a PNG, JPEG or WebP image.");
  await expectDrawn(admin.getByRole("img", { name: `Logo of ${club}` }));

  await openSettings(admin, "Courts");
  const court1 = admin.getByRole("region", { name: "Court 1" });
  await court1.getByLabel("Upload a picture").setInputFiles(COURT);
  await expect(court1.getByRole("status")).toHaveText("Picture saved.");
  await expectDrawn(court1.getByRole("img", { name: "Picture of Court 1" }));
  await expectAccessible(admin, "the court pictures");

  const player = await (await browser.newContext()).newPage();
  await player.goto("/");
  await signUp(player, "Pia Player", uniqueEmail("pia"));
  await player.getByRole("button", { name: `About ${club}` }).click();
  await expect(player.getByRole("heading", { name: club, level: 2 })).toBeFocused();
  await expectDrawn(player.getByRole("img", { name: `Logo of ${club}` }));
  const courts = player.getByRole("region", { name: "Courts" });
  await expectDrawn(courts.getByRole("img", { name: "Picture of Court 1" }).first());
  await expect(courts.getByRole("img", { name: "Picture of Court 2" })).toHaveCount(0);
  await expectAccessible(player, "a club's page with its pictures");

  // Where the player books, the club's logo stands by its name.
  await player.getByRole("button", { name: "Book a court here" }).first().click();
  await expect(player.getByRole("heading", { name: `Book a court at ${club}` })).toBeVisible();
  await expectDrawn(player.getByRole("img", { name: `Logo of ${club}` }));

  // Removed, the logo is gone for the player too.
  await openSettings(admin, "Club profile");
  await admin.getByRole("button", { name: "Remove the logo" }).click();
  await expect(admin.getByText("No logo yet.")).toBeVisible();
  await player.reload();
  await openGrid(player, club);
  await expect(player.getByRole("img", { name: `Logo of ${club}` })).toHaveCount(0);
});

test("the demo club shows its logo to a newcomer", async ({ page }) => {
  await page.goto("/");
  await signUp(page, "Nina Newcomer", uniqueEmail("nina"));
  await page.getByRole("button", { name: "About Riverside Tennis Center" }).click();
  await expect(page.getByRole("heading", { name: "Riverside Tennis Center", level: 2 })).toBeFocused();
  await expectDrawn(page.getByRole("img", { name: "Logo of Riverside Tennis Center" }));
});
