#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "platform/core/time.h"

namespace slotbase::events {

/// The original design's DomainEvent. `sequence` is its position in the outbox (the event log).
struct DomainEvent {
  std::int64_t sequence = 0;
  std::string id;
  std::string type;  // e.g. "user.created"
  Instant timestamp;
  std::string source;          // the emitting module, e.g. "identity"
  std::string correlation_id;  // the request id that caused it
  std::string aggregate_id;    // the entity it is about; order is kept per aggregate
  nlohmann::json payload = nlohmann::json::object();
  struct Metadata {
    std::optional<std::string> user_id;
    std::optional<std::string> facility_id;
    int version = 1;
  } metadata;

  nlohmann::json to_json() const;
};

/// What a service says when it emits an event; the outbox fills in id, time and sequence.
struct NewEvent {
  std::string type;
  std::string source;
  std::string aggregate_id;
  nlohmann::json payload = nlohmann::json::object();
  std::optional<std::string> user_id;
  std::optional<std::string> facility_id;
  std::string correlation_id;
  int version = 1;
};

}  // namespace slotbase::events
