import { expect, test } from "@playwright/test";
import { bookingDay, expectAccessible, logIn } from "./helpers";

/// "Thu, Dec 10" for 2026-12-10, as the calendar names a day.
function dayName(date: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "short", month: "short", day: "numeric" }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

test("the demo desk works a day from the calendar: books a member, blocks by dragging, checks in, looks at the week and month", async ({
  page,
}) => {
  // A whole morning's work with an accessibility audit at each step: more than one minute on a busy machine.
  test.slow();
  await page.goto("/admin");
  await logIn(page, "desk@demo.slotbase.test", "demo-desk-pass");
  await expect(page.getByRole("heading", { name: "Calendar", exact: true })).toBeVisible();
  const day = bookingDay();
  await page.getByLabel("Date", { exact: true }).fill(day);
  await expect(page.getByRole("button", { name: "Court 11, 13:00, free" })).toBeVisible();
  await expectAccessible(page, "the calendar's day view");

  // An empty slot opens the booking form on that court and time; the member is found by typing.
  await page.getByRole("button", { name: "Court 11, 13:00, free" }).click();
  const form = page.getByRole("region", { name: "Book for a member" });
  await expect(form.getByLabel("Court").locator("option:checked")).toHaveText("Court 11");
  await expect(form.getByLabel("Start")).toHaveValue("13:00");
  await form.getByLabel("Member").fill("pat");
  await expect(form.getByRole("option", { name: "Pat Player (player@demo.slotbase.test)" })).toBeVisible();
  await expectAccessible(page, "the member picker");
  await form.getByRole("option", { name: "Pat Player (player@demo.slotbase.test)" }).click();
  await expect(form).toContainText("Booking for Pat Player");
  await form.getByRole("button", { name: "Book", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Booked.");
  const booking = page.getByRole("button", { name: /^13:00–14:00 on Court 11: Pat Player, confirmed/ });
  await expect(booking).toBeVisible();

  // Dragging over two slots of Court 12 offers to book or block them; the desk blocks them.
  await page.getByRole("button", { name: "Court 12, 15:00, free" }).hover();
  await page.mouse.down();
  await page.getByRole("button", { name: "Court 12, 15:30, free" }).hover();
  await page.mouse.up();
  const chooser = page.getByRole("dialog", { name: "Court 12, 15:00 to 16:00" });
  await expect(chooser).toBeVisible();
  await expectAccessible(page, "the book-or-block chooser");
  await chooser.getByRole("button", { name: "Block" }).click();
  const block = page.getByRole("region", { name: "Block a court for maintenance" });
  await expect(block.getByLabel("Court").locator("option:checked")).toHaveText("Court 12");
  await expect(block.getByLabel("From")).toHaveValue("15:00");
  await expect(block.getByLabel("Minutes")).toHaveValue("60");
  await block.getByLabel("Reason").fill("Net repair");
  await block.getByRole("button", { name: "Block court" }).click();
  await expect(page.getByRole("status")).toHaveText("Court blocked.");
  await expect(page.getByRole("button", { name: "Remove block 15:00 on Court 12" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Court 12, 15:30, free" })).toHaveCount(0);

  // The same from the keyboard: Shift and the arrow keys select slots, Enter offers the choice.
  await page.getByRole("button", { name: "Court 10, 17:00, free" }).focus();
  await page.keyboard.press("Shift+ArrowDown");
  await expect(page.getByRole("button", { name: "Court 10, 17:30, free" })).toBeFocused();
  await page.keyboard.press("Enter");
  const keyed = page.getByRole("dialog", { name: "Court 10, 17:00 to 18:00" });
  await expect(keyed.getByRole("button", { name: "Book" })).toBeFocused();
  await keyed.getByRole("button", { name: "Never mind" }).click();
  await expect(keyed).toHaveCount(0);

  // The booking's drawer: who, how to reach them, what it is; the desk checks it in.
  await booking.click();
  const drawer = page.getByRole("complementary", { name: "Booking 13:00 on Court 11" });
  await expect(drawer).toContainText("Pat Player");
  await expect(drawer.getByRole("link", { name: "player@demo.slotbase.test" })).toBeVisible();
  await expect(drawer).toContainText("open play");
  await expectAccessible(page, "a booking's drawer");
  await drawer.getByRole("button", { name: "Check in 13:00 on Court 11" }).click();
  await expect(page.getByRole("status")).toHaveText("Checked in.");
  await expect(drawer.getByRole("button", { name: "Check in 13:00 on Court 11" })).toHaveCount(0);
  await expect(drawer).toContainText("checked in");
  await expect(page.getByRole("button", { name: /^13:00–14:00 on Court 11: Pat Player, checked in/ })).toBeVisible();
  await drawer.getByRole("button", { name: /^Close/ }).click();

  // The week shows the day's booking under its court; the month counts it on its day.
  await page.getByRole("button", { name: "Week", exact: true }).click();
  const weekday = page.getByRole("region", { name: dayName(day) });
  await expect(weekday).toContainText("13:00–14:00 Court 11 · Pat Player");
  await expect(weekday).toContainText("15:00–16:00 Court 12 · blocked: Net repair");
  await expectAccessible(page, "the calendar's week view");
  await page.getByRole("button", { name: "Month", exact: true }).click();
  const date = page.getByRole("button", { name: new RegExp(`^${dayName(day)}: [1-9]\\d* bookings?`) });
  await expect(date).toBeVisible();
  await expectAccessible(page, "the calendar's month view");
  await date.click();
  await expect(page.getByRole("button", { name: "Day", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("button", { name: /^13:00–14:00 on Court 11: Pat Player, checked in/ })).toBeVisible();
});
