#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "platform/clock/clock.h"
#include "platform/core/result.h"
#include "platform/db/database.h"
#include "platform/events/domain_event.h"

namespace slotbase::events {

/// Delivers outbox events to subscribers at least once and in sequence order (so in order per
/// aggregate). Each subscriber has a cursor in the database; a handler that throws is retried with
/// exponential backoff and, after `max_attempts`, the event is recorded in `dead_events` and the
/// cursor moves on. Several processes may run dispatchers on one database: a lease on each cursor
/// lets one of them deliver to a subscriber at a time; the lease of a process that died on this
/// machine is taken over at once, another machine's lapses after `lease`. Thread-safe.
class EventDispatcher {
 public:
  using Handler = std::function<void(const DomainEvent&)>;
  /// Takes a run of events at once, in order (e.g. to apply them in one transaction). It must
  /// either apply them all or throw having applied none: the run is then delivered again one event
  /// at a time through the Handler, so a failing event is retried, or dead-lettered, alone.
  using BatchHandler = std::function<void(const std::vector<DomainEvent>&)>;

  struct Options {
    int max_attempts = 8;
    std::chrono::seconds base_backoff{1};
    int batch = 200;
    std::chrono::seconds lease{30};
    /// Subscribers that are behind are served at once, each on a thread of its own for the pass,
    /// rather than one after the other (handlers must then be thread-safe with each other's).
    bool parallel = false;
  };

  EventDispatcher(db::Database& db, const Clock& clock, Options options);
  EventDispatcher(db::Database& db, const Clock& clock) : EventDispatcher(db, clock, Options{}) {}

  /// `types` are event types or prefixes ending in ".*" ("booking.*"); empty means every event.
  /// Subscriptions are made before delivery starts.
  void subscribe(std::string subscriber, std::vector<std::string> types, Handler handler);
  /// The same, delivering each read's matching events to `batch` in one call.
  void subscribe(std::string subscriber, std::vector<std::string> types, Handler handler, BatchHandler batch);

  /// Delivers every event that is due to every subscriber; returns how many deliveries succeeded.
  int run_once();

  /// Re-delivers events [from, to] to one subscriber, forgetting that it had processed them.
  Result<int> replay(const std::string& subscriber, std::int64_t from, std::int64_t to);

  /// Events the slowest subscriber has yet to receive.
  std::int64_t lag();

  std::vector<std::string> subscribers() const;

 private:
  struct Subscription {
    std::string name;
    std::vector<std::string> types;
    Handler handler;
    BatchHandler batch;  // optional
  };
  bool matches(const Subscription& s, const std::string& type) const;
  int deliver(const Subscription& s);
  /// Ends the lease on `subscriber` if a process of this machine that is gone holds it.
  bool release_if_gone(const std::string& subscriber, Instant now);

  db::Database& db_;
  const Clock& clock_;
  Options options_;
  std::string owner_;
  mutable std::mutex mu_;
  std::vector<Subscription> subscriptions_;
};

/// Runs `fn(tx)` for an event at most once per subscriber: the event id is recorded in
/// `processed_events` in the same transaction as fn's writes. Returns false if it had been
/// processed before.
template <class F>
bool apply_once(db::Database& db, const std::string& subscriber, const DomainEvent& e, F&& fn);

bool mark_processed(db::Connection& tx, const std::string& subscriber, const std::string& event_id, Instant now);

template <class F>
bool apply_once(db::Database& db, const std::string& subscriber, const DomainEvent& e, F&& fn) {
  return db.transact([&](db::Connection& tx) {
    if (!mark_processed(tx, subscriber, e.id, e.timestamp)) return false;
    fn(tx);
    return true;
  });
}

}  // namespace slotbase::events
