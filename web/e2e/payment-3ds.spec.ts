import { expect, test } from "@playwright/test";
import { expectAccessible } from "./helpers";
import { CARDS, clubTakingCards, countIntentsStarted, expectBreakdown, payByCard, secondsLeft } from "./payment-helpers";

test("a card that needs 3-D Secure: the bank's page, then back to the app and the booking", async ({ browser }) => {
  const { player } = await clubTakingCards(browser, `Secure Stadium ${Date.now()}`, "Sam Secure");
  const intentsStarted = countIntentsStarted(player);
  await player.getByRole("button", { name: /^Court 1, 13:00 to 14:00, available/ }).click();
  await expectBreakdown(player, "$20.00", "$0.00", "$20.00");

  // The bank's page opens in the same tab. Failing it brings the player back to the same hold.
  await payByCard(player, CARDS.authenticates);
  await expect(player.getByRole("heading", { name: "Authenticate this payment" })).toBeVisible();
  await player.getByRole("button", { name: "Fail" }).click();
  const hold = player.getByRole("region", { name: "Your hold" });
  await expect(hold.getByRole("alert")).toHaveText("Your bank did not authenticate this payment. Try again, or try another card.");
  expect(new URL(player.url()).searchParams.has("payment_intent")).toBe(false);
  await expectBreakdown(player, "$20.00", "$0.00", "$20.00");
  // The payment started for the hold still keeps it (its 15 minutes, not the hold's 5).
  expect(await secondsLeft(player)).toBeGreaterThan(800);
  await expectAccessible(player, "the hold after a failed authentication");

  // Completing it books the slot: the app waits for the payment and shows the booking.
  await payByCard(player, CARDS.authenticates);
  await expect(player.getByRole("heading", { name: "Authenticate this payment" })).toBeVisible();
  await player.getByRole("button", { name: "Complete" }).click();
  await expect(player).toHaveURL(/\/\?payment_intent=|\/$/);
  await expect(player.getByRole("heading", { name: "Booking confirmed" })).toBeVisible();
  await expect(player.getByRole("status")).toContainText("Payment: paid.");
  expect(new URL(player.url()).searchParams.has("payment_intent")).toBe(false);
  await expect(player.getByRole("button", { name: /^Court 1, 13:00 to 14:00, your booking/ })).toBeVisible();
  await expectAccessible(player, "a booking paid after 3-D Secure");
  // The second card paid the payment the first one started.
  expect(intentsStarted()).toBe(1);

  // A reload does not ask about the payment again.
  await player.reload();
  await expect(player.getByRole("heading", { name: /^Book a court at / })).toBeVisible();
  await expect(player.getByRole("heading", { name: "Booking confirmed" })).toHaveCount(0);
});
