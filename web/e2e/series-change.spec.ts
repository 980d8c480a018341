import { expect, test, type APIRequestContext } from "@playwright/test";
import { bookingDay, expectAccessible, logIn } from "./helpers";

function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/// A local wall-clock time in New York as an instant with its offset.
function newYork(date: string, time: string): string {
  const offset = new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", timeZoneName: "longOffset" })
    .formatToParts(new Date(`${date}T12:00:00Z`))
    .find((p) => p.type === "timeZoneName")!.value.replace("GMT", "");
  return `${date}T${time}:00${offset}`;
}

/// Books Court 9 from 09:00 to 10:00 on `date` at the desk, through the API.
async function takeCourt9(request: APIRequestContext, date: string) {
  const login = await request.post("/api/v1/auth/login", { data: { email: "owner@demo.slotbase.test", password: "demo-owner-pass" } });
  const headers = { authorization: `Bearer ${(await login.json()).access_token}` };
  const facility = (await (await request.get("/api/v1/facilities", { headers })).json()).items[0] as { id: string };
  const courts = (await (await request.get(`/api/v1/facilities/${facility.id}/resources`, { headers })).json()).items as { id: string; name: string }[];
  const r = await request.post(`/api/v1/facilities/${facility.id}/bookings`, {
    headers,
    data: { resource_id: courts.find((c) => c.name === "Court 9")!.id, start: newYork(date, "09:00"), end: newYork(date, "10:00"), type: "private" },
  });
  expect(r.ok(), await r.text()).toBe(true);
}

test("the desk moves a series from its second week, sees the clash before confirming, and the player moves one week", async ({ browser, request }) => {
  const first = bookingDay();
  await takeCourt9(request, plusDays(first, 14));

  const desk = await (await browser.newContext()).newPage();
  await desk.goto("/admin");
  await logIn(desk, "desk@demo.slotbase.test", "demo-desk-pass");
  await desk.getByLabel("Date", { exact: true }).fill(first);
  const form = desk.getByRole("region", { name: "Book for a member" });
  await form.getByLabel("Member").fill("pat");
  await form.getByRole("option", { name: /^Pat Player/ }).click();
  await form.getByLabel("Court").selectOption({ label: "Court 9" });
  await form.getByLabel("Start").fill("08:00");
  await form.getByRole("checkbox", { name: /^Repeat weekly on \w+days$/ }).check();
  await form.getByLabel("Repeat weekly until").fill(plusDays(first, 14));
  await form.getByRole("button", { name: "Book the series" }).click();
  await expect(desk.getByRole("status")).toHaveText("Weekly series booked: 3 occurrences.");
  // Each occurrence, not the items of the lists a change opens inside one.
  const occurrences = form.getByRole("list", { name: "Occurrences", exact: true }).locator(":scope > li");
  await expect(occurrences.filter({ hasText: "08:00–09:00" })).toHaveCount(3);

  // From the second week on, an hour later: the third week's 09:00 on Court 9 is taken.
  await occurrences.nth(1).getByRole("button", { name: /^Change from/ }).click();
  const change = desk.getByRole("group", { name: "Change the series" });
  await expect(change.getByRole("radio", { name: /and the ones after it/ })).toBeChecked();
  await change.getByLabel("New start time").fill("09:00");
  await change.getByRole("button", { name: "Review the change" }).click();
  const review = change.getByRole("region", { name: "Review the change" });
  await expect(review).toContainText("2 occurrences will move to 09:00–10:00");
  await expect(review.getByRole("list", { name: "Occurrences that change" }).getByRole("listitem")).toHaveCount(2);
  // The dry run names the clash before anything is confirmed, and the change cannot be confirmed.
  await expect(review.getByRole("list", { name: "Conflicts" }).getByRole("listitem")).toHaveCount(1);
  await expect(review.getByRole("list", { name: "Conflicts" })).toContainText("Court 9 is taken then");
  await expect(review.getByRole("button", { name: "Confirm the change" })).toBeDisabled();
  await expectAccessible(desk, "reviewing a change to a series that would clash");
  await expect(occurrences.filter({ hasText: "08:00–09:00" })).toHaveCount(3);

  // Court 10 is free at 09:00 every week.
  await change.getByLabel("Court").selectOption({ label: "Court 10" });
  await change.getByRole("button", { name: "Review the change" }).click();
  await expect(review).toContainText("2 occurrences will move to 09:00–10:00, to Court 10");
  await expect(review.getByRole("list", { name: "Conflicts" })).toHaveCount(0);
  await review.getByRole("button", { name: "Confirm the change" }).click();
  await expect(desk.getByRole("status")).toHaveText("That occurrence and the ones after it were changed.");
  await expect(occurrences.filter({ hasText: "08:00–09:00" })).toHaveCount(1);
  await expect(occurrences.filter({ hasText: "09:00–10:00" })).toHaveCount(2);

  // The player moves only the first week to 10:00.
  const player = await (await browser.newContext()).newPage();
  await player.goto("/");
  await logIn(player, "player@demo.slotbase.test", "demo-player-pass");
  await player.getByRole("button", { name: "My bookings" }).click();
  const week1 = player.getByRole("listitem").filter({ hasText: "weekly series" }).filter({ hasText: "Court 9" }).filter({ hasText: "08:00" });
  await expect(week1).toHaveCount(1);
  await week1.getByRole("button", { name: "Change series" }).click();
  const mine = player.getByRole("group", { name: "Change the series" });
  await mine.getByRole("radio", { name: /^Only/ }).check();
  await mine.getByLabel("New start time").fill("10:00");
  await mine.getByRole("button", { name: "Review the change" }).click();
  await expect(mine.getByRole("region", { name: "Review the change" })).toContainText("1 occurrence will move to 10:00–11:00");
  await expectAccessible(player, "a player reviewing a change to their series");
  await mine.getByRole("button", { name: "Confirm the change" }).click();
  await expect(player.getByRole("status")).toHaveText("That occurrence was changed.");
  await expect(player.getByRole("listitem").filter({ hasText: "weekly series" }).filter({ hasText: "Court 9" }).filter({ hasText: "10:00" })).toHaveCount(1);
});
