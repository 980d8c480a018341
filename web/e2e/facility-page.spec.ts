import { expect, test } from "@playwright/test";
import { clubThroughApi, dayIn, dayLabel } from "./club-api";
import { expectAccessible, signUp, uniqueEmail } from "./helpers";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };
const usd = (amount: number) => ({ amount, currency: "USD" });
const NY = "America/New_York";

test("a player reads a club's page from the list and from the grid: where, hours, courts, prices, rules", async ({ browser, request }) => {
  const name = `Harbour ${Date.now()}`;
  const closedDay = dayIn(NY, 2);
  const shortDay = dayIn(NY, 4);
  const laterDay = dayIn(NY, 20);
  await clubThroughApi(request, {
    name,
    address: { street: "12 Quay Street", city: "Portland", state: "ME", zip: "04101", country: "US" },
    settings: { description: "Two courts on the harbour front.", sports: ["tennis", "padel"], contact_email: "desk@harbour.test" },
    policies: {
      booking_window_days: 21,
      max_active_bookings_per_user: 3,
      min_lead_time_minutes: 120,
      no_show_fee_percent: 50,
      payment_timing: "before_session",
      weekend_multiplier: 1.5,
      cancellation: {
        tiers: [
          { min_hours_before: 48, refund_percent: 100 },
          { min_hours_before: 12, refund_percent: 50 },
          { min_hours_before: 0, refund_percent: 0 },
        ],
      },
    },
    hours: {
      weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: weekday >= 6 ? "08:00" : "07:00", close: "22:00" })),
      holidays: [
        { date: closedDay, name: "Staff training", closed: true },
        { date: shortDay, name: "Club final", closed: false, open: "10:00", close: "14:00" },
        { date: laterDay, name: "Founders' Day", closed: true },
      ],
    },
    courts: [
      {
        name: "Centre Court",
        indoor: true,
        surface: "hard",
        lighting: true,
        color: "#1e88e5",
        pricing: {
          base: usd(3000),
          member_base: usd(2200),
          rules: [{ name: "Evening peak", weekdays: [1, 2, 3, 4, 5], from: "17:00", to: "21:00", price: usd(4000) }],
        },
      },
      { name: "Padel 1", type: "padel_court", indoor: false, surface: "artificial grass", lighting: false, color: "#2e7d32", pricing: { base: usd(4000) } },
    ],
  });

  const player = await (await browser.newContext()).newPage();
  await player.goto("/");
  await signUp(player, "Rita Reader", uniqueEmail("rita"));
  await player.getByRole("button", { name: `About ${name}` }).click();

  // Who and where, with a map link built from the address.
  await expect(player.getByRole("heading", { name, level: 2 })).toBeFocused();
  await expect(player.getByText("Two courts on the harbour front.")).toBeVisible();
  await expect(player.getByText("Sports: Tennis, Padel")).toBeVisible();
  await expect(player.locator("address")).toHaveText("12 Quay StreetPortland, ME 04101US");
  await expect(player.getByRole("link", { name: /Show on a map/ })).toHaveAttribute(
    "href",
    `https://www.openstreetmap.org/search?query=${encodeURIComponent("12 Quay Street, Portland, ME 04101, US")}`,
  );
  await expect(player.getByRole("link", { name: "desk@harbour.test" })).toBeVisible();

  // This week's hours in the club's time, with the closed holiday and the modified hours.
  const hours = player.getByRole("region", { name: "Opening hours this week" });
  await expect(hours.getByRole("row")).toHaveCount(8);
  await expect(hours.getByRole("row").nth(1).getByRole("rowheader")).toHaveText(`Today, ${dayLabel(dayIn(NY))}`);
  await expect(hours.getByRole("row", { name: new RegExp(dayLabel(closedDay)) })).toHaveText(`${dayLabel(closedDay)}ClosedStaff training (holiday)`);
  await expect(hours.getByRole("row", { name: new RegExp(dayLabel(shortDay)) })).toHaveText(
    `${dayLabel(shortDay)}10:00–14:00Club final (holiday, modified hours)`,
  );
  await expect(hours.getByRole("list", { name: "Holidays coming up" })).toContainText("Founders' Day, closed");

  // Each court with its attributes and price, and when prices change.
  const courts = player.getByRole("region", { name: "Courts" });
  await expect(courts.getByRole("row", { name: /Centre Court/ })).toHaveText(
    "Centre CourtTennis courtIndoorHardFloodlit$30.00 an hour (members $22.00)",
  );
  await expect(courts.getByRole("row", { name: /Padel 1/ })).toHaveText("Padel 1Padel courtOutdoorArtificial grassNo lights$40.00 an hour");
  await expect(courts.getByRole("list", { name: "When prices change" })).toContainText(
    "Evening peak (peak time, Mon–Fri 17:00–21:00): $40.00 an hour, Centre Court.",
  );
  await expect(courts.getByRole("list", { name: "When prices change" })).toContainText("Weekends (Saturdays and Sundays): prices × 1.5 (50% more).");

  // The rules that apply to the player, in plain words.
  const rules = player.getByRole("region", { name: "Booking rules" });
  for (const sentence of [
    "You can book up to 21 days ahead.",
    "Book at least 2 hours before the start.",
    "60 to 120 minutes, in steps of 30 minutes.",
    "Up to 3 upcoming bookings at a time.",
    "Cancel 48 hours or more before: full refund; 12 hours or more before: 50% refund; less than 12 hours before: no refund.",
    "a booking may be marked a no-show, with a fee of 50% of the price.",
    "You pay before your session.",
  ])
    await expect(rules).toContainText(sentence);
  await expectAccessible(player, "a club's page");

  // From the page to the grid, and from the grid back to the page.
  await player.getByRole("button", { name: "Book a court here" }).first().click();
  await expect(player.getByRole("heading", { name: `Book a court at ${name}` })).toBeVisible();
  await player.getByRole("button", { name: "About this club" }).click();
  await expect(player.getByRole("heading", { name, level: 2 })).toBeVisible();
  await player.getByRole("button", { name: "Back to booking" }).first().click();
  await expect(player.getByRole("heading", { name: `Book a court at ${name}` })).toBeVisible();

  // On a phone, the page reads in one column and passes the same audit.
  const phone = await (await browser.newContext(PHONE)).newPage();
  await phone.goto("/");
  await signUp(phone, "Pia Phone", uniqueEmail("pia"));
  await phone.getByRole("button", { name: `About ${name}` }).click();
  await expect(phone.getByRole("region", { name: "Booking rules" })).toBeVisible();
  const cards = phone.getByRole("list", { name: "Court list" });
  await expect(cards.getByRole("listitem")).toHaveCount(2);
  await expect(cards.getByRole("listitem").nth(1)).toHaveText("Padel 1Padel court · Outdoor · Artificial grass · No lights$40.00 an hour");
  await expect(phone.getByRole("table")).toHaveCount(1);
  await expectAccessible(phone, "a club's page on a phone");
});
