#include "platform/db/postgres_database.h"

#include <libpq-fe.h>

#include <cstring>
#include <string>
#include <vector>

#include "platform/core/strings.h"

namespace slotbase::db {
namespace {

ErrorKind kind_of(const char* sqlstate) {
  if (!sqlstate) return ErrorKind::other;
  std::string_view s(sqlstate);
  if (s == "23505") return ErrorKind::unique_violation;
  if (s == "23P01") return ErrorKind::exclusion_violation;
  if (s == "23503") return ErrorKind::foreign_key_violation;
  if (s == "23514" || s == "23502") return ErrorKind::check_violation;
  if (s == "40001" || s == "40P01" || s == "55P03") return ErrorKind::serialization_failure;
  if (s.substr(0, 2) == "08" || s == "57P01") return ErrorKind::connection;
  return ErrorKind::other;
}

class PgResult {
 public:
  explicit PgResult(PGresult* r) : r_(r) {}
  ~PgResult() { PQclear(r_); }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  PGresult* get() const { return r_; }

 private:
  PGresult* r_;
};

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      throw DbError(ErrorKind::connection, "cannot connect to PostgreSQL: " + msg);
    }
    PgResult r(PQexec(conn_, "SET TIME ZONE 'UTC'; SET client_min_messages = warning;"));
  }
  ~PostgresConnection() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::postgres; }

  Rows query(std::string_view sql, const Params& params) override {
    PgResult r(run(sql, params));
    Rows rows;
    const int n = PQntuples(r.get());
    const int columns = PQnfields(r.get());
    rows.reserve(n);
    for (int i = 0; i < n; ++i) {
      std::vector<std::optional<std::string>> cells;
      cells.reserve(columns);
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(r.get(), i, c))
          cells.emplace_back(std::nullopt);
        else
          cells.emplace_back(std::string(PQgetvalue(r.get(), i, c), PQgetlength(r.get(), i, c)));
      }
      rows.emplace_back(std::move(cells));
    }
    return rows;
  }

  std::int64_t execute(std::string_view sql, const Params& params) override {
    PgResult r(run(sql, params));
    const char* n = PQcmdTuples(r.get());
    return (n && *n) ? std::stoll(n) : 0;
  }

  void execute_script(std::string_view sql) override {
    PgResult r(PQexec(conn_, std::string(sql).c_str()));
    check(r.get(), sql);
  }

  // Under READ COMMITTED every statement takes its own snapshot, so a read-only transaction
  // would buy nothing but two round trips: reads run each statement on its own.
  void begin(bool write) override {
    if (write) execute_script("BEGIN");
  }
  void commit() override {
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) execute_script("COMMIT");
  }
  void rollback() override {
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) execute_script("ROLLBACK");
  }
  bool healthy() override { return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE; }

 private:
  PGresult* run(std::string_view sql, const Params& params) {
    auto it = prepared_.find(sql);
    if (it == prepared_.end()) {
      std::string key(sql);
      std::string name = "s" + std::to_string(prepared_.size());
      PgResult r(PQprepare(conn_, name.c_str(), key.c_str(), 0, nullptr));
      check(r.get(), sql);
      it = prepared_.emplace(std::move(key), std::move(name)).first;
    }
    std::vector<std::string> storage(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>)
              return;
            else if constexpr (std::is_same_v<T, std::int64_t>)
              storage[i] = std::to_string(v);
            else if constexpr (std::is_same_v<T, double>)
              storage[i] = std::to_string(v);
            else if constexpr (std::is_same_v<T, bool>)
              storage[i] = v ? "t" : "f";
            else
              storage[i] = v;
            values[i] = storage[i].c_str();
          },
          params[i]);
    }
    PGresult* r =
        PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()), values.data(), nullptr, nullptr, 0);
    try {
      check(r, sql);
    } catch (...) {
      PQclear(r);
      throw;
    }
    return r;
  }

  void check(PGresult* r, std::string_view sql) {
    auto status = PQresultStatus(r);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
    ErrorKind kind =
        state ? kind_of(state) : (PQstatus(conn_) != CONNECTION_OK ? ErrorKind::connection : ErrorKind::other);
    if (kind == ErrorKind::other) msg += " in: " + std::string(sql.substr(0, 200));
    throw DbError(kind, msg);
  }

  PGconn* conn_;
  TextMap<std::string> prepared_;  // statement text -> prepared name
};

}  // namespace

PostgresDatabase::PostgresDatabase(std::string url, int pool_size)
    : url_(std::move(url)), pool_(pool_size, [this] { return std::make_unique<PostgresConnection>(url_); }) {
  release(pool_.take());
}

}  // namespace slotbase::db
