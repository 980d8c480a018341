#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "platform/clock/clock.h"
#include "platform/core/process_owner.h"
#include "platform/db/database.h"
#include "platform/http/message.h"

namespace slotbase::http {

/// Remembers the response to each (caller, Idempotency-Key) so a retried unsafe request returns the
/// first result instead of acting twice. A key in use by a request still running answers 409; the
/// same key with another request body answers 422. Responses of 5xx are not kept, so a retry after
/// a failure runs again. Keys last 24 hours. A key held by a request that never finished is free
/// again after five minutes, or at once when the process that ran it is gone (see owner_is_gone).
class IdempotencyStore {
 public:
  IdempotencyStore(db::Database& db, const Clock& clock) : db_(db), clock_(clock), owner_(process_owner("req")) {}

  enum class Outcome { proceed, replay, mismatch, in_progress };
  struct Begin {
    Outcome outcome;
    Response replay;
  };

  Begin begin(const std::string& scope, const std::string& key, const std::string& request_hash);
  void complete(const std::string& scope, const std::string& key, const Response& response);
  void abandon(const std::string& scope, const std::string& key);

  static constexpr std::chrono::hours kRetention{24};

 private:
  db::Database& db_;
  const Clock& clock_;
  const std::string owner_;  // this process, on the keys of its requests while they run
};

}  // namespace slotbase::http
