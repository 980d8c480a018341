#include "platform/events/dispatcher.h"

#include <algorithm>
#include <future>
#include <set>

#include "platform/core/process_owner.h"
#include "platform/events/outbox.h"

namespace slotbase::events {
namespace {

constexpr std::string_view kEnsureCursor = R"sql(
INSERT INTO event_subscriptions (subscriber, last_seq) VALUES ($1, $2)
ON CONFLICT (subscriber) DO NOTHING)sql";
constexpr std::string_view kTakeLease = R"sql(
UPDATE event_subscriptions SET lease_owner = $2, lease_until = $3
WHERE subscriber = $1 AND (lease_owner IS NULL OR lease_owner = $2 OR lease_until < $4)
  AND next_attempt_at <= $4
RETURNING last_seq, attempts)sql";
constexpr std::string_view kAdvance = R"sql(
UPDATE event_subscriptions SET last_seq = $2, attempts = 0, next_attempt_at = 0, last_error = NULL
WHERE subscriber = $1 AND lease_owner = $3)sql";
// Progress within a pass, which also extends the lease: a pass stopped by a crash is redone
// from its last batch, not from its start.
constexpr std::string_view kProgress = R"sql(
UPDATE event_subscriptions SET last_seq = $2, attempts = 0, next_attempt_at = 0, last_error = NULL, lease_until = $4
WHERE subscriber = $1 AND lease_owner = $3)sql";
constexpr std::string_view kFailed = R"sql(
UPDATE event_subscriptions SET attempts = $2, next_attempt_at = $3, last_error = $4
WHERE subscriber = $1 AND lease_owner = $5)sql";
constexpr std::string_view kDeadLetter = R"sql(
INSERT INTO dead_events (subscriber, seq, event_id, error, attempts, failed_at)
VALUES ($1, $2, $3, $4, $5, $6))sql";
constexpr std::string_view kReleaseLease = R"sql(
UPDATE event_subscriptions SET lease_owner = NULL, lease_until = 0
WHERE subscriber = $1 AND lease_owner = $2)sql";
constexpr std::string_view kMarkProcessed = R"sql(
INSERT INTO processed_events (subscriber, event_id, processed_at) VALUES ($1, $2, $3)
ON CONFLICT DO NOTHING)sql";
constexpr std::string_view kForget = R"sql(
DELETE FROM processed_events WHERE subscriber = $1
  AND event_id IN (SELECT event_id FROM outbox WHERE seq >= $2 AND seq <= $3))sql";
constexpr std::string_view kLeaseHolder = R"sql(
SELECT lease_owner FROM event_subscriptions WHERE subscriber = $1 AND lease_owner IS NOT NULL AND lease_owner <> $2
  AND lease_until >= $3)sql";
constexpr std::string_view kBehind = "SELECT subscriber FROM event_subscriptions WHERE last_seq < $1";
constexpr std::string_view kMinCursor = "SELECT COALESCE(MIN(last_seq), 0) FROM event_subscriptions";

}  // namespace

bool mark_processed(db::Connection& tx, const std::string& subscriber, const std::string& event_id, Instant now) {
  return tx.execute(kMarkProcessed, {subscriber, event_id, epoch_seconds(now)}) == 1;
}

EventDispatcher::EventDispatcher(db::Database& db, const Clock& clock, Options options)
    : db_(db), clock_(clock), options_(options), owner_(process_owner("dsp")) {}

void EventDispatcher::subscribe(std::string subscriber, std::vector<std::string> types, Handler handler) {
  subscribe(std::move(subscriber), std::move(types), std::move(handler), nullptr);
}

void EventDispatcher::subscribe(std::string subscriber, std::vector<std::string> types, Handler handler,
                                BatchHandler batch) {
  // A new subscriber starts at the end of the log: it receives what happens from now on.
  db_.transact([&](db::Connection& c) { c.execute(kEnsureCursor, {subscriber, Outbox::last_sequence(c)}); });
  std::lock_guard lock(mu_);
  subscriptions_.push_back({std::move(subscriber), std::move(types), std::move(handler), std::move(batch)});
}

