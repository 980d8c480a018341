import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, openGrid, setUpClub, signUp, uniqueEmail } from "./helpers";

async function openSettings(admin: Page, area: string) {
  await admin.getByRole("button", { name: "Settings", exact: true }).click();
  await expect(admin.getByRole("heading", { name: /^Settings of / })).toBeVisible();
  await admin.getByRole("navigation", { name: "Settings" }).getByRole("button", { name: area, exact: true }).click();
}

/// A new player opens the club's page from the list of clubs.
async function playerOnClubPage(player: Page, club: string, name: string) {
  await player.goto("/");
  await signUp(player, name, uniqueEmail(name.split(" ")[0].toLowerCase()));
  await player.getByRole("button", { name: `About ${club}` }).click();
  await expect(player.getByRole("heading", { name: club, level: 2 })).toBeVisible();
}

test("the owner sets the club's contact e-mail and sports, and players read them on the club's page", async ({ browser }) => {
  const club = `Contact Court ${Date.now()}`;
  const admin = await (await browser.newContext()).newPage();
  await setUpClub(admin, club);
  await openSettings(admin, "Club profile");
  await expect(admin.getByRole("checkbox", { name: "Listed publicly" })).toBeChecked();

  // The server's refusal shows at the field it names.
  await admin.getByLabel("Contact phone").fill("0".repeat(40));
  await admin.getByRole("button", { name: "Save the profile" }).click();
  await expect(admin.getByLabel("Contact phone")).toHaveAttribute("aria-invalid", "true");
  await expect(admin.locator("#profile-contact_phone-error")).toBeVisible();
  await expectAccessible(admin, "the club profile with an error");

  await admin.getByLabel("Contact phone").fill("+1 555 0100");
  await admin.getByLabel("Contact e-mail").fill("desk@contact-court.test");
  await admin.getByRole("group", { name: "Sports" }).getByRole("checkbox", { name: "Tennis" }).check();
  await admin.getByRole("group", { name: "Sports" }).getByRole("checkbox", { name: "Padel" }).check();
  await admin.getByLabel("Other sports").fill("table tennis");
  await admin.getByRole("button", { name: "Save the profile" }).click();
  await expect(admin.getByRole("status")).toHaveText("Profile saved.");
  await expect(admin.getByLabel("Contact phone")).not.toHaveAttribute("aria-invalid", "true");
  await expectAccessible(admin, "the club profile");

  // Kept after a reload.
  await admin.reload();
  await openSettings(admin, "Club profile");
  await expect(admin.getByLabel("Contact e-mail")).toHaveValue("desk@contact-court.test");
  await expect(admin.getByRole("group", { name: "Sports" }).getByRole("checkbox", { name: "Padel" })).toBeChecked();

  const player = await (await browser.newContext()).newPage();
  await playerOnClubPage(player, club, "Cora Contact");
  await expect(player.getByText("Sports: Tennis, Padel, Table tennis")).toBeVisible();
  await expect(player.getByRole("link", { name: "desk@contact-court.test" })).toHaveAttribute("href", "mailto:desk@contact-court.test");
  await expect(player.getByRole("link", { name: "+1 555 0100" })).toBeVisible();
});

