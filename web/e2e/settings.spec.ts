import { expect, test, type Page } from "@playwright/test";
import { bookingDay, expectAccessible, playerOnGrid, setUpClub } from "./helpers";

async function openSettings(admin: Page, area: string) {
  await admin.getByRole("button", { name: "Settings", exact: true }).click();
  await expect(admin.getByRole("heading", { name: /^Settings of / })).toBeVisible();
  await admin.getByRole("navigation", { name: "Settings" }).getByRole("button", { name: area }).click();
}

test("the owner changes a policy and finds it kept after a reload", async ({ page }) => {
  await setUpClub(page, `Policy Park ${Date.now()}`);
  await openSettings(page, "Booking policies");
  await expect(page.getByLabel("Booking window (days ahead)")).toHaveValue("30");
  await expectAccessible(page, "the booking policies");

  // A longest booking shorter than the shortest: the server says why, at that field.
  await page.getByLabel("Longest booking (minutes)").fill("30");
  await page.getByRole("button", { name: "Save policies" }).click();
  await expect(page.getByLabel("Longest booking (minutes)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("must not be less than min_duration_minutes", { exact: true })).toBeVisible();
  await expectAccessible(page, "the booking policies with an error");

  await page.getByLabel("Longest booking (minutes)").fill("180");
  await page.getByLabel("Booking window (days ahead)").fill("45");
  await page.getByRole("checkbox", { name: "Venmo" }).check();
  await page.getByRole("button", { name: "Save policies" }).click();
  await expect(page.getByRole("status")).toHaveText("The policies are saved.");

  await page.reload();
  await openSettings(page, "Booking policies");
  await expect(page.getByLabel("Booking window (days ahead)")).toHaveValue("45");
  await expect(page.getByLabel("Longest booking (minutes)")).toHaveValue("180");
  await expect(page.getByRole("checkbox", { name: "Venmo" })).toBeChecked();
});

test("a holiday with modified hours shortens the player's day", async ({ browser }) => {
  const club = `Holiday Hall ${Date.now()}`;
  const admin = await (await browser.newContext()).newPage();
  await setUpClub(admin, club);
  await openSettings(admin, "Opening hours and holidays");
  await expect(admin.getByLabel("Monday opens")).toHaveValue("07:00");
  await admin.getByRole("button", { name: "Add a holiday" }).click();
  await admin.getByLabel("Holiday 1 date").fill(bookingDay());
  await admin.getByLabel("Holiday 1 name").fill("Club day");
  await admin.getByLabel("Holiday 1 closed all day").uncheck();
  await admin.getByLabel("Holiday 1 opens").fill("10:00");
  await admin.getByLabel("Holiday 1 closes").fill("14:00");
  await expectAccessible(admin, "the opening hours and holidays");
  await admin.getByRole("button", { name: "Save opening hours" }).click();
  await expect(admin.getByRole("status")).toHaveText("The opening hours are saved.");

  const player = await (await browser.newContext()).newPage();
  await playerOnGrid(player, club, "Holly Player");
  await expect(player.getByRole("button", { name: /^Court 1, 10:00 to 11:00, available/ })).toBeVisible();
  await expect(player.getByRole("button", { name: /^Court 1, 13:00 to 14:00, available/ })).toBeVisible();
  await expect(player.getByRole("button", { name: /^Court 1, 09:00 to 10:00, available/ })).toHaveCount(0);
  await expect(player.getByRole("button", { name: /^Court 1, 14:00 to 15:00, available/ })).toHaveCount(0);
});

test("a peak rule on a court shows its price on the player's grid", async ({ browser }) => {
  const club = `Peak Park ${Date.now()}`;
  const admin = await (await browser.newContext()).newPage();
  await setUpClub(admin, club);
  await openSettings(admin, "Prices per court");
  await admin.getByLabel("Court", { exact: true }).selectOption({ label: "Court 1" });
  await expect(admin.getByLabel("Price (USD)", { exact: true })).toHaveValue("20.00");
  // The set-up flow's weekday-evening peak is rule 1; this one is every day, late morning.
  await admin.getByRole("button", { name: "Add a price rule" }).click();
  await admin.getByLabel("Rule 2 name").fill("late morning");
  for (const day of ["Saturday", "Sunday"]) await admin.getByRole("group", { name: "Rule 2 weekdays" }).getByLabel(day).check();
  await admin.getByLabel("Rule 2 from (HH:MM)").fill("10:00");
  await admin.getByLabel("Rule 2 to (HH:MM)").fill("12:00");
  await admin.getByLabel("Rule 2 price (USD)").fill("45.50");
  await expectAccessible(admin, "the prices per court");
  await admin.getByRole("button", { name: "Save prices" }).click();
  await expect(admin.getByRole("status")).toHaveText("The prices are saved.");

  const player = await (await browser.newContext()).newPage();
  await playerOnGrid(player, club, "Penny Player");
  await expect(player.getByRole("button", { name: /^Court 1, 10:00 to 11:00, available, \$45\.50/ })).toBeVisible();
  await expect(player.getByRole("button", { name: /^Court 1, 09:00 to 10:00, available, \$20\.00/ })).toBeVisible();
  await expect(player.getByRole("button", { name: /^Court 2, 10:00 to 11:00, available, \$20\.00/ })).toBeVisible();
});
