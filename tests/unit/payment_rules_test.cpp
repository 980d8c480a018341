#include <gtest/gtest.h>

#include "payment/rules/ledger.h"

namespace slotbase::payment::rules {
namespace {

using booking::PaymentStatus;

TEST(PaymentLedgerRules, AStatusFollowsWhatStaysPaid) {
  EXPECT_EQ(payment_status(0, 0, false, 2000), PaymentStatus::pending);
  EXPECT_EQ(payment_status(1999, 0, false, 2000), PaymentStatus::partial);
  EXPECT_EQ(payment_status(2000, 0, false, 2000), PaymentStatus::paid);
  EXPECT_EQ(payment_status(2000, 1000, false, 2000), PaymentStatus::partial);
  EXPECT_EQ(payment_status(2000, 2000, false, 2000), PaymentStatus::refunded);
  EXPECT_EQ(payment_status(0, 0, true, 2000), PaymentStatus::waived);
  EXPECT_EQ(payment_status(0, 0, false, 0), PaymentStatus::waived);
  // A cancelled booking with nothing paid owes nothing (a fee is owed on its own).
  EXPECT_EQ(payment_status(0, 0, false, 2000, true), PaymentStatus::waived);
  EXPECT_EQ(payment_status(2000, 1000, false, 2000, true), PaymentStatus::partial);
  // Money that came in counts even after a waiver.
  EXPECT_EQ(payment_status(500, 0, true, 2000), PaymentStatus::partial);
}

TEST(PaymentLedgerRules, PercentagesRoundDownToTheMinorUnitWithoutOverflow) {
  EXPECT_EQ(percent_of(1999, 50), 999);
  EXPECT_EQ(percent_of(820, 50), 410);
  EXPECT_EQ(percent_of(456, 33), 150);
  EXPECT_EQ(percent_of(1500, 100), 1500);  // JPY: no factor 100 anywhere
  EXPECT_EQ(percent_of(1500, 0), 0);
  EXPECT_EQ(percent_of(-5, 50), 0);
  const std::int64_t huge = std::int64_t{1} << 61;
  EXPECT_EQ(percent_of(huge, 50), huge / 2);
}

TEST(PaymentLedgerRules, ThePlatformFeeIsInBasisPoints) {
  EXPECT_EQ(platform_fee(1999, 0), 0);
  EXPECT_EQ(platform_fee(1999, 250), 49);  // 2.5 % of 19.99, rounded down
  EXPECT_EQ(platform_fee(10000, 10000), 10000);
}

TEST(PaymentLedgerRules, MessagesShowAmountsInTheCurrencysOwnUnits) {
  EXPECT_EQ(format_money({1999, "USD"}), "19.99 USD");
  EXPECT_EQ(format_money({820, "USD"}), "8.20 USD");
  EXPECT_EQ(format_money({5, "EUR"}), "0.05 EUR");
  EXPECT_EQ(format_money({1500, "JPY"}), "1500 JPY");
  EXPECT_EQ(format_money({1500, "KRW"}), "1500 KRW");
  EXPECT_EQ(format_money({1234, "KWD"}), "1.234 KWD");
  EXPECT_EQ(format_money({-456, "USD"}), "-4.56 USD");
}

TEST(PaymentLedgerRules, AmountsArePositiveAndBounded) {
  EXPECT_FALSE(check_amount(1999, 1'000'000'000));
  EXPECT_TRUE(check_amount(0, 1'000'000'000));
  EXPECT_TRUE(check_amount(-1, 1'000'000'000));
  EXPECT_TRUE(check_amount(1'000'000'001, 1'000'000'000));
}

}  // namespace
}  // namespace slotbase::payment::rules
