#include "platform/http/idempotency.h"

#include "platform/core/process_owner.h"

namespace slotbase::http {
namespace {

constexpr std::string_view kClaim = R"sql(
INSERT INTO idempotency_keys (scope, key, request_hash, state, created_at, expires_at, owner)
VALUES ($1, $2, $3, 'processing', $4, $5, $6)
ON CONFLICT (scope, key) DO NOTHING)sql";
constexpr std::string_view kFind = R"sql(
SELECT request_hash, state, status, content_type, body, expires_at, owner
FROM idempotency_keys WHERE scope = $1 AND key = $2)sql";
constexpr std::string_view kDelete = "DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2";
constexpr std::string_view kComplete = R"sql(
UPDATE idempotency_keys SET state = 'completed', status = $3, content_type = $4, body = $5, owner = NULL
WHERE scope = $1 AND key = $2)sql";
// A request that died mid-way must not hold its key for a day.
constexpr std::int64_t kProcessingLeaseSeconds = 300;

}  // namespace

IdempotencyStore::Begin IdempotencyStore::begin(const std::string& scope, const std::string& key,
                                                const std::string& request_hash) {
  const auto now = epoch_seconds(clock_.now());
  return db_.transact([&](db::Connection& c) -> Begin {
    for (int round = 0; round < 2; ++round) {
      if (c.execute(kClaim, {scope, key, request_hash, now,
                             now + std::chrono::duration_cast<std::chrono::seconds>(kRetention).count(), owner_}) == 1)
        return {Outcome::proceed, {}};
      auto row = c.query_one(kFind, {scope, key});
      if (!row) continue;
      const bool processing = row->text(1) == "processing";
      const bool expired = row->i64(5) <= now;
      // A request cut off by its process's death (on this machine) frees its key at once.
      const bool stale =
          processing && (row->i64(5) - now < std::chrono::duration_cast<std::chrono::seconds>(kRetention).count() -
                                                 kProcessingLeaseSeconds ||
                         (!row->is_null(6) && owner_is_gone(row->text(6))));
      if (expired || stale) {
        c.execute(kDelete, {scope, key});
        continue;
      }
      if (row->text(0) != request_hash) return {Outcome::mismatch, {}};
      if (processing) return {Outcome::in_progress, {}};
      Response r;
      r.status = static_cast<int>(row->i64(2));
      if (auto ct = row->opt_text(3); ct && !ct->empty()) r.headers["Content-Type"] = *ct;
      r.body = row->opt_text(4).value_or("");
      r.headers["Idempotent-Replayed"] = "true";
      return {Outcome::replay, std::move(r)};
    }
    return {Outcome::in_progress, {}};
  });
}

void IdempotencyStore::complete(const std::string& scope, const std::string& key, const Response& response) {
  auto ct = response.headers.find("Content-Type");
  db_.transact([&](db::Connection& c) {
    c.execute(kComplete, {scope, key, std::int64_t{response.status},
                          ct == response.headers.end() ? std::string() : ct->second, response.body});
  });
}

void IdempotencyStore::abandon(const std::string& scope, const std::string& key) {
  db_.transact([&](db::Connection& c) { c.execute(kDelete, {scope, key}); });
}

}  // namespace slotbase::http
