import { expect, test } from "@playwright/test";
import { expectAccessible } from "./helpers";
import { CARDS, clubTakingCards, countIntentsStarted, payByCard, secondsLeft } from "./payment-helpers";

test("a declined card says why and keeps the hold; another card then pays", async ({ browser }) => {
  const { player } = await clubTakingCards(browser, `Decline Dome ${Date.now()}`, "Dana Decline");
  const intentsStarted = countIntentsStarted(player);
  await player.getByRole("button", { name: /^Court 2, 11:00 to 12:00, available/ }).click();
  const hold = player.getByRole("region", { name: "Your hold" });
  await expect(hold.getByRole("form", { name: "Card details" })).toBeVisible();
  expect(await secondsLeft(player)).toBeLessThanOrEqual(300);

  await payByCard(player, CARDS.declined);
  await expect(hold.getByRole("alert")).toHaveText("Your card was declined. Try another card, or ask your bank why.");
  // The payment started keeps the hold for its 15 minutes.
  await expect.poll(() => secondsLeft(player)).toBeGreaterThan(800);
  await expectAccessible(player, "a declined card");

  await payByCard(player, CARDS.insufficientFunds);
  await expect(hold.getByRole("alert")).toHaveText("Your card has insufficient funds. Try another card.");

  // A number the provider does not know: the card form points at the number.
  await payByCard(player, "4242424242424241");
  await expect(hold.getByRole("alert")).toHaveText("Your card number is incorrect. Check it and try again.");
  await expect(hold.getByLabel("Card number")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(player, "a card number the provider refused");

  // The slot is still the player's, and the next card pays for it.
  await expect(player.getByRole("button", { name: /^Court 2, 11:00 to 12:00, your hold/ })).toBeVisible();
  await payByCard(player, CARDS.succeeds);
  await expect(player.getByRole("heading", { name: "Booking confirmed" })).toBeVisible();
  await expect(player.getByRole("status")).toContainText("Payment: paid.");
  await expect(player.getByRole("button", { name: /^Court 2, 11:00 to 12:00, your booking/ })).toBeVisible();

  // Every card paid the one payment started for the hold: none was started again after a decline.
  expect(intentsStarted()).toBe(1);

  await player.getByRole("button", { name: "My payments" }).click();
  // The declines charged nothing: one payment, of the card that paid.
  await expect(player.getByRole("list", { name: "Payments" }).getByRole("listitem")).toHaveCount(1);
});
