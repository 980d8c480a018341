import { expect, test } from "@playwright/test";
import { bookingDay, expectAccessible, logIn } from "./helpers";

function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

test("the desk books a 4-week series for a member, who cancels from the second occurrence on", async ({ browser }) => {
  const desk = await (await browser.newContext()).newPage();
  await desk.goto("/admin");
  await logIn(desk, "desk@demo.slotbase.test", "demo-desk-pass");
  await expect(desk.getByRole("heading", { name: "Calendar", exact: true })).toBeVisible();

  const first = bookingDay();
  await desk.getByLabel("Date", { exact: true }).fill(first);
  const form = desk.getByRole("region", { name: "Book for a member" });
  await form.getByLabel("Member").fill("pat");
  await form.getByRole("option", { name: /^Pat Player/ }).click();
  await form.getByLabel("Court").selectOption({ label: "Court 7" });
  await form.getByLabel("Start").fill("07:30");
  await form.getByRole("checkbox", { name: /^Repeat weekly on \w+days$/ }).check();
  await form.getByLabel("Repeat weekly until").fill(plusDays(first, 21));
  await form.getByRole("button", { name: "Book the series" }).click();
  await expect(desk.getByRole("status")).toHaveText("Weekly series booked: 4 occurrences.");
  const occurrences = form.getByRole("list", { name: "Occurrences" }).getByRole("listitem");
  await expect(occurrences).toHaveCount(4);
  await expect(occurrences.filter({ hasText: "07:30–08:30" })).toHaveCount(4);
  await expectAccessible(desk, "the calendar with a weekly series");

  const player = await (await browser.newContext()).newPage();
  await player.goto("/");
  await logIn(player, "player@demo.slotbase.test", "demo-player-pass");
  await player.getByRole("button", { name: "My bookings" }).click();
  const upcoming = player.getByRole("listitem").filter({ hasText: "weekly series" }).filter({ hasText: "07:30" });
  await expect(upcoming).toHaveCount(4);
  await upcoming.nth(1).getByRole("button", { name: "Cancel" }).click();
  await expectAccessible(player, "cancelling an occurrence of a series");
  await player.getByRole("button", { name: "Cancel this and the following" }).click();
  await expect(player.getByRole("status")).toHaveText("This and the following occurrences were cancelled.");
  // Only this series' 07:30 occurrences: the demo player may have booked series of their own.
  await expect(upcoming.filter({ hasText: "confirmed" })).toHaveCount(1);
  await expect(upcoming.filter({ hasText: "cancelled" })).toHaveCount(3);
});
