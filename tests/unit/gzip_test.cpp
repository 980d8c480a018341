#include "platform/http/gzip.h"

#include <gtest/gtest.h>

#include "support/gunzip.h"

namespace slotbase::http {
namespace {

TEST(Gzip, ARepetitiveDocumentShrinksAndInflatesToItself) {
  std::string doc = "{\"slots\":[";
  for (int i = 0; i < 500; ++i) doc += R"({"start":"2026-12-03T06:00:00-05:00","status":"available"},)";
  doc += "{}]}";
  const std::string packed = gzip(doc);
  EXPECT_LT(packed.size(), doc.size() / 10);
  EXPECT_EQ(static_cast<unsigned char>(packed[0]), 0x1f);  // the gzip magic, not a bare zlib stream
  EXPECT_EQ(static_cast<unsigned char>(packed[1]), 0x8b);
  EXPECT_EQ(testing::gunzip(packed), doc);
}

TEST(Gzip, AnEmptyTextIsAValidStream) {
  EXPECT_EQ(testing::gunzip(gzip("")), "");
}

TEST(Gzip, AcceptEncodingIsReadAsRfc9110Says) {
  EXPECT_TRUE(accepts_gzip("gzip"));
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));
  EXPECT_TRUE(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(accepts_gzip("x-gzip"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_TRUE(accepts_gzip(" deflate ,gzip ; q=0.001"));
  EXPECT_FALSE(accepts_gzip(""));
  EXPECT_FALSE(accepts_gzip("identity"));
  EXPECT_FALSE(accepts_gzip("br, deflate"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip; q=0.000, br"));
  EXPECT_FALSE(accepts_gzip("gzipped"));
  // gzip named outright wins over "*", either way round.
  EXPECT_TRUE(accepts_gzip("*;q=0, gzip"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0, *"));
  EXPECT_FALSE(accepts_gzip("*;q=0"));
}

}  // namespace
}  // namespace slotbase::http
