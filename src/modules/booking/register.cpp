#include "modules/booking/register.h"

#include "modules/booking/booking_events.h"
#include "modules/booking/booking_routes.h"
#include "modules/booking/booking_service_impl.h"
#include "modules/booking/recurring_service_impl.h"
#include "platform/db/shared_read.h"
#include "platform/events/outbox.h"

namespace slotbase::booking {

BookingModule::BookingModule(db::Database& db, const Clock& clock, const events::Outbox& outbox, events::JobQueue& jobs,
                             organization::OrganizationService& orgs, resource::ResourceService& resources,
                             PaymentGateway* payments)
    : service_(std::make_unique<BookingServiceImpl>(db, clock, outbox, jobs, orgs, resources, payments)),
      recurring_(std::make_unique<RecurringServiceImpl>(db, clock, jobs, *service_)),
      db_(db),
      clock_(clock) {
  jobs.handle(kExpireHoldJob, [this](const events::Job& job) { service_->expire_hold(job.payload.at("hold_id")); });
  jobs.handle(kNoShowJob, [this](const events::Job& job) {
    service_->auto_no_show(job.payload.at("booking_id"), from_epoch_seconds(job.payload.at("start")));
  });
  jobs.handle(kCompleteJob, [this](const events::Job& job) {
    service_->auto_complete(job.payload.at("booking_id"), from_epoch_seconds(job.payload.at("end")));
  });
  jobs.handle(kExtendSeriesJob, [this](const events::Job& job) { recurring_->extend(job.payload.at("series_id")); });
  jobs.handle(kAutoApproveJob,
              [this](const events::Job& job) { service_->auto_approve(job.payload.at("booking_id")); });
}

BookingModule::~BookingModule() = default;

BookingService& BookingModule::service() {
  return *service_;
}

RecurringService& BookingModule::recurring() {
  return *recurring_;
}

void BookingModule::subscribe(events::EventDispatcher& dispatcher) {
  // Only the events that give time back or settle an offer: the others are not even parsed.
  dispatcher.subscribe("booking.waitlist",
                       {event_names::kHoldExpired, event_names::kHoldReleased, event_names::kCancelled,
                        event_names::kBlockRemoved, event_names::kRescheduled},
                       [this](const events::DomainEvent& e) { service_->on_slot_event(e); });
}

void BookingModule::run_background_once() {
  service_->expire_lapsed_holds();
  service_->settle_past_bookings();
}

void BookingModule::register_routes(http::Router& router) {
  // Every availability request asks how far the event log has come; requests that ask at the same
  // time share one read of it (each still waits for a read that began after it asked).
  auto log_end = std::make_shared<db::SharedRead<std::int64_t>>(
      [this] { return db_.read([](db::Connection& c) { return events::Outbox::last_sequence(c); }); });
  register_booking_routes(router, *service_, *recurring_, [this, log_end] {
    return AvailabilityCache::Version{log_end->get(), epoch_seconds(clock_.now())};
  });
}

}  // namespace slotbase::booking
