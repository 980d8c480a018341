#include "platform/events/jobs.h"

#include <algorithm>

#include "platform/core/ids.h"
#include "platform/core/process_owner.h"

namespace slotbase::events {
namespace {

constexpr std::string_view kInsert = R"sql(
INSERT INTO jobs (id, kind, payload, dedupe_key, status, run_at, attempts, max_attempts, created_at, updated_at)
VALUES ($1, $2, $3, $4, 'pending', $5, 0, $6, $7, $7)
ON CONFLICT (dedupe_key) DO NOTHING)sql";
constexpr std::string_view kByDedupe = "SELECT id FROM jobs WHERE dedupe_key = $1";
// Pending jobs pile up far ahead (a booking schedules its no-show and completion checks), so
// every query here walks the (status, run_at) index from its earliest entry instead of testing
// each pending job: with a condition like `run_at <= $1` a generic plan may scan the table, and a
// pass that finds nothing due would read every job there is.
constexpr std::string_view kNextDue = R"sql(
SELECT (SELECT MIN(run_at) FROM jobs WHERE status = 'pending'),
       (SELECT MIN(locked_until) FROM jobs WHERE status = 'running'))sql";
// Due pending jobs first, then running ones whose worker has gone quiet, at most $4 in all.
#define SB_DUE_JOBS(lock)                                                                          \
  "SELECT id FROM (SELECT id FROM (SELECT id FROM jobs WHERE status = 'pending' AND run_at <= $3 " \
  "ORDER BY run_at LIMIT $4 " lock                                                                 \
  ") AS pending UNION ALL SELECT id FROM (SELECT id FROM jobs "                                    \
  "WHERE status = 'running' AND locked_until < $3 ORDER BY locked_until LIMIT $4 " lock            \
  ") AS stalled) AS due "                                                                          \
  "LIMIT $4"
constexpr std::string_view kClaimPg = R"sql(
UPDATE jobs SET status = 'running', locked_by = $1, locked_until = $2, attempts = attempts + 1,
  updated_at = $3
WHERE id IN ()sql" SB_DUE_JOBS("FOR UPDATE SKIP LOCKED") R"sql()
RETURNING id, kind, payload, run_at, attempts, max_attempts)sql";
constexpr std::string_view kClaimSqlite = R"sql(
UPDATE jobs SET status = 'running', locked_by = $1, locked_until = $2, attempts = attempts + 1,
  updated_at = $3
WHERE id IN ()sql" SB_DUE_JOBS("") R"sql()
RETURNING id, kind, payload, run_at, attempts, max_attempts)sql";
#undef SB_DUE_JOBS
constexpr std::string_view kDone = R"sql(
UPDATE jobs SET status = 'done', locked_by = NULL, locked_until = NULL, last_error = NULL, updated_at = $2
WHERE id = $1 AND locked_by = $3)sql";
constexpr std::string_view kRetry = R"sql(
UPDATE jobs SET status = $2, run_at = $3, last_error = $4, locked_by = NULL, locked_until = NULL,
  updated_at = $5
WHERE id = $1 AND locked_by = $6)sql";
constexpr std::string_view kList = R"sql(
SELECT id, kind, payload, run_at, attempts, max_attempts, status, last_error FROM jobs
WHERE ($1 = '' OR status = $1) ORDER BY run_at DESC, id LIMIT $2)sql";
constexpr std::string_view kRunningOwners =
    "SELECT DISTINCT locked_by FROM jobs WHERE status = 'running' AND locked_by <> $1";
constexpr std::string_view kLapse = "UPDATE jobs SET locked_until = 0 WHERE status = 'running' AND locked_by = $1";
constexpr std::string_view kDepth = "SELECT COUNT(*) FROM jobs WHERE status IN ('pending', 'running')";
constexpr std::string_view kDead = "SELECT COUNT(*) FROM jobs WHERE status = 'dead'";

// Reads the columns both the claim and the listing return first:
// id, kind, payload, run_at, attempts, max_attempts.
Job job_from(const db::Row& r) {
  Job j;
  j.id = r.text(0);
  j.kind = r.text(1);
  j.payload = nlohmann::json::parse(r.text(2));
  j.run_at = from_epoch_seconds(r.i64(3));
  j.attempts = static_cast<int>(r.i64(4));
  j.max_attempts = static_cast<int>(r.i64(5));
  return j;
}

}  // namespace

JobQueue::JobQueue(db::Database& db, const Clock& clock, Options options)
    : db_(db), clock_(clock), options_(options), worker_(process_owner("wkr")) {}

