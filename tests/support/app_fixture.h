#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "app/app.h"
#include "support/test_db.h"

namespace slotbase::testing {

/// Test configuration: a scratch database, cheap password hashing (these tests are not about
/// argon2's cost), no console logging.
inline Config test_config(const ScratchDatabase& scratch) {
  Config c;
  c.data_dir = scratch.dir();
  c.database_url = scratch.url();
  c.listen = "127.0.0.1:0";
  c.log_level = "off";
  c.password_memory_kib = 256;
  c.password_iterations = 1;
  c.threads = 4;
  c.db_pool_size = 8;
  return c;
}

/// The whole application (every module wired by the composition root) on a scratch database of
/// the test's backend, with a fake clock.
class AppTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    scratch_ = std::make_unique<ScratchDatabase>(GetParam());
    SB_REQUIRE_BACKEND(*scratch_);
    Config c = test_config(*scratch_);
    configure(c);
    app_ = std::make_unique<App>(c, &clock_);
  }
  void TearDown() override {
    app_.reset();
    scratch_.reset();
  }
  /// Adjusts the configuration before the app is built.
  virtual void configure(Config&) {}

  std::unique_ptr<ScratchDatabase> scratch_;
  FakeClock clock_{*parse_rfc3339("2026-11-24T12:00:00Z")};
  std::unique_ptr<App> app_;
};

}  // namespace slotbase::testing
