import { expect, test } from "@playwright/test";
import { expectAccessible, logIn } from "./helpers";

// The demo club's desk and coach belong to no organization: their roles name the facility.
for (const [who, email, password] of [
  ["the desk", "desk@demo.slotbase.test", "demo-desk-pass"],
  ["a coach", "coach@demo.slotbase.test", "demo-coach-pass"],
]) {
  test(`${who} reaches the calendar and lists of the facility their role names`, async ({ page }) => {
    await page.goto("/admin");
    await logIn(page, email, password);
    await expect(page.getByRole("heading", { name: "Calendar", exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Set up your facility" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Calendar", exact: true })).toBeEnabled();
    // The calendar has a column for each of the club's twelve courts.
    await expect(page.locator(".cal-court").filter({ hasText: /^Court 12$/ })).toBeVisible();
    await expectAccessible(page, `the calendar for ${who}`);

    await page.getByRole("button", { name: "People and bookings" }).click();
    await expect(page.getByRole("heading", { name: "People and bookings" })).toBeVisible();
    await expect(page.getByText("Dan Desk")).toBeVisible();
    await expectAccessible(page, `the lists for ${who}`);
  });
}
