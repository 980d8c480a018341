#include "platform/ws/live_feed.h"

#include <algorithm>
#include <iterator>

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

/// Whether an event of this type can change a slot (see changes_of).
bool changes_slots(const std::string& type) {
  static constexpr const char* kTypes[] = {"booking.hold.created",  "booking.confirmed",    "booking.block.created",
                                           "booking.hold.released", "booking.hold.expired", "booking.cancelled",
                                           "booking.block.removed", "booking.rescheduled"};
  return std::any_of(std::begin(kTypes), std::end(kTypes), [&](const char* t) { return type == t; });
}

/// The availability changes an event stands for (none for events that change no slot).
std::vector<nlohmann::json> changes_of(const events::DomainEvent& e) {
  if (!changes_slots(e.type)) return {};
  const auto& p = e.payload;
  if (!p.contains("resource_id") || !p.contains("start") || !e.metadata.facility_id) return {};
  if (e.type == "booking.hold.created") return {change(e, p, "held")};
  if (e.type == "booking.confirmed") return {change(e, p, "booked")};
  if (e.type == "booking.block.created") return {change(e, p, "blocked")};
  if (e.type == "booking.hold.released" || e.type == "booking.hold.expired" || e.type == "booking.cancelled" ||
      e.type == "booking.block.removed")
    return {change(e, p, "available")};
  if (e.type == "booking.rescheduled" && p.contains("from"))
    return {change(e, p["from"], "available"), change(e, p, "booked")};
  return {};
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
    for (;;) {
      const auto started = std::chrono::steady_clock::now();
      {
        std::lock_guard lock(mu_);
        woken_ = false;
      }
      try {
        poll();
      } catch (const std::exception& e) {
        log::warn("live feed pass failed", {{"error", e.what()}});
      }
      // Polls every 100 ms or when woken by a commit, but at most every kBatch: under load one
      // read then carries many events.
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, std::chrono::milliseconds(100), [this] { return woken_ || stop_; });
      cv_.wait_until(lock, started + kBatch, [this] { return stop_; });
      if (stop_) return;
    }
  });
}

void LiveFeed::stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
    cv_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
}

void LiveFeed::wake() {
  std::lock_guard lock(mu_);
  woken_ = true;
  cv_.notify_all();
}

int LiveFeed::poll() {
  int sent = 0;
  for (;;) {
    auto batch = db_.read(
        [&](db::Connection& c) { return events::Outbox::read(c, last_seq_ + 1, INT64_MAX, 500, changes_slots); });
    for (const auto& e : batch) {
      last_seq_ = e.sequence;
      for (const auto& message : changes_of(e)) {
        hub_.publish(*e.metadata.facility_id, message);
        ++sent;
      }
    }
    if (batch.size() < 500) return sent;
  }
}

}  // namespace slotbase::ws
