#include "platform/db/postgres_database.h"

#include <libpq-fe.h>

#include <cstring>
#include <span>
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
    if (begin_pending_ || !later_.empty()) PgResult waiting(send_waiting(nullptr));
    PgResult r(PQexec(conn_, std::string(sql).c_str()));
    check(r.get(), sql);
  }

  // Under READ COMMITTED every statement takes its own snapshot, so a read-only transaction
  // would buy nothing but two round trips: reads run each statement on its own. In a write, what
  // needs no answer waits and travels with what does: BEGIN and the execute_later writes go with
  // the next statement, and the execute_at_commit statements with the COMMIT. A write so costs
  // a round trip only for each answer it needs, and the locks its last statements take are held
  // for no round trip at all.
  void begin(bool write) override {
    if (write) begin_pending_ = true;
  }
  void commit() override {
    savepoints_ = 0;
    if (begin_pending_ ? later_.empty() && at_commit_.empty() : PQtransactionStatus(conn_) == PQTRANS_IDLE) {
      begin_pending_ = false;
      return;  // nothing was written
    }
    // What waits for the commit goes last, after the writes that wait for any next statement.
    for (auto& d : at_commit_) later_.push_back(std::move(d));
    at_commit_.clear();
    const Statement commit{"COMMIT", nullptr};
    PgResult r(send_waiting(&commit));
  }
  void rollback() override {
    begin_pending_ = false;
    savepoints_ = 0;
    later_.clear();
    at_commit_.clear();
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) execute_script("ROLLBACK");
  }
  void savepoint(std::string_view name) override {
    execute_script("SAVEPOINT " + std::string(name));  // sends what waits first
    ++savepoints_;
  }
  void rollback_to_savepoint(std::string_view name) override {
    execute_script("ROLLBACK TO SAVEPOINT " + std::string(name));
  }
  void release_savepoint(std::string_view name) override {
    execute_script("RELEASE SAVEPOINT " + std::string(name));
    --savepoints_;
  }
  void execute_later(std::string_view sql, Params params) override { defer(later_, sql, std::move(params)); }
  void execute_at_commit(std::string_view sql, Params params) override { defer(at_commit_, sql, std::move(params)); }
  bool healthy() override {
    return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE &&
           PQpipelineStatus(conn_) == PQ_PIPELINE_OFF;
  }

 private:
  /// One statement of a pipeline: prepared SQL with its parameters, or (params null) a
  /// transaction command sent as it is.
  struct Statement {
    std::string_view sql;
    const Params* params;
  };
  struct Deferred {
    std::string sql;
    Params params;
  };

  /// The prepared statement's name for `sql`, preparing it on first use.
  const std::string& prepare(std::string_view sql) {
    auto it = prepared_.find(sql);
    if (it == prepared_.end()) {
      std::string key(sql);
      std::string name = "s" + std::to_string(prepared_.size());
      PgResult r(PQprepare(conn_, name.c_str(), key.c_str(), 0, nullptr));
      check(r.get(), sql);
      it = prepared_.emplace(std::move(key), std::move(name)).first;
    }
    return it->second;
  }

  /// Queues a write of the open transaction; outside one, or under a savepoint (which must be
  /// able to undo it), runs it at once.
  void defer(std::vector<Deferred>& queue, std::string_view sql, Params params) {
    if (savepoints_ > 0 || (!begin_pending_ && PQtransactionStatus(conn_) == PQTRANS_IDLE)) {
      PgResult r(run(sql, params));
      return;
    }
    prepare(sql);  // a statement that cannot be prepared fails here, where it was written
    queue.push_back({std::string(sql), std::move(params)});
  }

  /// Sends BEGIN and the execute_later writes if they wait, then `last` if given, in one round
  /// trip; returns the last statement's result.
  PGresult* send_waiting(const Statement* last) {
    std::vector<Statement> statements;
    if (std::exchange(begin_pending_, false)) statements.push_back({"BEGIN", nullptr});
    const auto later = std::exchange(later_, {});
    for (const auto& d : later) statements.push_back({d.sql, &d.params});
    if (last) statements.push_back(*last);
    return pipeline(statements);
  }

  PGresult* run(std::string_view sql, const Params& params) {
    if (begin_pending_ || !later_.empty()) {
      const Statement statement{sql, &params};
      return send_waiting(&statement);
    }
    const std::string& name = prepare(sql);
    TextParams text(params);
    PGresult* r =
        PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), text.values.data(), nullptr, nullptr, 0);
    try {
      check(r, sql);
    } catch (...) {
      PQclear(r);
      throw;
    }
    return r;
  }

  /// Parameters as the text libpq sends.
  struct TextParams {
    explicit TextParams(const Params& params) : storage(params.size()), values(params.size(), nullptr) {
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
    }
    std::vector<std::string> storage;
    std::vector<const char*> values;
  };

  /// Sends the statements in one round trip and returns the last one's result. The first that
  /// fails is thrown, and the ones after it do not run.
  PGresult* pipeline(std::span<const Statement> statements) {
    std::vector<std::optional<TextParams>> texts(statements.size());
    std::vector<const std::string*> names(statements.size(), nullptr);
    for (std::size_t i = 0; i < statements.size(); ++i)
      if (statements[i].params) names[i] = &prepare(statements[i].sql);  // before the pipeline starts
    if (!PQenterPipelineMode(conn_)) throw DbError(ErrorKind::connection, PQerrorMessage(conn_));
    bool sent = true;
    for (std::size_t i = 0; i < statements.size() && sent; ++i) {
      const auto& st = statements[i];
      if (st.params) {
        const auto& text = texts[i].emplace(*st.params);
        sent = PQsendQueryPrepared(conn_, names[i]->c_str(), static_cast<int>(st.params->size()), text.values.data(),
                                   nullptr, nullptr, 0);
      } else {
        sent = PQsendQueryParams(conn_, std::string(st.sql).c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0);
      }
    }
    sent = sent && PQpipelineSync(conn_);
    // Every result is read, up to the sync, even after a failure: only then can the pipeline end.
    std::vector<PGresult*> results;
    for (std::size_t i = 0; i < statements.size() && sent; ++i) {
      PGresult* r = PQgetResult(conn_);
      if (!r) break;
      results.push_back(r);
      while (PGresult* rest = PQgetResult(conn_)) PQclear(rest);  // NULL ends each statement's results
    }
    for (int i = 0; i < 4 && sent; ++i) {  // then the sync
      PgResult r(PQgetResult(conn_));
      if (!r.get() || PQresultStatus(r.get()) == PGRES_PIPELINE_SYNC) break;
    }
    const bool ended = PQexitPipelineMode(conn_);
    std::size_t failed = results.size();
    for (std::size_t i = 0; i < results.size() && failed == results.size(); ++i)
      if (auto st = PQresultStatus(results[i]); st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) failed = i;
    try {
      if (failed < results.size()) check(results[failed], statements[failed].sql);
      if (!sent || !ended || results.size() != statements.size())
        throw DbError(ErrorKind::connection, std::string("pipeline failed: ") + PQerrorMessage(conn_));
    } catch (...) {
      for (auto* r : results) PQclear(r);
      throw;
    }
    for (std::size_t i = 0; i + 1 < results.size(); ++i) PQclear(results[i]);
    return results.back();
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
  TextMap<std::string> prepared_;    // statement text -> prepared name
  bool begin_pending_ = false;       // a write transaction begun, its BEGIN not sent yet
  std::vector<Deferred> later_;      // execute_later: sent before the next statement
  std::vector<Deferred> at_commit_;  // execute_at_commit: sent with the COMMIT
  int savepoints_ = 0;               // open savepoints: writes run at once
};

}  // namespace

PostgresDatabase::PostgresDatabase(std::string url, int pool_size)
    : url_(std::move(url)), pool_(pool_size, [this] { return std::make_unique<PostgresConnection>(url_); }) {
  release(pool_.take());
}

}  // namespace slotbase::db
