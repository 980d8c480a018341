import { expect, test } from "@playwright/test";
import { bookingDay, expectAccessible, playerOnGrid, setUpClub } from "./helpers";

test("the desk rejects a booking awaiting approval with a reason, and the player reads it", async ({ browser }) => {
  const club = `Hillside ${Date.now()}`;
  const admin = await (await browser.newContext()).newPage();
  await setUpClub(admin, club);

  // The facility asks for approval of every new booking.
  await admin.getByRole("button", { name: "Settings", exact: true }).click();
  await admin.getByRole("navigation", { name: "Settings" }).getByRole("button", { name: "Booking policies" }).click();
  await admin.getByLabel("New bookings need approval").check();
  await admin.getByRole("button", { name: "Save policies" }).click();
  await expect(admin.getByRole("status")).toHaveText("The policies are saved.");

  const player = await (await browser.newContext()).newPage();
  await playerOnGrid(player, club, "Rita Requester");
  await player.getByRole("button", { name: /^Court 1, 10:00 to 11:00, available/ }).click();
  await player.getByRole("button", { name: "Confirm booking" }).click();
  await expect(player.getByRole("heading", { name: "Booking confirmed" })).toBeVisible();

  // The desk sees it waiting, and rejects it: not without a reason.
  await admin.getByRole("button", { name: "Calendar", exact: true }).click();
  await admin.getByLabel("Date").fill(bookingDay());
  await admin.getByRole("button", { name: /^10:00–11:00 on Court 1: .*awaiting approval/ }).click();
  await expect(admin.getByRole("button", { name: "Approve 10:00 on Court 1" })).toBeVisible();
  await admin.getByRole("button", { name: "Reject 10:00 on Court 1" }).click();
  const form = admin.getByRole("form", { name: "Reject 10:00 on Court 1" });
  await form.getByRole("button", { name: "Reject booking" }).click();
  await expect(form.getByLabel(/Reason for rejecting/)).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(admin, "the reject form");
  await form.getByLabel(/Reason for rejecting/).fill("Court 1 is kept for the league that morning");
  await form.getByRole("button", { name: "Reject booking" }).click();
  await expect(admin.getByRole("status")).toHaveText(/^Rejected and cancelled; refund \$/);
  await expect(admin.getByRole("button", { name: "Approve 10:00 on Court 1" })).toHaveCount(0);
  await expect(admin.getByRole("list", { name: "Cancelled this day" })).toContainText("rejected · Court 1 is kept for the league that morning");

  await player.getByRole("button", { name: "My bookings" }).click();
  const rejected = player.getByRole("listitem").filter({ hasText: "10:00" });
  await expect(rejected).toContainText("cancelled");
  await expect(rejected).toContainText("rejected");
  await expect(rejected).toContainText("Rejected by the club: Court 1 is kept for the league that morning");
  await expect(player.getByRole("heading", { name: "Past and cancelled" })).toBeVisible();
  await expectAccessible(player, "my bookings with a rejected booking");
});
