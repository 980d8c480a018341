#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "platform/config/config.h"
#include "platform/core/ids.h"

namespace slotbase {
namespace {

TEST(Config, DefaultsToSqliteUnderTheDataDir) {
  Config c;
  c.data_dir = "/tmp/x";
  EXPECT_EQ(c.effective_database_url(), "sqlite:/tmp/x/slotbase.db");
  EXPECT_EQ(c.host(), "127.0.0.1");
  EXPECT_EQ(c.port(), 8080);
}

TEST(Config, RejectsBadValuesNamingTheKey) {
  Config c;
  auto r = c.set("rate_limit", "sometimes");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields[0].field, "rate_limit");
  EXPECT_FALSE(c.set("threads", "many").ok());
  EXPECT_FALSE(c.set("write_threads", "-1").ok());
  EXPECT_FALSE(c.set("no_such_key", "1").ok());
  c.database_url = "mysql://nope";
  EXPECT_FALSE(c.validate().ok());
}

TEST(Config, EnvironmentOverridesTheFile) {
  auto dir = std::filesystem::temp_directory_path() / new_id("cfg");
  std::filesystem::create_directories(dir);
  auto file = dir / "slotbase.json";
  std::ofstream(file) << R"({"listen": "0.0.0.0:9000", "rate_limit": "off", "cors_origins": ["https://a.test"]})";
  Config c;
  ASSERT_TRUE(c.load_file(file.string()).ok());
  EXPECT_EQ(c.port(), 9000);
  EXPECT_EQ(c.cors_origins, std::vector<std::string>{"https://a.test"});
  setenv("SLOTBASE_LISTEN", "127.0.0.1:9100", 1);
  ASSERT_TRUE(c.load_env().ok());
  unsetenv("SLOTBASE_LISTEN");
  EXPECT_EQ(c.port(), 9100);
  EXPECT_EQ(c.rate_limit, "off");
  std::filesystem::remove_all(dir);
}

TEST(Config, SecretIsCreatedOnceAndKept) {
  auto dir = (std::filesystem::temp_directory_path() / new_id("sec")).string();
  auto first = load_or_create_secret(dir, "jwt.key", 48);
  auto second = load_or_create_secret(dir, "jwt.key", 48);
  EXPECT_GE(first.size(), 32u);
  EXPECT_EQ(first, second);
  auto perms = std::filesystem::status(dir + "/secrets/jwt.key").permissions();
  EXPECT_EQ(perms & std::filesystem::perms::others_read, std::filesystem::perms::none);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace slotbase