std::vector<std::string> EventDispatcher::subscribers() const {
  std::lock_guard lock(mu_);
  std::vector<std::string> out;
  for (const auto& s : subscriptions_) out.push_back(s.name);
  return out;
}

bool EventDispatcher::matches(const Subscription& s, const std::string& type) const {
  if (s.types.empty()) return true;
  return std::any_of(s.types.begin(), s.types.end(), [&](const std::string& t) {
    if (t.size() > 2 && t.ends_with(".*")) return type.rfind(t.substr(0, t.size() - 1), 0) == 0;
    return t == type;
  });
}

int EventDispatcher::run_once() {
  std::vector<const Subscription*> subs;
  {
    std::lock_guard lock(mu_);
    for (const auto& s : subscriptions_) subs.push_back(&s);
  }
  // One read says which subscribers are behind the log: the others need no lease (a write).
  std::set<std::string> behind;
  db_.read([&](db::Connection& c) {
    for (const auto& r : c.query(kBehind, {Outbox::last_sequence(c)})) behind.insert(r.text(0));
  });
  std::erase_if(subs, [&](const Subscription* s) { return !behind.count(s->name); });
  if (!options_.parallel || subs.size() < 2) {
    int delivered = 0;
    for (const auto* s : subs) delivered += deliver(*s);
    return delivered;
  }
  // A subscriber far behind (thousands of events after a burst of bookings) no longer holds up
  // the others: each takes its own thread, and their writes meet in the database's group commit.
  std::vector<std::future<int>> running;
  for (const auto* s : subs) running.push_back(std::async(std::launch::async, [this, s] { return deliver(*s); }));
  int delivered = 0;
  std::exception_ptr failure;
  for (auto& r : running) {
    try {
      delivered += r.get();
    } catch (...) {
      if (!failure) failure = std::current_exception();
    }
  }
  if (failure) std::rethrow_exception(failure);
  return delivered;
}

