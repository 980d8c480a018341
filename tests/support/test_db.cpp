#include "support/test_db.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "platform/core/ids.h"

namespace slotbase::testing {
namespace {

void pg_admin(const std::string& admin_url, const std::string& sql) {
  PGconn* conn = PQconnectdb(admin_url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("cannot reach the test PostgreSQL at " + admin_url + ": " + msg);
  }
  PGresult* r = PQexec(conn, sql.c_str());
  bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  std::string msg = PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(conn);
  if (!ok) throw std::runtime_error("test PostgreSQL: " + msg);
}

/// postgresql://user@host:port/dbname -> the same URL naming `db` instead.
std::string with_database(const std::string& url, const std::string& db) {
  auto scheme = url.find("://");
  auto slash = url.find('/', scheme + 3);
  auto query = url.find('?', scheme + 3);
  std::string base = slash == std::string::npos ? url.substr(0, query) : url.substr(0, slash);
  std::string rest = query == std::string::npos ? "" : url.substr(query);
  return base + "/" + db + rest;
}

}  // namespace

std::string make_temp_dir() {
  auto dir = std::filesystem::temp_directory_path() / new_id("sbtest");
  std::filesystem::create_directories(dir);
  return dir.string();
}

ScratchDatabase::ScratchDatabase(const std::string& backend) : backend_(backend), dir_(make_temp_dir()) {
  if (backend == "sqlite") {
    url_ = "sqlite:" + dir_ + "/test.db";
    return;
  }
  const char* admin = std::getenv("SLOTBASE_TEST_PG_URL");
  if (!admin || !*admin) {
    const char* skip = std::getenv("SLOTBASE_TEST_SKIP_PG");
    if (skip && std::string(skip) == "1") {
      skipped_ = true;
      skip_reason_ = "SLOTBASE_TEST_SKIP_PG=1: PostgreSQL tests skipped on purpose";
      return;
    }
    throw std::runtime_error(
        "SLOTBASE_TEST_PG_URL is not set: run the tests through scripts/test, which starts PostgreSQL");
  }
  pg_admin_url_ = admin;
  pg_name_ = new_id("sbt");
  pg_admin(pg_admin_url_, "CREATE DATABASE " + pg_name_);
  url_ = with_database(pg_admin_url_, pg_name_);
}

ScratchDatabase::~ScratchDatabase() {
  if (!pg_name_.empty()) {
    try {
      pg_admin(pg_admin_url_, "DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
    } catch (const std::exception&) {
      // Leaving a scratch database behind is untidy, not a test failure.
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

}  // namespace slotbase::testing
