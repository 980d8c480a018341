#include "platform/db/migrations.h"

#include <algorithm>
#include <charconv>

#include "platform/core/embedded.h"

namespace slotbase::db {
namespace {

constexpr std::string_view kCreateTable = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
))sql";
constexpr std::string_view kIsApplied = "SELECT 1 FROM schema_migrations WHERE version = $1";
constexpr std::string_view kRecord =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, CURRENT_TIMESTAMP)";
// One migrator at a time across processes; released with the transaction.
constexpr std::string_view kPgLock = "SELECT pg_advisory_xact_lock(7269834512)";

struct Migration {
  int version;
  std::string name;
  std::string_view sql;
};

std::vector<Migration> migrations_for(Dialect dialect) {
  std::string prefix = dialect == Dialect::sqlite ? "migrations/sqlite/" : "migrations/postgres/";
  std::vector<Migration> out;
  for (const auto& f : embedded_files()) {
    if (f.path.rfind(prefix, 0) != 0) continue;
    std::string_view file = f.path.substr(prefix.size());
    int version = 0;
    auto [p, ec] = std::from_chars(file.data(), file.data() + file.size(), version);
    if (ec != std::errc() || p == file.data()) continue;
    out.push_back({version, std::string(file), f.content});
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.version < b.version; });
  return out;
}

}  // namespace

std::vector<AppliedMigration> migrate(Database& db) {
  db.transact([&](Connection& c) {
    if (c.dialect() == Dialect::postgres) c.query(kPgLock);
    c.execute_script(kCreateTable);
  });
  std::vector<AppliedMigration> applied;
  for (const auto& m : migrations_for(db.dialect())) {
    db.transact([&](Connection& c) {
      if (c.dialect() == Dialect::postgres) c.query(kPgLock);
      if (c.query_one(kIsApplied, {std::int64_t{m.version}})) return;
      c.execute_script(m.sql);
      c.execute(kRecord, {std::int64_t{m.version}, m.name});
      applied.push_back({m.version, m.name});
    });
  }
  return applied;
}

}  // namespace slotbase::db