int EventDispatcher::deliver(const Subscription& s) {
  const Instant now = clock_.now();
  auto take_lease = [&] {
    return db_.transact([&](db::Connection& c) {
      auto row = c.query_one(kTakeLease, {s.name, owner_, epoch_seconds(now + options_.lease), epoch_seconds(now)});
      if (!row) return std::optional<std::pair<std::int64_t, int>>{};
      return std::optional<std::pair<std::int64_t, int>>{{row->i64(0), static_cast<int>(row->i64(1))}};
    });
  };
  std::optional<std::pair<std::int64_t, int>> cursor = take_lease();
  // Held by a process of this machine that died mid-pass: its lease is taken over now rather
  // than when it lapses. What it delivered and did not record is delivered again (at least once).
  if (!cursor && release_if_gone(s.name, now)) cursor = take_lease();
  if (!cursor) return 0;
  auto [last_seq, attempts] = *cursor;
  std::int64_t started_at = last_seq;  // the cursor as the database has it
  int delivered = 0;
  // The cursor is written after each batch rather than after every event: a crash redelivers at
  // most one batch, which handlers tolerate (at-least-once, apply_once). A subscriber far behind
  // (after an outage, or slower than the writes) so keeps what it has done, and its lease.
  // Batches it had nothing to do with are not worth a write (a crash would only skim them again):
  // the cursor then moves with the next delivery, at the end of the pass, or when the lease needs
  // renewing. Under load a write waits for the database's one writer, behind the handlers' own.
  int delivered_at_progress = 0;
  auto progress_due = clock_.now() + options_.lease / 3;
  for (bool more = true; more;) {
    if (last_seq != started_at && (delivered != delivered_at_progress || clock_.now() >= progress_due)) {
      const bool still_ours = db_.transact([&](db::Connection& c) {
        return c.execute(kProgress, {s.name, last_seq, owner_, epoch_seconds(clock_.now() + options_.lease)}) == 1;
      });
      if (!still_ours) return delivered;  // the lease lapsed and another process took it
      started_at = last_seq;
      delivered_at_progress = delivered;
      progress_due = clock_.now() + options_.lease / 3;
    }
    auto batch = db_.read([&](db::Connection& c) {
      return Outbox::read(c, last_seq + 1, INT64_MAX, options_.batch,
                          [&](const std::string& type) { return matches(s, type); });
    });
    more = static_cast<int>(batch.size()) == options_.batch;
    if (s.batch && attempts == 0 && !batch.empty()) {
      // The whole read in one call; if it throws, nothing of it was applied and the events go
      // one by one below, where a failing one meets the retries and the dead-letter list alone.
      std::vector<DomainEvent> matching;
      for (auto& e : batch)
        if (matches(s, e.type)) matching.push_back(e);
      try {
        if (!matching.empty()) s.batch(matching);
        delivered += static_cast<int>(matching.size());
        last_seq = batch.back().sequence;
        continue;
      } catch (const std::exception&) {
      }
    }
    for (const auto& e : batch) {
      if (matches(s, e.type)) {
        try {
          s.handler(e);
          ++delivered;
        } catch (const std::exception& ex) {
          ++attempts;
          const auto failed_at = clock_.now();
          if (attempts >= options_.max_attempts) {
            db_.transact([&](db::Connection& c) {
              c.execute(kDeadLetter, {s.name, e.sequence, e.id, std::string(ex.what()), std::int64_t{attempts},
                                      epoch_seconds(failed_at)});
            });
            last_seq = e.sequence;
            attempts = 0;
            continue;
          }
          auto backoff = options_.base_backoff * (1LL << std::min(attempts - 1, 12));
          db_.transact([&](db::Connection& c) {
            c.execute(kAdvance, {s.name, last_seq, owner_});
            c.execute(kFailed, {s.name, std::int64_t{attempts}, epoch_seconds(failed_at + backoff),
                                std::string(ex.what()), owner_});
            c.execute(kReleaseLease, {s.name, owner_});
          });
          return delivered;
        }
      }
      last_seq = e.sequence;
      attempts = 0;
    }
  }
  db_.transact([&](db::Connection& c) {
    if (last_seq != started_at) c.execute(kAdvance, {s.name, last_seq, owner_});
    c.execute(kReleaseLease, {s.name, owner_});
  });
  return delivered;
}

bool EventDispatcher::release_if_gone(const std::string& subscriber, Instant now) {
  auto holder = db_.read([&](db::Connection& c) {
    auto row = c.query_one(kLeaseHolder, {subscriber, owner_, epoch_seconds(now)});
    return row ? row->text(0) : std::string();
  });
  if (holder.empty() || !owner_is_gone(holder)) return false;
  return db_.transact([&](db::Connection& c) { return c.execute(kReleaseLease, {subscriber, holder}) == 1; });
}

Result<int> EventDispatcher::replay(const std::string& subscriber, std::int64_t from, std::int64_t to) {
  const Subscription* sub = nullptr;
  {
    std::lock_guard lock(mu_);
    for (const auto& s : subscriptions_)
      if (s.name == subscriber) sub = &s;
  }
  if (!sub) return Error::not_found("no subscriber named " + subscriber);
  if (from > to) return Error::invalid("from", "must not be after to");
  db_.transact([&](db::Connection& c) { c.execute(kForget, {subscriber, from, to}); });
  int delivered = 0;
  for (std::int64_t next = from; next <= to;) {
    auto batch = db_.read([&](db::Connection& c) { return Outbox::read(c, next, to, options_.batch); });
    if (batch.empty()) break;
    for (const auto& e : batch) {
      if (matches(*sub, e.type)) {
        sub->handler(e);
        ++delivered;
      }
      next = e.sequence + 1;
    }
  }
  return delivered;
}

std::int64_t EventDispatcher::lag() {
  return db_.read([&](db::Connection& c) { return Outbox::last_sequence(c) - c.query_one(kMinCursor)->i64(0); });
}

}  // namespace slotbase::events
