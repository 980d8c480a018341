#include "platform/ws/live_feed.h"

#include <utility>

#include "platform/events/outbox.h"
#include "platform/log/log.h"

namespace slotbase::ws {
namespace {

nlohmann::json change(const events::DomainEvent& e, const nlohmann::json& slot, const char* status) {
  return {{"type", "availability.changed"},
          {"facility_id", e.metadata.facility_id.value_or("")},
          {"resource_id", slot.value("resource_id", "")},
          {"start", slot.value("start", "")},
          {"end", slot.value("end", "")},
          {"status", status},
          {"cause", e.type}};
}

/// The status a slot is left in by an event of this type; null for events that change no slot.
const char* status_after(const std::string& type) {
  static constexpr std::pair<const char*, const char*> kStatusAfter[] = {
      {"booking.hold.created", "held"},   {"booking.confirmed", "booked"},        {"booking.block.created", "blocked"},
      {"booking.rescheduled", "booked"},  {"booking.hold.released", "available"}, {"booking.hold.expired", "available"},
      {"booking.cancelled", "available"}, {"booking.block.removed", "available"}};
  for (const auto& [t, status] : kStatusAfter)
    if (type == t) return status;
  return nullptr;
}

bool changes_slots(const std::string& type) {
  return status_after(type) != nullptr;
}

// The notification module's event for an in-app notification, addressed to its user.
constexpr std::string_view kNotificationCreated = "notification.created";

nlohmann::json notification_push(const events::DomainEvent& e) {
  const auto& p = e.payload;
  return {{"type", "notification"},
          {"notification",
           {{"id", p.value("notification_id", "")},
            {"type", p.value("type", "")},
            {"title", p.value("title", "")},
            {"body", p.value("body", "")},
            {"read", false},
            {"created_at", p.value("created_at", "")}}}};
}

/// The availability changes an event stands for (none for events that change no slot). A
/// rescheduled booking also frees the slot it came from.
std::vector<nlohmann::json> changes_of(const events::DomainEvent& e) {
  const char* status = status_after(e.type);
  const auto& p = e.payload;
  if (!status || !p.contains("resource_id") || !p.contains("start") || !e.metadata.facility_id) return {};
  if (e.type == "booking.rescheduled") {
    if (!p.contains("from")) return {};
    return {change(e, p["from"], "available"), change(e, p, status)};
  }
  return {change(e, p, status)};
}

}  // namespace

LiveFeed::LiveFeed(db::Database& db, Hub& hub) : db_(db), hub_(hub) {
  last_seq_ = db_.read([](db::Connection& c) { return events::Outbox::last_sequence(c); });
}

LiveFeed::~LiveFeed() {
  stop();
}

void LiveFeed::start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] {
    // Polls every 100 ms or when a commit rings, but at most every kBatch: under load one read
    // then carries many events.
    for (auto started = Doorbell::Clock::now();; started = Doorbell::Clock::now()) {
      try {
        poll();
      } catch (const std::exception& e) {
        log::warn("live feed pass failed", {{"error", e.what()}});
      }
      if (!bell_.wait(std::chrono::milliseconds(100), started, kBatch)) return;
    }
  });
}

void LiveFeed::stop() {
  bell_.stop();
  if (thread_.joinable()) thread_.join();
}

void LiveFeed::wake() {
  bell_.ring();
}

int LiveFeed::poll() {
  int sent = 0;
  for (;;) {
    // An event is parsed only if it changes a slot and someone follows a facility when it is
    // read, which is after it was committed: a client subscribed before a change hears of it.
    auto batch = db_.read([&](db::Connection& c) {
      return events::Outbox::read(c, last_seq_ + 1, INT64_MAX, 500, [&](const std::string& type) {
        return (changes_slots(type) && hub_.followed()) || (type == kNotificationCreated && hub_.users_followed());
      });
    });
    for (const auto& e : batch) {
      last_seq_ = e.sequence;
      if (e.type == kNotificationCreated) {
        if (e.metadata.user_id && e.payload.contains("notification_id")) {  // read, not passed over
          hub_.publish_to_user(*e.metadata.user_id, notification_push(e));
          ++sent;
        }
        continue;
      }
      for (const auto& message : changes_of(e)) {
        hub_.publish(*e.metadata.facility_id, message);
        ++sent;
      }
    }
    if (batch.size() < 500) return sent;
  }
}

}  // namespace slotbase::ws
