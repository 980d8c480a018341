#include "booking/register.h"

#include "booking/booking_events.h"
#include "booking/payment_gateway.h"
#include "booking_routes.h"
#include "booking_service_impl.h"
#include "desk_payments.h"
#include "identity/identity_service.h"
#include "organization/organization_service.h"
#include "payment_link.h"
#include "platform/http/metrics.h"
#include "recurring_service_impl.h"
#include "resource/resource_service.h"

namespace slotbase::booking {
namespace {

/// A cache's hits, misses and bytes in /metrics, as <prefix>_hits_total and so on.
template <class Cache>
void gauges(http::Metrics& metrics, const std::string& prefix, const std::string& what, const Cache& cache) {
  metrics.gauge(prefix + "_hits_total", "Requests that found " + what + " kept.",
                [&cache] { return static_cast<double>(cache.hits()); });
  metrics.gauge(prefix + "_misses_total", "Requests that did not find " + what + " kept.",
                [&cache] { return static_cast<double>(cache.misses()); });
  metrics.gauge(prefix + "_bytes", "Bytes of " + what + " kept (bound: availability_cache_bytes).",
                [&cache] { return static_cast<double>(cache.bytes()); });
}

class BookingModule final : public Module {
 public:
  explicit BookingModule(ModuleContext& c)
      : payments_(c.services),
        parts_(c.db, c.clock, c.outbox, c.jobs, c.services.get<identity::IdentityService>(),
               c.services.get<organization::OrganizationService>(), c.services.get<resource::ResourceService>(),
               payments_, static_cast<std::size_t>(c.config.availability_cache_bytes)),
        service_(parts_),
        recurring_(c.db, c.clock, c.jobs, parts_),
        documents_(static_cast<std::size_t>(c.config.availability_cache_bytes)),
        payment_link_(c.db, c.clock, c.services.get<organization::OrganizationService>(), parts_.holds,
                      parts_.lifecycle) {
    c.services.provide<BookingService>(service_);
    c.services.provide<BookingPayments>(payment_link_);
    c.services.provide<RecurringService>(recurring_);
    gauges(c.metrics, "slotbase_availability_grids", "availability grids computed once for every caller",
           parts_.availability.cache());
    gauges(c.metrics, "slotbase_availability_documents", "rendered availability documents", documents_);
  }

  std::string_view name() const override { return "booking"; }

  void register_routes(http::Router& router) override {
    register_booking_routes(router, service_, recurring_, documents_);
  }

  void subscribe(events::EventDispatcher& dispatcher) override {
    // Only the events that give time back or settle an offer: the others are not even parsed.
    dispatcher.subscribe("booking.waitlist",
                         {HoldExpired::kType, HoldReleased::kType, BookingCancelled::kType, BlockRemoved::kType,
                          BookingRescheduled::kType},
                         [this](const events::DomainEvent& e) { parts_.waitlist.on_slot_event(e); });
  }

  void register_jobs(events::JobQueue& jobs) override {
    jobs.handle(kExpireHoldJob, [this](const events::Job& job) {
      parts_.holds.expire_hold(HoldId{job.payload.at("hold_id").get<std::string>()});
    });
    jobs.handle(kNoShowJob, [this](const events::Job& job) {
      parts_.lifecycle.auto_no_show(BookingId{job.payload.at("booking_id").get<std::string>()},
                                    from_epoch_seconds(job.payload.at("start")));
    });
    jobs.handle(kCompleteJob, [this](const events::Job& job) {
      parts_.lifecycle.auto_complete(BookingId{job.payload.at("booking_id").get<std::string>()},
                                     from_epoch_seconds(job.payload.at("end")));
    });
    jobs.handle(kExtendSeriesJob, [this](const events::Job& job) {
      recurring_.extend(SeriesId{job.payload.at("series_id").get<std::string>()});
    });
    jobs.handle(kAutoApproveJob, [this](const events::Job& job) {
      parts_.lifecycle.auto_approve(BookingId{job.payload.at("booking_id").get<std::string>()});
    });
  }

  void run_background_once() override {
    parts_.holds.expire_lapsed_holds();
    parts_.lifecycle.settle_past_bookings();
  }

 private:
  LateGateway payments_;  // before parts_, which use it
  BookingParts parts_;
  BookingServiceImpl service_;
  RecurringServiceImpl recurring_;
  AvailabilityDocuments documents_;
  PaymentLink payment_link_;
};

}  // namespace

std::unique_ptr<Module> make_module(ModuleContext& context) {
  return std::make_unique<BookingModule>(context);
}

}  // namespace slotbase::booking
