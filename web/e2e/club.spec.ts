import { expect, test } from "@playwright/test";
import { expectAccessible, playerOnGrid, setUpClub, bookingDay } from "./helpers";

test("a club is set up, a player books, the desk sees it and checks in, the player cancels", async ({ browser }) => {
  const club = `Riverside ${Date.now()}`;
  const admin = await (await browser.newContext()).newPage();
  await setUpClub(admin, club);
  await expectAccessible(admin, "the calendar");

  const player = await (await browser.newContext()).newPage();
  await playerOnGrid(player, club, "Pat Player");
  await expectAccessible(player, "the booking grid");

  // Book 10:00 on Court 1.
  await player.getByRole("button", { name: /^Court 1, 10:00 to 11:00, available/ }).click();
  await expect(player.getByRole("heading", { name: "Your hold" })).toBeVisible();
  await expect(player.getByRole("timer")).toHaveText(/^[0-5]:\d\d$/);
  await expectAccessible(player, "a hold");
  await player.getByRole("button", { name: "Confirm booking" }).click();
  await expect(player.getByRole("heading", { name: "Booking confirmed" })).toBeVisible();
  await expect(player.getByRole("button", { name: /^Court 1, 10:00 to 11:00, your booking/ })).toBeVisible();

  // And 12:00, which the player will cancel.
  await player.getByRole("button", { name: /^Court 1, 12:00 to 13:00, available/ }).click();
  await player.getByRole("button", { name: "Confirm booking" }).click();
  await expect(player.getByRole("heading", { name: "Booking confirmed" })).toBeVisible();

  // The desk sees both on that day's calendar and checks the first in from its drawer.
  await admin.getByLabel("Date").fill(bookingDay());
  await expect(admin.getByRole("button", { name: /^12:00–13:00 on Court 1: .*confirmed/ })).toBeVisible();
  await admin.getByRole("button", { name: /^10:00–11:00 on Court 1: .*confirmed/ }).click();
  await admin.getByRole("button", { name: "Check in 10:00 on Court 1" }).click();
  await expect(admin.getByRole("status")).toHaveText("Checked in.");
  await expect(admin.getByRole("button", { name: "Check in 10:00 on Court 1" })).toHaveCount(0);

  // The player cancels 12:00 from My bookings, seeing the refund first.
  await player.getByRole("button", { name: "My bookings" }).click();
  await expect(player.getByRole("heading", { name: "My bookings" })).toBeVisible();
  await expectAccessible(player, "my bookings");
  const upcoming = player.getByRole("listitem").filter({ hasText: "12:00" });
  await upcoming.getByRole("button", { name: "Cancel" }).click();
  await expect(player.getByRole("group", { name: "Confirm the cancellation" })).toContainText("refunds 100%");
  await player.getByRole("button", { name: "Yes, cancel this booking" }).click();
  await expect(player.getByRole("status")).toHaveText("Your booking was cancelled.");

  // The calendar follows live: 12:00 is cancelled, off the grid and listed as cancelled.
  await expect(admin.getByRole("button", { name: /^12:00–13:00 on Court 1:/ })).toHaveCount(0);
  await expect(admin.getByRole("list", { name: "Cancelled this day" })).toContainText(/12:00–13:00 Court 1 · .* · cancelled/);

  await admin.getByRole("button", { name: "People and bookings" }).click();
  await expect(admin.getByRole("heading", { name: "People and bookings" })).toBeVisible();
  await expectAccessible(admin, "the lists");
});

