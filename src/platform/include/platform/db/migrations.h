#pragma once

#include <string>
#include <vector>

#include "platform/db/database.h"

namespace slotbase::db {

struct AppliedMigration {
  int version;
  std::string name;
};

/// Applies, in order and each in its own transaction, every embedded migration of the database's
/// dialect that has not been applied yet. Safe to run from several processes at once. Returns the
/// migrations it applied.
std::vector<AppliedMigration> migrate(Database& db);

}  // namespace slotbase::db
