#include "booking/register.h"

#include "booking/booking_events.h"
#include "booking/payment_gateway.h"
#include "booking_routes.h"
#include "booking_service_impl.h"
#include "desk_payments.h"
#include "organization/organization_service.h"
#include "platform/db/shared_read.h"
#include "recurring_service_impl.h"
#include "resource/resource_service.h"

namespace slotbase::booking {
namespace {

class BookingModule final : public Module {
 public:
  explicit BookingModule(ModuleContext& c)
      : parts_(c.db, c.clock, c.outbox, c.jobs, c.services.get<organization::OrganizationService>(),
               c.services.get<resource::ResourceService>(), payments_from(c.services)),
        service_(parts_),
        recurring_(c.db, c.clock, c.jobs, parts_),
        db_(c.db),
        clock_(c.clock) {
    c.services.provide<BookingService>(service_);
    c.services.provide<RecurringService>(recurring_);
  }

  std::string_view name() const override { return "booking"; }

  void register_routes(http::Router& router) override {
    // Every availability request asks how far the event log has come; requests that ask at the
    // same time share one read of it (each still waits for a read that began after it asked).
    auto log_end = std::make_shared<db::SharedRead<std::int64_t>>(
        [this] { return db_.read([](db::Connection& c) { return events::Outbox::last_sequence(c); }); });
    register_booking_routes(router, service_, recurring_, [this, log_end] {
      return AvailabilityCache::Version{log_end->get(), epoch_seconds(clock_.now())};
    });
  }

  void subscribe(events::EventDispatcher& dispatcher) override {
    // Only the events that give time back or settle an offer: the others are not even parsed.
    dispatcher.subscribe("booking.waitlist",
                         {HoldExpired::kType, HoldReleased::kType, BookingCancelled::kType, BlockRemoved::kType,
                          BookingRescheduled::kType},
                         [this](const events::DomainEvent& e) { parts_.waitlist.on_slot_event(e); });
  }

  void register_jobs(events::JobQueue& jobs) override {
    jobs.handle(kExpireHoldJob,
                [this](const events::Job& job) { parts_.holds.expire_hold(job.payload.at("hold_id")); });
    jobs.handle(kNoShowJob, [this](const events::Job& job) {
      parts_.lifecycle.auto_no_show(job.payload.at("booking_id"), from_epoch_seconds(job.payload.at("start")));
    });
    jobs.handle(kCompleteJob, [this](const events::Job& job) {
      parts_.lifecycle.auto_complete(job.payload.at("booking_id"), from_epoch_seconds(job.payload.at("end")));
    });
    jobs.handle(kExtendSeriesJob, [this](const events::Job& job) { recurring_.extend(job.payload.at("series_id")); });
    jobs.handle(kAutoApproveJob,
                [this](const events::Job& job) { parts_.lifecycle.auto_approve(job.payload.at("booking_id")); });
  }

  void run_background_once() override {
    parts_.holds.expire_lapsed_holds();
    parts_.lifecycle.settle_past_bookings();
  }

 private:
  /// The payment module's gateway when it provided one; otherwise the desk's, which takes no cards.
  PaymentGateway& payments_from(const ServiceRegistry& services) {
    if (auto* gateway = services.find<PaymentGateway>()) return *gateway;
    return desk_payments_;
  }

  DeskPayments desk_payments_;  // before parts_, which may use it
  BookingParts parts_;
  BookingServiceImpl service_;
  RecurringServiceImpl recurring_;
  db::Database& db_;
  const Clock& clock_;
};

}  // namespace

std::unique_ptr<Module> make_module(ModuleContext& context) {
  return std::make_unique<BookingModule>(context);
}

}  // namespace slotbase::booking
