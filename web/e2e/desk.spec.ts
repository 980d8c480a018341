import { expect, test } from "@playwright/test";
import { expectAccessible, logIn } from "./helpers";

// The demo club's desk and coach belong to no organization: their roles name the facility.
for (const [who, email, password] of [
  ["the desk", "desk@demo.slotbase.test", "demo-desk-pass"],
  ["a coach", "coach@demo.slotbase.test", "demo-coach-pass"],
]) {
  test(`${who} reaches the day sheet and lists of the facility their role names`, async ({ page }) => {
    await page.goto("/admin");
    await logIn(page, email, password);
    await expect(page.getByRole("heading", { name: "Day sheet" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Set up your facility" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Day sheet" })).toBeEnabled();
    await expect(page.getByRole("row", { name: /Court 12/ })).toBeVisible();
    await expectAccessible(page, `the day sheet for ${who}`);

    await page.getByRole("button", { name: "People and bookings" }).click();
    await expect(page.getByRole("heading", { name: "People and bookings" })).toBeVisible();
    await expect(page.getByText("Dan Desk")).toBeVisible();
    await expectAccessible(page, `the lists for ${who}`);
  });
}
