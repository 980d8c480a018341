import { expect, test } from "@playwright/test";
import { expectAccessible, playerOnGrid, setUpClub } from "./helpers";

test("a player subscribes to their calendar, finds the booking in the feed, and makes a new link", async ({ browser }) => {
  const club = `Lakeside ${Date.now()}`;
  const admin = await (await browser.newContext()).newPage();
  await setUpClub(admin, club);

  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const player = await context.newPage();
  await playerOnGrid(player, club, "Cal Endar");
  await player.getByRole("button", { name: /^Court 1, 10:00 to 11:00, available/ }).click();
  await player.getByRole("button", { name: "Confirm booking" }).click();
  await expect(player.getByRole("button", { name: /^Court 1, 10:00 to 11:00, your booking/ })).toBeVisible();

  await player.getByRole("button", { name: "My bookings" }).click();
  await expect(player.getByRole("heading", { name: "Subscribe to my calendar" })).toBeVisible();
  const address = player.getByLabel("Calendar link");
  await expect(address).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/calendar\/[\w-]{43}\.ics$/);
  const first = await address.inputValue();
  await expect(player.getByRole("link", { name: "Open in my calendar app" })).toHaveAttribute(
    "href",
    first.replace(/^http:/, "webcal:"),
  );
  await expectAccessible(player, "My bookings with the calendar link");

  await player.getByRole("button", { name: "Copy link" }).click();
  await expect(player.getByRole("status")).toHaveText("Copied the calendar link.");
  expect(await player.evaluate(() => navigator.clipboard.readText())).toBe(first);

  // The feed needs no sign-in: a calendar app reads it with the address alone. The booking shows
  // once the worker has passed its event on.
  await expect
    .poll(async () => {
      const r = await player.request.get(first);
      return r.ok() ? await r.text() : `HTTP ${r.status()}`;
    })
    .toContain(`SUMMARY:Court 1 at ${club}`);
  const feed = await player.request.get(first);
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(await feed.text()).toMatch(/DTSTART;TZID=America\/New_York:\d{8}T100000/);

  await player.getByRole("button", { name: "Make a new link" }).click();
  await player.getByRole("button", { name: "Yes, make a new link" }).click();
  await expect(player.getByRole("status")).toContainText("The old one no longer works");
  await expect(address).not.toHaveValue(first);
  const second = await address.inputValue();
  expect((await player.request.get(first)).status()).toBe(404);
  expect(await (await player.request.get(second)).text()).toContain(`SUMMARY:Court 1 at ${club}`);
});
