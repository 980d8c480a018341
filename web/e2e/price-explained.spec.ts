import { expect, test, type Page } from "@playwright/test";
import { clubThroughApi, dayIn, everyDay, weekdayOf } from "./club-api";
import { expectAccessible, signUp, uniqueEmail } from "./helpers";

const NY = "America/New_York";
const usd = (amount: number) => ({ amount, currency: "USD" });

/// The first local date from `from` days ahead that `ok` accepts.
function firstDay(from: number, ok: (date: string) => boolean): string {
  for (let i = from; ; i++) if (ok(dayIn(NY, i))) return dayIn(NY, i);
}

async function holdAndRead(player: Page, slot: RegExp): Promise<string> {
  await player.getByRole("button", { name: slot }).click();
  const hold = player.getByRole("region", { name: "Your hold" });
  // The reasons in a word or two, the whole of them a tap away.
  await expect(hold.getByText(/^Why this price: /)).toBeVisible();
  await hold.getByText(/^Why this price: /).click();
  const why = hold.getByRole("list", { name: "Why this price" });
  await expect(why).toBeVisible();
  const text = (await why.textContent()) ?? "";
  await player.getByRole("button", { name: "Let it go" }).click();
  await expect(player.getByRole("status")).toHaveText("The slot was let go.");
  return text;
}

test("a price that differs from the court's base says why: peak time, weekend and holiday rates, member price", async ({ browser, request }) => {
  const name = `Pricewell ${Date.now()}`;
  // Days far enough ahead to be open all day: a weekday, a Saturday, and a weekday that is a
  // holiday open with modified hours.
  const weekday = firstDay(3, (d) => weekdayOf(d) <= 5);
  const saturday = firstDay(3, (d) => weekdayOf(d) === 6);
  const holiday = firstDay(3, (d) => weekdayOf(d) <= 5 && d !== weekday);
  const club = await clubThroughApi(request, {
    name,
    policies: { booking_window_days: 30, payment_timing: "before_session", weekend_multiplier: 1.5, holiday_multiplier: 2 },
    hours: { weekly: everyDay("07:00", "22:00"), holidays: [{ date: holiday, name: "Club day", closed: false, open: "09:00", close: "20:00" }] },
    courts: [
      {
        name: "Court 1",
        pricing: {
          base: usd(2000),
          member_base: usd(1500),
          rules: [{ name: "Evening peak", weekdays: [1, 2, 3, 4, 5], from: "17:00", to: "21:00", price: usd(3000), member_price: usd(2400) }],
        },
      },
    ],
  });

  const email = uniqueEmail("paula");
  const player = await (await browser.newContext()).newPage();
  await player.goto("/");
  await signUp(player, "Paula Price", email);
  await player.getByRole("button", { name: `Book at ${name}` }).click();

  // A weekday: the base price says nothing more; the evening's peak price says why.
  await player.getByLabel("Date").fill(weekday);
  await expect(player.getByRole("button", { name: "Court 1, 10:00 to 11:00, available, $20.00", exact: true })).toBeVisible();
  const peak = player.getByRole("button", { name: "Court 1, 18:00 to 19:00, available, $30.00, peak time", exact: true });
  await expect(peak).toContainText("peak time");
  await expectAccessible(player, "the grid with prices that say why");
  expect(await holdAndRead(player, /^Court 1, 18:00 to 19:00, available/)).toBe(
    "Evening peak (peak time, Mon–Fri 17:00–21:00): $30.00 an hour instead of $20.00.",
  );

  // A Saturday: every slot has the weekend rate, said once above the grid and in the hold panel.
  await player.getByLabel("Date").fill(saturday);
  await expect(player.getByText("Weekend rate: prices × 1.5 (50% more) on Saturdays and Sundays.")).toBeVisible();
  await expect(player.getByRole("button", { name: "Court 1, 10:00 to 11:00, available, $30.00", exact: true })).toBeVisible();
  expect(await holdAndRead(player, /^Court 1, 10:00 to 11:00, available/)).toBe(
    "Weekend rate: prices × 1.5 (50% more) on Saturdays and Sundays.",
  );

  // The holiday open with modified hours: the holiday rate, and the peak time on top in the evening.
  await player.getByLabel("Date").fill(holiday);
  await expect(player.getByText("Holiday rate (Club day): prices × 2 (100% more).")).toBeVisible();
  await expect(player.getByRole("button", { name: "Court 1, 10:00 to 11:00, available, $40.00", exact: true })).toBeVisible();
  await expect(player.getByRole("button", { name: "Court 1, 18:00 to 19:00, available, $60.00, peak time", exact: true })).toBeVisible();
  expect(await holdAndRead(player, /^Court 1, 18:00 to 19:00, available/)).toBe(
    "Evening peak (peak time, Mon–Fri 17:00–21:00): $30.00 an hour instead of $20.00." + "Holiday rate (Club day): prices × 2 (100% more).",
  );

  // Once a member, the player sees members' prices, and the hold panel says what others pay.
  await club.asOwner("post", `/api/v1/facilities/${club.id}/members`, { email });
  await player.reload();
  await player.getByLabel("Date").fill(weekday);
  await expect(player.getByText("Member prices: you pay the members' rate at this club.")).toBeVisible();
  await expect(player.getByRole("button", { name: "Court 1, 10:00 to 11:00, available, $15.00", exact: true })).toBeVisible();
  await expect(player.getByRole("button", { name: "Court 1, 18:00 to 19:00, available, $24.00, peak time", exact: true })).toBeVisible();
  expect(await holdAndRead(player, /^Court 1, 18:00 to 19:00, available/)).toBe(
    "Evening peak (peak time, Mon–Fri 17:00–21:00): $24.00 an hour instead of $15.00." +
      "Member price: $24.00 for this slot; non-members pay $30.00.",
  );
  await expectAccessible(player, "the grid with a member's prices");
});