std::string JobQueue::enqueue(db::Connection& tx, const std::string& kind, const nlohmann::json& payload,
                              Instant run_at, std::optional<std::string> dedupe_key,
                              std::optional<int> max_attempts) const {
  std::string id = new_id("job");
  auto inserted = tx.execute(
      kInsert, {id, kind, payload.dump(), db::opt(dedupe_key), epoch_seconds(run_at),
                std::int64_t{max_attempts.value_or(options_.default_max_attempts)}, epoch_seconds(clock_.now())});
  if (inserted == 0 && dedupe_key) return tx.query_one(kByDedupe, {*dedupe_key})->text(0);
  return id;
}

void JobQueue::schedule(db::Connection& tx, const std::string& kind, const nlohmann::json& payload, Instant run_at,
                        const std::string& dedupe_key) const {
  tx.execute_later(kInsert, {new_id("job"), kind, payload.dump(), dedupe_key, epoch_seconds(run_at),
                             std::int64_t{options_.default_max_attempts}, epoch_seconds(clock_.now())});
}

void JobQueue::handle(std::string kind, Handler handler) {
  std::lock_guard lock(mu_);
  handlers_[std::move(kind)] = std::move(handler);
}

void JobQueue::release_gone_workers() {
  {
    std::lock_guard lock(mu_);
    const auto now = std::chrono::steady_clock::now();
    if (now < next_gone_check_) return;
    next_gone_check_ = now + std::chrono::seconds(1);
  }
  auto owners = db_.read([&](db::Connection& c) {
    std::vector<std::string> out;
    for (const auto& r : c.query(kRunningOwners, {worker_}))
      if (!r.is_null(0) && owner_is_gone(r.text(0))) out.push_back(r.text(0));
    return out;
  });
  for (const auto& owner : owners) db_.transact([&](db::Connection& c) { c.execute(kLapse, {owner}); });
}

int JobQueue::run_due(int limit) {
  // The jobs a process of this machine had claimed when it died are due again now, not when
  // their locks lapse.
  release_gone_workers();
  const Instant now = clock_.now();
  // Most passes find nothing due: a read says so without taking the write lock.
  const bool any_due = db_.read([&](db::Connection& c) {
    auto next = c.query_one(kNextDue);
    const auto pending = next->opt_i64(0), stalled = next->opt_i64(1);
    return (pending && *pending <= epoch_seconds(now)) || (stalled && *stalled < epoch_seconds(now));
  });
  if (!any_due) return 0;
  auto claimed = db_.transact([&](db::Connection& c) {
    auto sql = c.dialect() == db::Dialect::postgres ? kClaimPg : kClaimSqlite;
    std::vector<Job> jobs;
    for (const auto& r :
         c.query(sql, {worker_, epoch_seconds(now + options_.lock_for), epoch_seconds(now), std::int64_t{limit}})) {
      Job j = job_from(r);
      j.status = "running";
      jobs.push_back(std::move(j));
    }
    // RETURNING follows the table's order, not the claim's: the longest due runs first.
    std::stable_sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) { return a.run_at < b.run_at; });
    return jobs;
  });
  for (const auto& job : claimed) {
    Handler handler;
    {
      std::lock_guard lock(mu_);
      auto it = handlers_.find(job.kind);
      if (it != handlers_.end()) handler = it->second;
    }
    std::string error;
    try {
      if (!handler) throw std::runtime_error("no handler for job kind " + job.kind);
      handler(job);
    } catch (const std::exception& e) {
      error = e.what();
      if (error.empty()) error = "job failed";
    }
    const Instant finished = clock_.now();
    db_.transact([&](db::Connection& c) {
      if (error.empty()) {
        c.execute(kDone, {job.id, epoch_seconds(finished), worker_});
        return;
      }
      const bool give_up = job.attempts >= job.max_attempts;
      auto backoff = std::min<std::chrono::seconds>(options_.base_backoff * (1LL << std::min(job.attempts - 1, 20)),
                                                    options_.max_backoff);
      c.execute(kRetry, {job.id, std::string(give_up ? "dead" : "pending"), epoch_seconds(finished + backoff), error,
                         epoch_seconds(finished), worker_});
    });
  }
  return static_cast<int>(claimed.size());
}

std::vector<Job> JobQueue::list(std::optional<std::string> status, int limit) {
  return db_.read([&](db::Connection& c) {
    std::vector<Job> out;
    for (const auto& r : c.query(kList, {status.value_or(""), std::int64_t{limit}})) {
      Job j = job_from(r);
      j.status = r.text(6);
      j.last_error = r.opt_text(7);
      out.push_back(std::move(j));
    }
    return out;
  });
}

std::int64_t JobQueue::depth() {
  return db_.read([&](db::Connection& c) { return c.query_one(kDepth)->i64(0); });
}

std::int64_t JobQueue::dead() {
  return db_.read([&](db::Connection& c) { return c.query_one(kDead)->i64(0); });
}

}  // namespace slotbase::events
