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
  await admin.getByRole("button", { name: /^10:00–11:00 on Court 1:/ }).click();
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

  // The player's credit at the club: the refund is there; the desk adds some and takes it off again.
  const credit = money.getByRole("region", { name: "Player's credit" });
  await expect(credit).toContainText("Balance $10.00");
  await credit.getByRole("button", { name: "Adjust credit" }).click();
  const adjust = credit.getByRole("form", { name: "Adjust credit" });
  await adjust.getByLabel("Amount (USD)").fill("5.00");
  await adjust.getByLabel("Reason").fill("Goodwill for the lights");
  await expectAccessible(admin, "adjusting a player's credit");
  await adjust.getByRole("button", { name: "Save credit change" }).click();
  await expect(admin.getByRole("status")).toHaveText("$5.00 added to the player's credit.");
  await expect(credit).toContainText("Balance $15.00");
  await credit.getByRole("button", { name: "Adjust credit" }).click();
  await adjust.getByLabel("Change").selectOption("remove");
  await adjust.getByLabel("Amount (USD)").fill("5.00");
  await adjust.getByLabel("Reason").fill("Added by mistake");
  await adjust.getByRole("button", { name: "Save credit change" }).click();
  await expect(credit).toContainText("Balance $10.00");
  await expect(credit.getByRole("list", { name: "Credit entries" }).getByRole("listitem")).toHaveCount(3);

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

  // The owner's books agree with the payment provider's.
  await admin.getByRole("navigation", { name: "Admin" }).getByRole("button", { name: "Payments" }).click();
  const books = admin.getByRole("region", { name: "Reconciliation" });
  await expect(books).toContainText("Books agree");
  await expectAccessible(admin, "the payments screen with the reconciliation");
});

/// One of the set-up's time zones where it is now between 07:00 and 20:00, so that a club open
/// 07:00 to 22:00 there has a slot starting within the next two hours, today.
function daytimeZone(): { zone: string; today: string } {
  const zones = ["America/New_York", "America/Los_Angeles", "Europe/London", "Asia/Kolkata", "Australia/Sydney"];
  for (const zone of zones) {
    const hour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", hourCycle: "h23" }).format(new Date()));
    if (hour >= 7 && hour < 20) return { zone, today: new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(new Date()) };
  }
  throw new Error("no set-up time zone is in the daytime now"); // the zones cover every hour of the day
}

test("a player's late cancellation owes a fee, which the desk waives with a reason", async ({ browser }) => {
  // The club's cancellation tiers are the defaults: 24 hours ahead 100%, 2 hours 50%, less 0%.
  // A booking starting within two hours, cancelled by the player with nothing paid, owes its
  // whole price as a late cancellation fee.
  const { zone, today } = daytimeZone();
  const club = `Late Lane ${Date.now()}`;
  const admin = await (await browser.newContext()).newPage();
  await setUpClub(admin, club, zone);

  const player = await (await browser.newContext()).newPage();
  await playerOnGrid(player, club, "Lou Late");
  await player.getByLabel("Date").fill(today);
  // The first free slot today starts within the next half hour.
  const slot = player.getByRole("button", { name: /^Court 1, \d\d:\d\d to \d\d:\d\d, available/ }).first();
  const name = (await slot.getAttribute("aria-label")) ?? "";
  const [, start, price] = /^Court 1, (\d\d:\d\d) to .*, available, (\$[\d.]+)$/.exec(name) ?? [];
  expect(start, name).toBeTruthy();
  await slot.click();
  await expect(player.getByLabel("Payment")).toHaveValue("offline");
  await player.getByRole("button", { name: "Confirm booking" }).click();
  await expect(player.getByRole("status")).toContainText("Payment: pending.");

  await player.getByRole("button", { name: "My bookings" }).click();
  const mine = player.getByRole("listitem").filter({ hasText: start });
  await mine.getByRole("button", { name: "Cancel" }).click();
  const confirm = mine.getByRole("group", { name: "Confirm the cancellation" });
  await expect(confirm).toContainText(`Cancelling now refunds 0% of what you paid (nothing was paid yet). As nothing was paid, the facility charges a late cancellation fee of ${price}.`);
  await expectAccessible(player, "cancelling late");
  await confirm.getByRole("button", { name: "Yes, cancel this booking" }).click();
  await expect(player.getByRole("status")).toHaveText("Your booking was cancelled.");

  // The desk finds the fee on the cancelled booking: owed, and nothing of the price is due.
  await admin.reload();
  await expect(admin.getByRole("heading", { name: "Calendar", exact: true })).toBeVisible();
  await admin.getByRole("list", { name: "Cancelled this day" }).getByRole("button", { name: new RegExp(`^${start}`) }).click();
  await admin.getByRole("button", { name: `Payments ${start} on Court 1` }).click();
  const money = admin.getByRole("region", { name: `Payments of ${start} on Court 1` });
  const fee = money.getByRole("row", { name: /Late cancellation fee/ });
  await expect(fee).toContainText(price);
  await expect(fee).toContainText("owed");
  await expect(money).not.toContainText("due");
  await expect(money.getByRole("button", { name: "Record payment" })).toHaveCount(0);
  await fee.getByRole("button", { name: "Waive fee" }).click();
  const waive = money.getByRole("form", { name: `Waive late cancellation fee of ${price}` });
  await waive.getByRole("button", { name: "Waive fee" }).click();
  await expect(waive.getByLabel("Reason for waiving the fee")).toHaveAttribute("aria-invalid", "true");
  await waive.getByLabel("Reason for waiving the fee").fill("Called ahead: a family emergency");
  await expectAccessible(admin, "waiving a fee at the desk");
  await waive.getByRole("button", { name: "Waive fee" }).click();
  await expect(admin.getByRole("status")).toHaveText(`The late cancellation fee of ${price} is waived.`);
  await expect(fee).toContainText("waived");
  await expect(fee).toContainText("Called ahead: a family emergency");
  await expect(fee.getByRole("button", { name: "Waive fee" })).toHaveCount(0);

  // The player sees the fee waived, and why.
  await player.getByRole("button", { name: "My payments" }).click();
  const fees = player.getByRole("list", { name: "Fees" }).getByRole("listitem");
  await expect(fees).toHaveCount(1);
  await expect(fees).toContainText("Late cancellation fee");
  await expect(fees).toContainText("Called ahead: a family emergency");
  await expect(fees).toContainText(`waived ${price}`);
  await expectAccessible(player, "my payments with a waived fee");

  // Nothing moved at the provider: the books agree.
  await admin.getByRole("navigation", { name: "Admin" }).getByRole("button", { name: "Payments" }).click();
  await expect(admin.getByRole("region", { name: "Reconciliation" })).toContainText("Books agree");
});
