#include <gtest/gtest.h>

#include "notification/rules/sealed_link.h"

namespace slotbase::notification::rules {
namespace {

constexpr const char* kSecret = "a-secret-of-at-least-thirty-two-characters";
constexpr const char* kLink = "https://book.example.com/reset-password?token=abc&x=1";

TEST(SealedLink, OpensWithItsKeyOnly) {
  const std::string sealed = seal(kSecret, kLink);
  EXPECT_EQ(sealed.find("abc"), std::string::npos);
  EXPECT_EQ(unseal(kSecret, sealed), kLink);
  EXPECT_EQ(unseal("another-secret-of-at-least-thirty-two-chars", sealed), std::nullopt);
  // A fresh nonce each time: the same link never seals the same way twice.
  EXPECT_NE(seal(kSecret, kLink), sealed);
}

TEST(SealedLink, RefusesAnAlteredOrShortSeal) {
  std::string sealed = seal(kSecret, kLink);
  sealed[sealed.size() / 2] = sealed[sealed.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_EQ(unseal(kSecret, sealed), std::nullopt);
  EXPECT_EQ(unseal(kSecret, "short"), std::nullopt);
  EXPECT_EQ(unseal(kSecret, "not base64url!"), std::nullopt);
}

TEST(SealedLink, PutsTheLinkWhereTheMessageShowsItsMark) {
  nlohmann::json data = {{kSealedLinkField, seal(kSecret, kLink)}};
  std::string text = "Open " + std::string(kSealedLinkMark) + " within the hour.";
  std::string html = "<a href=\"" + std::string(kSealedLinkMark) + "\">" + std::string(kSealedLinkMark) + "</a>";
  ASSERT_TRUE(open_sealed_link(kSecret, data, text, html));
  EXPECT_EQ(text, std::string("Open ") + kLink + " within the hour.");
  EXPECT_EQ(html,
            "<a href=\"https://book.example.com/reset-password?token=abc&amp;x=1\">"
            "https://book.example.com/reset-password?token=abc&amp;x=1</a>");
}

TEST(SealedLink, LeavesMessagesWithoutOneAloneAndFailsOnAForeignKey) {
  std::string text = "no link here", html = "<p>none</p>";
  EXPECT_TRUE(open_sealed_link(kSecret, nlohmann::json::object(), text, html));
  EXPECT_EQ(text, "no link here");
  nlohmann::json foreign = {{kSealedLinkField, seal("another-secret-of-at-least-thirty-two-chars", kLink)}};
  EXPECT_FALSE(open_sealed_link(kSecret, foreign, text, html));
}

}  // namespace
}  // namespace slotbase::notification::rules
