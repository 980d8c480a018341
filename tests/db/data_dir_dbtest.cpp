#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>

#include "app/app.h"
#include "support/test_db.h"

namespace slotbase::testing {
namespace {

unsigned mode_of(const std::filesystem::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return 0;
  return st.st_mode & 0777;
}

// The data directory holds password hashes, members' personal data and the signing key.
TEST(DataDirectory, TheDatabaseAndTheSecretsAreTheirOwnersAlone) {
  const std::filesystem::path dir = std::filesystem::path(make_temp_dir()) / "data";
  Config c;
  c.data_dir = dir.string();
  c.log_level = "off";
  {
    App app(c);  // it migrates the new database: the write-ahead log exists too
    EXPECT_EQ(mode_of(dir), 0700u);
    EXPECT_EQ(mode_of(dir / "slotbase.db"), 0600u);
    EXPECT_EQ(mode_of(dir / "slotbase.db-wal"), 0600u);
    EXPECT_EQ(mode_of(dir / "secrets"), 0700u);
    EXPECT_EQ(mode_of(dir / "secrets" / "jwt.key"), 0600u);
  }
  // A database file left readable by an older version is put right on the next start.
  ::chmod((dir / "slotbase.db").c_str(), 0644);
  App again(c);
  EXPECT_EQ(mode_of(dir / "slotbase.db"), 0600u);
}

}  // namespace
}  // namespace slotbase::testing
