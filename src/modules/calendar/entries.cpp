#include "entries.h"

#include "booking/booking_events.h"
#include "calendar_repository.h"
#include "platform/events/dispatcher.h"
#include "platform/events/typed_event.h"

namespace slotbase::calendar {
namespace {

using rules::EventStatus;

constexpr const char* kSubscriber = "calendar.entries";

/// Pages of my_bookings read when a feed is made, and how many at most: a player's bookings
/// from a month ago on fit many times over.
constexpr int kPage = 200;
constexpr int kMaxPages = 25;

EventStatus status_of(const booking::Booking& b) {
  if (b.status == booking::BookingStatus::cancelled) return EventStatus::cancelled;
  if (b.approval_status == booking::ApprovalStatus::pending) return EventStatus::tentative;
  return EventStatus::confirmed;
}

}  // namespace

const std::vector<std::string>& Entries::event_types() {
  static const std::vector<std::string> types{booking::BookingConfirmed::kType, booking::BookingRescheduled::kType,
                                              booking::BookingCancelled::kType, booking::BookingApproved::kType};
  return types;
}

void Entries::apply(const events::DomainEvent& e) {
  db_.transact([&](db::Connection& tx) { apply_in(tx, e); });
}

void Entries::apply_all(const std::vector<events::DomainEvent>& batch) {
  db_.transact([&](db::Connection& tx) {
    for (const auto& e : batch) apply_in(tx, e);
  });
}

void Entries::apply_in(db::Connection& tx, const events::DomainEvent& e) {
  const Instant at = e.timestamp;
  if (!events::mark_processed(tx, kSubscriber, e.id, at)) return;
  if (auto confirmed = events::decode_event<booking::BookingConfirmed>(e)) {
    const auto status = confirmed->approval_status == str(booking::ApprovalStatus::pending) ? EventStatus::tentative
                                                                                            : EventStatus::confirmed;
    CalendarRepository::add_entry(
        tx, Entry{confirmed->booking_id, confirmed->user_id, confirmed->facility_id, confirmed->resource_id,
                  confirmed->start, confirmed->end, status, 0, at, at});
  } else if (auto moved = events::decode_event<booking::BookingRescheduled>(e)) {
    CalendarRepository::move_entry(tx, moved->booking_id, moved->resource_id, moved->start, moved->end, at);
  } else if (auto cancelled = events::decode_event<booking::BookingCancelled>(e)) {
    CalendarRepository::set_status(tx, cancelled->booking_id, EventStatus::cancelled, at);
  } else if (auto approved = events::decode_event<booking::BookingApproved>(e)) {
    CalendarRepository::set_status(tx, approved->booking_id, EventStatus::confirmed, at);
  }
}

void Entries::add_existing(const Context& ctx, Instant since) {
  booking::BookingFilter filter;
  filter.limit = kPage;
  // my_bookings' cursor: "<start epoch>:<booking id>" of the last one seen.
  filter.cursor = std::to_string(epoch_seconds(since) - 1) + ":";
  for (int page = 0; page < kMaxPages; ++page) {
    auto list = bookings_.my_bookings(filter, ctx);
    if (!list.ok() || list->empty()) return;
    db_.transact([&](db::Connection& tx) {
      for (const auto& b : *list)
        CalendarRepository::add_entry(tx, Entry{b.id.str(), b.user_id, b.facility_id, b.resource_id, b.start, b.end,
                                                status_of(b), 0, b.created_at, b.created_at});
    });
    if (static_cast<int>(list->size()) < kPage) return;
    const auto& last = list->back();
    filter.cursor = std::to_string(epoch_seconds(last.start)) + ":" + last.id.str();
  }
}

}  // namespace slotbase::calendar
