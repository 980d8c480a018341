#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "platform/core/encoding.h"
#include "platform/media/media_store.h"
#include "platform/media/png.h"

namespace slotbase::media {
namespace {

namespace fs = std::filesystem;

class MediaStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("slotbase-media-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
};

TEST(ImageType, IsReadFromTheFirstBytes) {
  EXPECT_EQ(sniff_image_type(encode_png(1, 1, {0})), "image/png");
  EXPECT_EQ(sniff_image_type(std::string("\xFF\xD8\xFF\xE0rest", 8)), "image/jpeg");
  EXPECT_EQ(sniff_image_type("RIFF\x01\x02\x03\x04WEBPVP8 "), "image/webp");
  EXPECT_EQ(sniff_image_type("RIFF\x01\x02\x03\x04WAVEfmt "), "");
  EXPECT_EQ(sniff_image_type("GIF89a"), "");
  EXPECT_EQ(sniff_image_type("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), "");
  EXPECT_EQ(sniff_image_type(""), "");
  EXPECT_EQ(sniff_image_type("\x89PNG"), "");  // cut before the signature ends
}

TEST(ImageNames, AreAHashAndAKnownExtension) {
  const std::string hash(64, 'a');
  EXPECT_TRUE(MediaStore::valid_name(hash + ".png"));
  EXPECT_TRUE(MediaStore::valid_name(hash + ".jpg"));
  EXPECT_TRUE(MediaStore::valid_name(hash + ".webp"));
  EXPECT_FALSE(MediaStore::valid_name(hash + ".svg"));
  EXPECT_FALSE(MediaStore::valid_name(std::string(64, 'A') + ".png"));
  EXPECT_FALSE(MediaStore::valid_name(std::string(63, 'a') + ".png"));
  EXPECT_FALSE(MediaStore::valid_name("../" + std::string(61, 'a') + ".png"));
  EXPECT_FALSE(MediaStore::valid_name(hash + ".png.tmp"));
  EXPECT_EQ(content_type_of(hash + ".jpg"), "image/jpeg");
}

TEST_F(MediaStoreTest, StoresAnImageByTheHashOfItsBytes) {
  MediaStore store(root_ / "media");
  const std::string png = encode_png(2, 1, {0xFF0000, 0x00FF00});
  auto name = store.put_image(png, "image/png; charset=binary", "body");
  ASSERT_TRUE(name.ok()) << name.error().detail;
  EXPECT_EQ(*name, sha256_hex(png) + ".png");
  EXPECT_EQ(store.read(*name), png);
  struct stat st {};
  ASSERT_EQ(::stat((root_ / "media" / *name).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat((root_ / "media").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  EXPECT_EQ(store.put_image(png, "IMAGE/PNG", "body").value(), *name);
  EXPECT_FALSE(store.read(std::string(64, 'b') + ".png"));
  EXPECT_FALSE(store.read("../secrets/jwt.key"));
}

TEST_F(MediaStoreTest, RefusesOtherBytesOtherTypesAndTooMuch) {
  MediaStore store(root_ / "media");
  const std::string png = encode_png(1, 1, {0});
  auto wrong_type = store.put_image(png, "image/jpeg", "body");
  ASSERT_FALSE(wrong_type.ok());
  EXPECT_EQ(wrong_type.error().code, ErrorCode::unsupported_media_type);
  EXPECT_EQ(wrong_type.error().fields.at(0).field, "body");
  EXPECT_EQ(store.put_image("<svg/>", "image/png", "body").error().code, ErrorCode::unsupported_media_type);
  auto big = store.put_image(png + std::string(kMaxImageBytes, 'x'), "image/png", "body");
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().code, ErrorCode::payload_too_large);
  EXPECT_EQ(big.error().fields.at(0).field, "body");
  EXPECT_TRUE(store.put_image(png + std::string(kMaxImageBytes - png.size(), 'x'), "image/png", "body").ok());
  EXPECT_FALSE(fs::exists(root_ / "media" / (sha256_hex(png) + ".png")));
}

TEST(EncodePng, WritesADecodableHeader) {
  const std::string png = encode_png(3, 2, std::vector<std::uint32_t>(6, 0x123456));
  ASSERT_GT(png.size(), 33u);
  EXPECT_EQ(png.substr(12, 4), "IHDR");
  EXPECT_EQ(static_cast<unsigned char>(png[19]), 3u);  // width
  EXPECT_EQ(static_cast<unsigned char>(png[23]), 2u);  // height
  EXPECT_EQ(png.substr(png.size() - 8, 4), "IEND");
  EXPECT_THROW(encode_png(2, 2, {0}), std::invalid_argument);
}

}  // namespace
}  // namespace slotbase::media
