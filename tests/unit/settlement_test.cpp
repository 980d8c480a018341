#include <gtest/gtest.h>

#include "booking/desk_payments.h"
#include "booking/rules/settlement.h"

namespace slotbase::booking {
namespace {

PaymentGateway::Confirmation confirmation(std::int64_t amount, PaymentMethod method) {
  PaymentGateway::Confirmation c;
  c.hold_id = HoldId{"hld_1"};
  c.amount = {amount, "USD"};
  c.choice.method = method;
  c.payment_timing = "at_booking";
  c.offline_methods = {"cash", "card_terminal"};
  return c;
}

TEST(DeskPayments, AFacilityThatTakesPaymentOnBookingRefusesAnUnpaidPlayer) {
  DeskPayments desk;
  auto unpaid = desk.settle(confirmation(2400, PaymentMethod::none));
  ASSERT_FALSE(unpaid.ok());
  EXPECT_EQ(unpaid.error().rule, "payment-required");
  auto by_staff = confirmation(2400, PaymentMethod::none);
  by_staff.by_staff = true;
  EXPECT_EQ(desk.settle(by_staff).value().payment_status, PaymentStatus::pending);
  EXPECT_EQ(desk.settle(confirmation(0, PaymentMethod::none)).value().payment_status, PaymentStatus::waived);
}

TEST(DeskPayments, OnlyTheOfflineMethodsTheFacilityAcceptsAreTaken) {
  DeskPayments desk;
  auto cash = confirmation(2400, PaymentMethod::offline);
  cash.choice.offline_method = "cash";
  EXPECT_EQ(desk.settle(cash).value().payment_status, PaymentStatus::pending);
  auto cheque = confirmation(2400, PaymentMethod::offline);
  cheque.choice.offline_method = "cheque";
  auto refused = desk.settle(cheque);
  ASSERT_FALSE(refused.ok());
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "payment.offline_method");
}

TEST(DeskPayments, CardsAreRefusedAndNothingIsCharged) {
  DeskPayments desk;
  for (std::int64_t amount : {0, 2400}) {
    auto card = desk.settle(confirmation(amount, PaymentMethod::card));
    ASSERT_FALSE(card.ok());
    EXPECT_EQ(card.error().rule, "payment-method-unavailable");
  }
  EXPECT_EQ(desk.settle(confirmation(2400, PaymentMethod::credit)).error().rule, "payment-method-unavailable");
}

TEST(Settlement, ARefundGivesBackOnlyWhatWasPaid) {
  Booking paid;
  paid.price = {1999, "USD"};
  paid.payment_status = PaymentStatus::paid;
  EXPECT_EQ(rules::settle(paid, 50, "Rain", "usr_1").amount.amount, 1000);  // half up
  EXPECT_EQ(paid.payment_status, PaymentStatus::partial);
  EXPECT_EQ(paid.status, BookingStatus::cancelled);
  Booking unpaid;
  unpaid.price = {1999, "USD"};
  unpaid.payment_status = PaymentStatus::pending;
  EXPECT_EQ(rules::settle(unpaid, 100, "Rain", "usr_1").amount.amount, 0);
  EXPECT_EQ(unpaid.payment_status, PaymentStatus::pending);
  Booking full = paid;
  full.payment_status = PaymentStatus::paid;
  rules::settle(full, 100, "Rain", "usr_1");
  EXPECT_EQ(full.payment_status, PaymentStatus::refunded);
}

TEST(Settlement, ARequestsRangeIsWholeMinutesWithinADay) {
  EXPECT_TRUE(rules::parse_range("2026-03-08T01:30:00-05:00", "2026-03-08T03:30:00-04:00").ok());
  auto seconds = rules::parse_range("2026-03-08T01:30:30Z", "2026-03-08T02:30:00Z");
  ASSERT_FALSE(seconds.ok());
  EXPECT_EQ(seconds.error().fields[0].field, "start");
  EXPECT_EQ(rules::parse_range("2026-03-08T02:00:00Z", "2026-03-08T02:00:00Z").error().fields[0].field, "end");
  EXPECT_EQ(rules::parse_range("2026-03-08T02:00:00Z", "2026-03-09T02:01:00Z").error().fields[0].field, "end");
}

}  // namespace
}  // namespace slotbase::booking
