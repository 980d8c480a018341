import { expect, test } from "@playwright/test";
import { expectAccessible } from "./helpers";
import { CARDS, clubTakingCards, countIntentsStarted, expectBreakdown, payByCard, secondsLeft } from "./payment-helpers";

test("a player pays for a hold by card and the booking is paid", async ({ browser }) => {
  const { admin, player } = await clubTakingCards(browser, `Card Court ${Date.now()}`, "Carla Card");

  const intentsStarted = countIntentsStarted(player);

  await player.getByRole("button", { name: /^Court 1, 10:00 to 11:00, available/ }).click();
  await expectBreakdown(player, "$20.00", "$0.00", "$20.00");
  await expect(player.getByRole("button", { name: "Confirm booking" })).toHaveCount(0);
  await expectAccessible(player, "the hold panel's card step");

  // Opening the panel starts no payment: the hold keeps the facility's hold time (5 minutes),
  // not the payment's 15, while the timer runs.
  const timer = player.getByRole("region", { name: "Your hold" }).getByRole("timer");
  const first = await timer.textContent();
  await expect(timer).not.toHaveText(first ?? "");
  expect(await secondsLeft(player)).toBeLessThanOrEqual(300);
  expect(intentsStarted()).toBe(0);

  // "Pay" starts the payment and pays it.
  await payByCard(player, CARDS.succeeds, { save: true });

  await expect(player.getByRole("heading", { name: "Booking confirmed" })).toBeVisible();
  await expect(player.getByRole("status")).toContainText("Payment: paid.");
  await expect(player.getByRole("button", { name: /^Court 1, 10:00 to 11:00, your booking/ })).toBeVisible();
  await expectAccessible(player, "a booking paid by card");
  expect(intentsStarted()).toBe(1);

  await player.getByRole("button", { name: "My bookings" }).click();
  await expect(player.getByRole("listitem").filter({ hasText: "10:00" })).toContainText("$20.00 · payment paid");

  await player.getByRole("button", { name: "My payments" }).click();
  await expect(player.getByRole("heading", { name: "My payments" })).toBeVisible();
  const paid = player.getByRole("list", { name: "Payments" }).getByRole("listitem");
  await expect(paid).toHaveCount(1);
  await expect(paid).toContainText("Card");
  await expect(paid).toContainText("paid $20.00");
  await expect(player.getByRole("list", { name: "Saved cards" })).toContainText("VISA ending in 4242");
  await expectAccessible(player, "my payments");

  // The facility's payments: the card payment, and the day's takings by method.
  await admin.getByRole("navigation", { name: "Admin" }).getByRole("button", { name: "Payments" }).click();
  await expect(admin.getByRole("heading", { name: "Payments", level: 2 })).toBeVisible();
  const takings = admin.getByRole("table", { name: /^Takings on / });
  await expect(takings.getByRole("row", { name: /Card/ })).toContainText("$20.00");
  await expect(takings.getByRole("row", { name: /Total/ })).toContainText("$20.00");
  await expect(admin.getByRole("table", { name: "Payments" }).getByRole("row", { name: /Card \$20\.00/ })).toContainText("paid");
  await expectAccessible(admin, "the facility's payments");
  await admin.getByLabel("Method").selectOption("cash");
  await expect(admin.getByText("No payments match.")).toBeVisible();
  await admin.getByLabel("Method").selectOption("card");
  await expect(admin.getByRole("table", { name: "Payments" }).getByRole("row", { name: /Card \$20\.00/ })).toBeVisible();
});
