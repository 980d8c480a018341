import { expect, test } from "@playwright/test";
import { clubThroughApi, dayIn, dayLabel, everyDay } from "./club-api";
import { expectAccessible, signUp, uniqueEmail } from "./helpers";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };

/// A zone where it is about noon now (UTC+12 to UTC-11, whole hours): its morning has passed and
/// its afternoon is ahead, whenever the test runs.
function noonZone(): string {
  const offset = 12 - new Date().getUTCHours();
  // The Etc zones' signs are the other way round: Etc/GMT-3 is three hours ahead of UTC.
  return offset === 0 ? "Etc/UTC" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
}

test("the grid opens on the first day with free courts and hides the past; a phone filters courts and books from the next free slots", async ({
  browser,
  request,
}) => {
  const zone = noonZone();
  const name = `Dawnside ${Date.now()}`;
  const hours = everyDay("06:00", "22:00");
  const club = await clubThroughApi(request, { name, timezone: zone, hours: { weekly: hours }, courts: [{ name: "Court A" }, { name: "Court B" }] });

  // Today: the grid opens on it, without the morning's slots, which have passed.
  const player = await (await browser.newContext()).newPage();
  await player.goto("/");
  await signUp(player, "Fay First", uniqueEmail("fay"));
  await player.getByRole("button", { name: `Book at ${name}` }).click();
  await expect(player.getByLabel("Date")).toHaveValue(dayIn(zone));
  await expect(player.getByRole("button", { name: /^Court A, 15:00 to 16:00, available/ })).toBeVisible();
  for (const past of ["06:00", "09:00", "11:00"])
    await expect(player.getByRole("button", { name: new RegExp(`^Court A, ${past} to`) })).toHaveCount(0);
  const firstRow = Number((await player.getByRole("rowheader").first().textContent())!.slice(0, 2));
  expect(firstRow).toBeGreaterThanOrEqual(12);
  await expectAccessible(player, "the grid without the past");

  // Today and tomorrow closed (holidays): the grid opens on the day after, from its first slot.
  await club.asOwner("put", `/api/v1/facilities/${club.id}/hours`, {
    weekly: hours,
    holidays: [
      { date: dayIn(zone), name: "Staff day", closed: true },
      { date: dayIn(zone, 1), name: "Courts relined", closed: true },
    ],
  });
  await player.reload();
  await expect(player.getByLabel("Date")).toHaveValue(dayIn(zone, 2));
  await expect(player.getByRole("button", { name: /^Court A, 06:00 to 07:00, available/ })).toBeVisible();

  // A phone: the same first day, one court at a time, and the next free slots first.
  const phone = await (await browser.newContext(PHONE)).newPage();
  await phone.goto("/");
  await signUp(phone, "Pip Phone", uniqueEmail("pip"));
  await phone.getByRole("button", { name: `Book at ${name}` }).click();
  await expect(phone.getByLabel("Date")).toHaveValue(dayIn(zone, 2));
  const next = phone.getByRole("region", { name: `Next available on ${dayLabel(dayIn(zone, 2))}` });
  await expect(next.getByRole("button").first()).toHaveText("06:00–07:00, Court A, $20.00");
  await expectAccessible(phone, "the phone's list with the next free slots");

  await phone.getByLabel("Court", { exact: true }).selectOption({ label: "Court B" });
  await expect(phone.getByRole("heading", { name: "Court A", level: 3 })).toHaveCount(0);
  await expect(phone.getByRole("heading", { name: "Court B", level: 3 })).toBeVisible();
  await expect(next.getByRole("button")).toHaveCount(5);
  await expect(next.getByRole("button").first()).toHaveText("06:00–07:00, Court B, $20.00");

  // One tap holds it, and the hold panel is in view with Confirm.
  await next.getByRole("button").first().click();
  await expect(phone.getByRole("heading", { name: "Your hold" })).toBeInViewport();
  await expect(phone.getByRole("region", { name: "Your hold" })).toContainText("Court B");
  const confirm = phone.getByRole("button", { name: "Confirm booking" });
  await expect(confirm).toBeInViewport();
  await confirm.click();
  await expect(phone.getByRole("heading", { name: "Booking confirmed" })).toBeInViewport();
  await expect(phone.getByRole("button", { name: /^Court B, 06:00 to 07:00, your booking/ })).toBeVisible();
  // The booked hour leaves the next free slots (06:30 overlaps it).
  await expect(next.getByRole("button").first()).toHaveText("07:00–08:00, Court B, $20.00");
  await expectAccessible(phone, "the phone's list after booking from the next free slots");
});
