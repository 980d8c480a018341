import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, openGrid, setUpClub, signUp, uniqueEmail } from "./helpers";

/// The player's notification settings, where the language of their messages is chosen.
async function openSettings(page: Page) {
  await page.getByRole("button", { name: /^Notifications/ }).click();
  await page.getByRole("button", { name: "Notification settings" }).click();
  await expect(page.getByRole("heading", { name: "Notification settings" })).toBeVisible();
}

test("a player chooses Spanish for their messages, and the choice is kept", async ({ page }) => {
  await page.goto("/");
  await signUp(page, "Lucía Lengua", uniqueEmail("lucia"));
  await openSettings(page);
  const language = page.getByRole("region", { name: "Language of your messages" });
  await expect(language.getByRole("radio", { name: "English" })).toBeChecked();
  await expectAccessible(page, "the language of messages in the notification settings");

  await language.getByRole("radio", { name: "Español" }).check();
  await expect(language.getByRole("status")).toHaveText("Saved. Your next messages will be in Español.");
  await expect(language.getByRole("radio", { name: "Español" })).toBeChecked();

  await page.reload();
  await openSettings(page);
  await expect(language.getByRole("radio", { name: "Español" })).toBeChecked();
  await expect(language.getByRole("radio", { name: "English" })).not.toBeChecked();
  // The app's own words stay English: only the messages change language.
  await expect(page.getByRole("heading", { name: "Notification settings" })).toBeVisible();
});

test("a Spanish player's booking is confirmed in Spanish at the club's time, and staff word each language", async ({ browser }) => {
  const club = `Lenguas ${Date.now()}`;
  const admin = await (await browser.newContext()).newPage();
  await setUpClub(admin, club);
  const page = await (await browser.newContext()).newPage();
  await page.goto("/");
  await signUp(page, "Pablo Pista", uniqueEmail("pablo"));
  await openSettings(page);
  await page.getByRole("radio", { name: "Español" }).check();
  await expect(page.getByRole("region", { name: "Language of your messages" }).getByRole("status")).toHaveText(/^Saved/);

  await page.getByRole("button", { name: "Book a court" }).click();
  await openGrid(page, club);
  await page.getByRole("button", { name: /^Court 1, 10:00 to 11:00, available/ }).click();
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await page.getByRole("button", { name: "Notifications, 1 unread" }).click();
  const list = page.getByRole("list", { name: "Notifications" });
  await expect(list.getByText("Reserva confirmada")).toBeVisible();
  await expect(list.getByText(/Court 1 en .*, \p{L}+ \d{1,2} de \p{L}+, 10:00 \(America\/New_York\)/u)).toBeVisible();

  await admin.getByRole("button", { name: "Messages" }).click();
  await admin.getByRole("button", { name: "Templates" }).click();
  await admin.getByLabel("Language").selectOption("es");
  await admin.getByRole("button", { name: "Edit Confirmaciones de reserva, E-mail" }).click();
  const preview = admin.getByRole("region", { name: "Preview with a sample booking" });
  await expect(preview.getByTestId("message-subject")).toHaveText(/^Reserva confirmada: Court 1, \p{L}+ \d{1,2} de \p{L}+, 10:00 \(America\/New_York\)$/u);
  await expectAccessible(admin, "the Spanish template editor", ["iframe.message-html"]);
});
