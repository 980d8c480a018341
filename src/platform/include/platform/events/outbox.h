#pragma once

#include <functional>
#include <vector>

#include "platform/clock/clock.h"
#include "platform/db/database.h"
#include "platform/events/domain_event.h"

namespace slotbase::events {

/// An event made ready to append: its id, time and JSON text, made before its transaction so that
/// a single writer (SQLite's) does not wait for them.
class PreparedEvent {
 private:
  friend class Outbox;
  db::Params params_;
};

/// The transactional outbox. A service appends its events with the same Connection it writes its
/// rows with, so both commit or neither does. The outbox is also the event log, read back by the
/// dispatcher and by `slotbase events replay`.
class Outbox {
 public:
  explicit Outbox(const Clock& clock) : clock_(clock) {}

  /// Called after any transaction that appended events commits (the dispatcher's wake-up).
  void on_commit(std::function<void()> listener) { listener_ = std::move(listener); }

  /// Writes the event as part of `tx`. It takes its sequence number when `tx` commits (on
  /// PostgreSQL the insert itself waits for the commit; see outbox.cpp).
  void append(db::Connection& tx, NewEvent event) const { append(tx, prepare(std::move(event))); }
  /// Pass a prepared event by copy when the transaction may run again (a grouped write can).
  void append(db::Connection& tx, PreparedEvent event) const;
  /// The event's id, time and JSON text, for an append to come.
  PreparedEvent prepare(NewEvent event) const;

  /// Events with sequence in [from, to], in order, at most `limit`. Events whose type `wanted`
  /// refuses come with sequence, id and type only, their payload and metadata left unparsed.
  static std::vector<DomainEvent> read(db::Connection& c, std::int64_t from, std::int64_t to, int limit,
                                       const std::function<bool(const std::string& type)>& wanted = {});
  static std::int64_t last_sequence(db::Connection& c);

 private:
  const Clock& clock_;
  std::function<void()> listener_;
};

}  // namespace slotbase::events
