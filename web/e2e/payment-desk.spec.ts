import { expect, test } from "@playwright/test";
import { bookingDay, expectAccessible, openGrid, playerOnGrid, setUpClub } from "./helpers";
import { CARDS, connectPayments, expectBreakdown, payByCard, payWhenBooking } from "./payment-helpers";

test("the desk records cash, refunds half to credit, and the player's next booking spends the credit", async ({ browser }) => {
  const club = `Till Courts ${Date.now()}`;
  const admin = await (await browser.newContext()).newPage();
  await setUpClub(admin, club);

  // The player books to pay at the desk.
  const player = await (await browser.newContext()).newPage();
  await playerOnGrid(player, club, "Perry Player");
  await player.getByRole("button", { name: /^Court 1, 10:00 to 11:00, available/ }).click();
  await expect(player.getByLabel("Payment")).toHaveValue("offline");
  await player.getByRole("button", { name: "Confirm booking" }).click();
  await expect(player.getByRole("status")).toContainText("Payment: pending.");

  // The desk takes $20.00 in cash for it.
  await admin.getByLabel("Date").fill(bookingDay());
  await admin.getByRole("button", { name: "Payments 10:00 on Court 1" }).click();
  const money = admin.getByRole("region", { name: "Payments of 10:00 on Court 1" });
  await expect(money).toContainText("Payment pending · price $20.00 · paid $0.00 · due $20.00");
  await money.getByRole("button", { name: "Record payment" }).click();
  const record = money.getByRole("form", { name: "Record payment" });
  await expect(record.getByLabel("Amount (USD)")).toHaveValue("20.00");
  await expect(record.getByLabel("Method")).toHaveValue("cash");
  await record.getByLabel("Reference (optional)").fill("Till 2");
  await expectAccessible(admin, "recording a payment at the desk");
  await record.getByRole("button", { name: "Save payment" }).click();
  await expect(admin.getByRole("status")).toHaveText("Cash payment of $20.00 recorded.");
  await expect(money).toContainText("Payment paid · price $20.00 · paid $20.00");
  const cash = money.getByRole("row", { name: /Cash/ });
  await expect(cash).toContainText("recorded");
  await expect(cash).toContainText("ref Till 2");
  await cash.getByRole("button", { name: "Verify" }).click();
  await expect(admin.getByRole("status")).toHaveText("The payment is verified.");
  await expect(cash).toContainText("verified");

  // Half of it back, to the player's account credit.
  await cash.getByRole("button", { name: "Refund" }).click();
  const refund = money.getByRole("form", { name: "Refund cash payment of $20.00" });
  await expect(refund.getByLabel("Refund to")).toHaveValue("credit");
  await refund.getByLabel("Amount (USD)").fill("10.00");
  await refund.getByRole("button", { name: "Refund" }).click();
  await expect(refund.getByLabel("Reason")).toHaveAttribute("aria-invalid", "true");
  await refund.getByLabel("Reason").fill("The lights failed for half the hour");
  await expectAccessible(admin, "refunding a payment");
  await refund.getByRole("button", { name: "Refund" }).click();
  await expect(admin.getByRole("status")).toHaveText("Refund of $10.00 to account credit.");
  await expect(money).toContainText("Payment partial · price $20.00 · paid $10.00 · due $10.00");
  await expect(cash).toContainText("$10.00 refunded");

  // The club takes cards when players book now; the player's next hold spends the credit first.
  await connectPayments(admin);
  await payWhenBooking(admin);
  await player.reload();
  await openGrid(player, club);
  await player.getByRole("button", { name: /^Court 1, 12:00 to 13:00, available/ }).click();
  await expectBreakdown(player, "$20.00", "-$10.00", "$10.00");
  await expectAccessible(player, "a hold with credit applied");
  await payByCard(player, CARDS.succeeds);
  await expect(player.getByRole("heading", { name: "Booking confirmed" })).toBeVisible();
  await expect(player.getByRole("status")).toContainText("Payment: paid.");

  await player.getByRole("button", { name: "My payments" }).click();
  await expect(player.getByRole("list", { name: "Account credit" })).toContainText(`${club} $0.00`);
  const refunds = player.getByRole("list", { name: "Refunds" }).getByRole("listitem");
  await expect(refunds).toHaveCount(1);
  await expect(refunds).toContainText("to account credit");
  await expect(refunds).toContainText("completed $10.00");
  const payments = player.getByRole("list", { name: "Payments" });
  await expect(payments.getByRole("listitem").filter({ hasText: "Cash" })).toContainText("verified $20.00 ($10.00 refunded)");
  await expect(payments.getByRole("listitem").filter({ hasText: "Card" })).toContainText("paid $10.00");
  await expect(payments.getByRole("listitem").filter({ hasText: "Account credit" })).toContainText("paid $10.00");
  await expectAccessible(player, "my payments with a refund to credit");
});
