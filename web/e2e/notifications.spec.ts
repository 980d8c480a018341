import { expect, test } from "@playwright/test";
import { expectAccessible, playerOnGrid, setUpClub } from "./helpers";

test("a booking's confirmation reaches the player's bell live, with the court and the club's time", async ({ browser }) => {
  const club = `Lakeside ${Date.now()}`;
  const admin = await (await browser.newContext()).newPage();
  await setUpClub(admin, club);
  const page = await (await browser.newContext()).newPage();
  await playerOnGrid(page, club, "Nia Notified");

  const bell = page.getByRole("button", { name: /^Notifications/ });
  await expect(bell).toHaveAccessibleName("Notifications");
  await page.getByRole("button", { name: /^Court 1, 10:00 to 11:00, available/ }).click();
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByRole("button", { name: /^Court 1, 10:00 to 11:00, your booking/ })).toBeVisible();

  // Pushed over /ws: no reload.
  await expect(page.getByRole("button", { name: "Notifications, 1 unread" })).toBeVisible();
  await page.getByRole("button", { name: "Notifications, 1 unread" }).click();
  const list = page.getByRole("list", { name: "Notifications" });
  await expect(list.getByText("Booking confirmed")).toBeVisible();
  await expect(list.getByText(/Court 1 at .*, \w{3} \d{1,2} \w{3}, 10:00 \(America\/New_York\)/)).toBeVisible();
  await expectAccessible(page, "the notifications list");

  await page.getByRole("button", { name: "Mark read: Booking confirmed" }).click();
  await expect(page.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();
});
