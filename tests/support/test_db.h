#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "platform/db/database.h"

namespace slotbase::testing {

/// A fresh, empty database of one backend for one test: a new SQLite file in a temporary
/// directory, or a new database on the PostgreSQL server named by SLOTBASE_TEST_PG_URL (dropped
/// afterwards). Without that variable PostgreSQL tests fail, unless SLOTBASE_TEST_SKIP_PG=1 says
/// to skip them on purpose.
class ScratchDatabase {
 public:
  explicit ScratchDatabase(const std::string& backend);
  ~ScratchDatabase();
  const std::string& url() const { return url_; }
  const std::string& dir() const { return dir_; }
  bool skipped() const { return skipped_; }
  std::string skip_reason() const { return skip_reason_; }

 private:
  std::string backend_, url_, dir_, pg_admin_url_, pg_name_, skip_reason_;
  bool skipped_ = false;
};

/// Names test instances "sqlite" and "postgres".
struct BackendName {
  std::string operator()(const ::testing::TestParamInfo<std::string>& info) const { return info.param; }
};

/// A scratch directory removed afterwards.
std::string make_temp_dir();

}  // namespace slotbase::testing

/// Skips the test when its backend was deliberately skipped; fails it when one is missing.
#define SB_REQUIRE_BACKEND(scratch)                                   \
  do {                                                                \
    if ((scratch).skipped()) GTEST_SKIP() << (scratch).skip_reason(); \
  } while (0)

/// Runs a TEST_P suite once per backend, named "sqlite" and "postgres".
#define SB_INSTANTIATE_BACKENDS(Suite)                                                                         \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::Values(std::string("sqlite"), std::string("postgres")), \
                           ::slotbase::testing::BackendName())
