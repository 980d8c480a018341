#include <gtest/gtest.h>

#include "booking/bookings_csv.h"
#include "platform/core/money.h"

namespace slotbase::booking {
namespace {

TEST(CsvField, QuotesCommasQuotesAndLineBreaksOnly) {
  EXPECT_EQ(csv_field("Court 1", true), "Court 1");
  EXPECT_EQ(csv_field("Smith, Ann", true), "\"Smith, Ann\"");
  EXPECT_EQ(csv_field("the \"Ace\"", true), "\"the \"\"Ace\"\"\"");
  EXPECT_EQ(csv_field("two\nlines", true), "\"two\nlines\"");
}

TEST(CsvField, TextThatASpreadsheetWouldRunStartsWithAnApostrophe) {
  EXPECT_EQ(csv_field("=1+1", true), "'=1+1");
  EXPECT_EQ(csv_field("+44 20", true), "'+44 20");
  EXPECT_EQ(csv_field("-2", true), "'-2");
  EXPECT_EQ(csv_field("@SUM(A1)", true), "'@SUM(A1)");
  EXPECT_EQ(csv_field("=A1,B1", true), "\"'=A1,B1\"");
  EXPECT_EQ(csv_field("-2.50", false), "-2.50");  // our own numbers stay numbers
  EXPECT_EQ(csv_field("", true), "");
}

TEST(DecimalText, UsesTheCurrencysDecimals) {
  EXPECT_EQ(decimal_text({2500, "USD"}), "25.00");
  EXPECT_EQ(decimal_text({5, "EUR"}), "0.05");
  EXPECT_EQ(decimal_text({-50, "USD"}), "-0.50");
  EXPECT_EQ(decimal_text({1500, "JPY"}), "1500");
  EXPECT_EQ(decimal_text({1234, "KWD"}), "1.234");
  EXPECT_EQ(decimal_text({0, "USD"}), "0.00");
}

}  // namespace
}  // namespace slotbase::booking