test("one player's hold appears on another's grid without a reload", async ({ browser }) => {
  const club = `Lakeside ${Date.now()}`;
  const admin = await (await browser.newContext()).newPage();
  await setUpClub(admin, club);

  const first = await (await browser.newContext()).newPage();
  // The second is on a phone: the grid is a list of times per court.
  const second = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
  await playerOnGrid(first, club, "Alex First");
  await playerOnGrid(second, club, "Sam Second");
  await expect(second.getByRole("button", { name: /^Court 2, 14:00 to 15:00, available/ })).toBeVisible();
  await expect(second.getByRole("table")).toHaveCount(0);
  await expect(second.getByRole("heading", { name: "Court 2", level: 3 })).toBeVisible();
  await expectAccessible(second, "the booking list on a phone");

  await first.getByRole("button", { name: /^Court 2, 14:00 to 15:00, available/ }).click();
  await expect(first.getByRole("heading", { name: "Your hold" })).toBeVisible();
  await expect(second.getByRole("button", { name: /^Court 2, 14:00 to 15:00, held by someone/ })).toBeVisible();

  // The second player asks for it anyway: a friendly word and the waitlist.
  await second.getByRole("button", { name: /^Court 2, 14:00 to 15:00, held by someone/ }).click();
  await second.getByRole("button", { name: "Join the waitlist" }).click();
  await expect(second.getByRole("status")).toContainText("You are on the waitlist");

  // When the first lets it go, it is offered to the waitlist: held for the second, who books it.
  await first.getByRole("button", { name: "Let it go" }).click();
  await expect(first.getByRole("status")).toHaveText("The slot was let go.");
  await second.getByRole("button", { name: "My bookings" }).click();
  await expect(async () => {
    await second.reload();
    await second.getByRole("button", { name: "My bookings" }).click();
    await expect(second.getByRole("button", { name: "Book the offered slot" })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await second.getByRole("button", { name: "Book the offered slot" }).click();
  await expect(second.getByRole("status")).toHaveText("The offered slot is booked for you.");
  await expect(first.getByRole("button", { name: /^Court 2, 14:00 to 15:00, booked/ })).toBeVisible();
});

test("a log-in survives a reload and wrong passwords get a clear message", async ({ page }) => {
  await page.goto("/");
  await expectAccessible(page, "the log-in page");
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();

  await page.getByRole("button", { name: "New here? Create an account" }).click();
  await page.getByLabel("Name").fill("Robin Reload");
  await page.getByLabel("Email").fill(`robin-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByText("Please correct the fields above.")).toBeVisible();
  await page.getByLabel("Password").fill("a long enough passphrase");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("button", { name: "Log in" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("button", { name: "Log in" })).toBeVisible();

  // The admin app and the PWA's files are served too.
  const manifest = await page.request.get("/manifest.webmanifest");
  expect(manifest.ok()).toBeTruthy();
  expect((await manifest.json()).display).toBe("standalone");
  expect((await page.request.get("/offline.html")).ok()).toBeTruthy();
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Log in to SlotBase Admin" })).toBeVisible();
  await expectAccessible(page, "the admin log-in page");
});

test("the desk books for the club and blocks a court; players see both", async ({ browser }) => {
  const club = `Hillside ${Date.now()}`;
  const admin = await (await browser.newContext()).newPage();
  await setUpClub(admin, club);
  await admin.getByLabel("Date").fill(bookingDay());

  const booking = admin.getByRole("region", { name: "Book for a member" });
  await booking.getByLabel("Court").selectOption({ label: "Court 2" });
  await booking.getByLabel("Start").fill("09:00");
  await booking.getByLabel("Type").selectOption("league");
  await booking.getByRole("button", { name: "Book" }).click();
  await expect(admin.getByRole("button", { name: /^09:00–10:00 on Court 2: .*confirmed/ })).toBeVisible();

  const block = admin.getByRole("region", { name: "Block a court for maintenance" });
  await block.getByLabel("Court").selectOption({ label: "Court 1" });
  await block.getByLabel("From").fill("16:00");
  await block.getByLabel("Reason").fill("Resurfacing");
  await block.getByRole("button", { name: "Block court" }).click();
  await expect(admin.getByRole("button", { name: "Remove block 16:00 on Court 1" })).toBeVisible();
  await expectAccessible(admin, "the calendar with bookings and blocks");

  const player = await (await browser.newContext()).newPage();
  await playerOnGrid(player, club, "Pat Player");
  await expect(player.getByRole("button", { name: /^Court 2, 09:00 to 10:00, booked/ })).toBeVisible();
  await expect(player.getByRole("button", { name: /^Court 1, 16:00 to 17:00, closed for maintenance/ })).toBeDisabled();
});