test("the owner renames a court, sets its surface and moves it first; players see the order and attributes", async ({ browser }) => {
  const club = `Order Oval ${Date.now()}`;
  const admin = await (await browser.newContext()).newPage();
  await setUpClub(admin, club);
  await openSettings(admin, "Courts");
  const order = admin.getByRole("list", { name: "Courts in order" });
  await expect(order.getByRole("heading", { level: 4 })).toHaveText(["Court 1", "Court 2"]);
  await expectAccessible(admin, "the courts");

  const court2 = admin.getByRole("region", { name: "Court 2", exact: true });
  await court2.getByLabel("Name").fill("Centre Court");
  await court2.getByLabel("Indoor or outdoor").selectOption("Indoor");
  await court2.getByLabel("Surface").fill("clay");
  await court2.getByRole("checkbox", { name: "Floodlit" }).check();
  await court2.getByLabel("Colour").fill("#c62828");
  await court2.getByRole("button", { name: "Save Court 2" }).click();
  const centre = admin.getByRole("region", { name: "Centre Court", exact: true });
  await expect(centre.getByRole("status")).toHaveText("Centre Court saved.");

  // A colour the server refuses is named at its field.
  await centre.getByLabel("Colour").fill("red");
  await centre.getByRole("button", { name: "Save Centre Court" }).click();
  await expect(centre.getByLabel("Colour")).toHaveAttribute("aria-invalid", "true");
  await expect(centre.getByText("must be a colour like #1e88e5", { exact: true })).toBeVisible();
  await expectAccessible(admin, "a court with an error");
  await centre.getByLabel("Colour").fill("#c62828");
  await centre.getByRole("button", { name: "Save Centre Court" }).click();
  await expect(centre.getByRole("status")).toHaveText("Centre Court saved.");

  await admin.getByRole("button", { name: "Move Centre Court up" }).click();
  await expect(admin.getByText("Centre Court is now court 1 of 2.")).toBeVisible();
  await expect(order.getByRole("heading", { level: 4 })).toHaveText(["Centre Court", "Court 1"]);
  await expect(admin.getByRole("button", { name: "Move Centre Court up" })).toBeDisabled();

  // A court added goes last.
  await admin.getByLabel("New court's name").fill("Padel 1");
  await admin.getByLabel("New court's type").selectOption({ label: "Padel court" });
  await admin.getByRole("button", { name: "Add the court" }).click();
  await expect(order.getByRole("heading", { level: 4 })).toHaveText(["Centre Court", "Court 1", "Padel 1"]);
  await expectAccessible(admin, "the courts after the changes");

  // Kept after a reload.
  await admin.reload();
  await openSettings(admin, "Courts");
  await expect(order.getByRole("heading", { level: 4 })).toHaveText(["Centre Court", "Court 1", "Padel 1"]);
  await expect(admin.getByRole("region", { name: "Centre Court", exact: true }).getByLabel("Surface")).toHaveValue("clay");

  const player = await (await browser.newContext()).newPage();
  await playerOnClubPage(player, club, "Otto Order");
  const courts = player.getByRole("region", { name: "Courts" });
  const rows = courts.getByRole("group", { name: "Court table" }).getByRole("row");
  await expect(rows.nth(1)).toHaveText(/^Centre CourtTennis courtIndoorClayFloodlit/);
  await expect(rows.nth(2)).toHaveText(/^Court 1Tennis court/);
  await expect(rows.nth(3)).toHaveText(/^Padel 1Padel court/);
  await expectAccessible(player, "the club's page with the courts in their new order");

  // The booking grid's columns follow the same order.
  await player.getByRole("button", { name: "Book a court here" }).first().click();
  await openGrid(player, club);
  const heads = player.getByRole("table").first().getByRole("columnheader");
  await expect(heads.nth(1)).toHaveText("Centre Court");
  await expect(heads.nth(2)).toHaveText("Court 1");
});

test("with non-members turned away, a player who is not on the roster cannot hold a court", async ({ browser }) => {
  const club = `Members Mews ${Date.now()}`;
  const admin = await (await browser.newContext()).newPage();
  await setUpClub(admin, club);
  await openSettings(admin, "Booking policies");
  await expect(admin.getByRole("radio", { name: "Anyone signed in" })).toBeChecked();
  await admin.getByRole("radio", { name: "Members only; others may ask to join" }).check();
  await admin.getByRole("button", { name: "Save policies" }).click();
  await expect(admin.getByRole("status")).toHaveText("The policies are saved.");
  await expectAccessible(admin, "the booking policies");
  await admin.reload();
  await openSettings(admin, "Booking policies");
  await expect(admin.getByRole("radio", { name: "Members only; others may ask to join" })).toBeChecked();

  const player = await (await browser.newContext()).newPage();
  await player.goto("/");
  await signUp(player, "Nina Nonmember", uniqueEmail("nina"));
  await openGrid(player, club);
  await player.getByRole("button", { name: /^Court 1, 10:00 to 11:00, available/ }).click();
  await expect(player.getByRole("alert")).toContainText("Only members can book at this facility.");
});
