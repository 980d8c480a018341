import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { bookingDay, expectAccessible, logIn, openGrid } from "./helpers";

type Policies = { allow_player_recurring: boolean; payment_timing: string; booking_window_days: number };

/// The demo owner's token and the demo facility, through the API.
async function asOwner(request: APIRequestContext) {
  const login = await request.post("/api/v1/auth/login", { data: { email: "owner@demo.slotbase.test", password: "demo-owner-pass" } });
  expect(login.ok()).toBe(true);
  const headers = { authorization: `Bearer ${(await login.json()).access_token}` };
  const facilities = await request.get("/api/v1/facilities", { headers });
  const facility = (await facilities.json()).items[0] as { id: string; name: string; policies: Policies };
  const setPolicies = async (policies: Partial<Policies>) => {
    const r = await request.patch(`/api/v1/facilities/${facility.id}`, { headers, data: { policies } });
    expect(r.ok(), await r.text()).toBe(true);
  };
  return { facility, setPolicies };
}

async function playerOnDemoGrid(page: Page, facilityName: string) {
  await page.goto("/");
  await logIn(page, "player@demo.slotbase.test", "demo-player-pass");
  await openGrid(page, facilityName);
}

test("where the owner allows it, a player repeats a slot weekly for three weeks", async ({ browser, request }) => {
  const { facility, setPolicies } = await asOwner(request);
  const before = facility.policies;
  // Player series: allowed, paid around the session (a facility that takes payment when players
  // book has series booked at the desk), and a window that reaches the third week.
  await setPolicies({ allow_player_recurring: true, payment_timing: "before_session", booking_window_days: 30 });
  try {
    const player = await (await browser.newContext()).newPage();
    await playerOnDemoGrid(player, facility.name);
    await player.getByRole("button", { name: /^Court 8, 16:00 to 17:00, available/ }).click();
    await expect(player.getByRole("button", { name: /^Court 8, 16:00 to 17:00, your hold/ })).toBeVisible();

    const weekday = new Intl.DateTimeFormat("en-US", { weekday: "long", timeZone: "UTC" }).format(new Date(`${bookingDay()}T12:00:00Z`));
    await player.getByRole("checkbox", { name: `Repeat weekly on ${weekday}s` }).check();
    const until = new Date(`${bookingDay()}T12:00:00Z`);
    until.setUTCDate(until.getUTCDate() + 14);
    await player.getByLabel("Repeat weekly until").fill(until.toISOString().slice(0, 10));
    await expectAccessible(player, "the hold panel repeating weekly");
    await player.getByRole("button", { name: "Book the weekly series" }).click();

    await expect(player.getByRole("heading", { name: "Weekly series booked" })).toBeVisible();
    await expect(player.getByRole("status")).toHaveText("3 occurrences booked.");
    await expect(player.getByRole("list", { name: "Occurrences booked" }).getByRole("listitem")).toHaveCount(3);
    await expectAccessible(player, "the series just booked");
    await player.getByRole("button", { name: "Done" }).click();
    await expect(player.getByRole("status")).toHaveText("Weekly series booked: 3 occurrences. Find them in My bookings.");
    await expect(player.getByRole("button", { name: /^Court 8, 16:00 to 17:00, your booking/ })).toBeVisible();

    await player.getByRole("button", { name: "My bookings" }).click();
    const mine = player.getByRole("listitem").filter({ hasText: "weekly series" }).filter({ hasText: "16:00" });
    await expect(mine).toHaveCount(3);
  } finally {
    await setPolicies({
      allow_player_recurring: before.allow_player_recurring,
      payment_timing: before.payment_timing,
      booking_window_days: before.booking_window_days,
    });
  }
});

test("where player series are off, the hold panel offers no repeat", async ({ page, request }) => {
  const { facility } = await asOwner(request);
  expect(facility.policies.allow_player_recurring).toBe(false);
  await playerOnDemoGrid(page, facility.name);
  await page.getByRole("button", { name: /^Court 8, 18:00 to 19:00, available/ }).click();
  // The demo facility takes cards when players book: the hold panel asks for a card (or, where
  // the facility takes none, offers Confirm booking), and never a repeat.
  await expect(page.getByRole("button", { name: /^Pay \$/ }).or(page.getByRole("button", { name: "Confirm booking" }))).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /Repeat weekly/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Let it go" }).click();
});
