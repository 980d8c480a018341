#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "platform/clock/clock.h"
#include "platform/db/database.h"
#include "platform/db/migrations.h"
#include "support/test_db.h"

namespace slotbase::testing {

/// A migrated scratch database of the test's backend and a fake clock.
class DbTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    scratch_ = std::make_unique<ScratchDatabase>(GetParam());
    SB_REQUIRE_BACKEND(*scratch_);
    db_ = db::open_database(scratch_->url(), 8);
    db::migrate(*db_);
  }
  void TearDown() override {
    db_.reset();
    scratch_.reset();
  }

  std::unique_ptr<ScratchDatabase> scratch_;
  std::unique_ptr<db::Database> db_;
  FakeClock clock_{*parse_rfc3339("2026-11-24T12:00:00Z")};
};

}  // namespace slotbase::testing
