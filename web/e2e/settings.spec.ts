import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, setUpClub } from "./helpers";

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
