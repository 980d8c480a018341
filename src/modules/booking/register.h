#pragma once

#include <memory>

#include "modules/booking/booking_service.h"
#include "modules/booking/payment_gateway.h"
#include "modules/booking/recurring_service.h"
#include "modules/organization/organization_service.h"
#include "modules/resource/resource_service.h"
#include "platform/clock/clock.h"
#include "platform/db/database.h"
#include "platform/events/dispatcher.h"
#include "platform/events/jobs.h"
#include "platform/events/outbox.h"
#include "platform/http/router.h"

namespace slotbase::booking {

/// The booking module as the composition root sees it.
class BookingServiceImpl;
class RecurringServiceImpl;

class BookingModule {
 public:
  BookingModule(db::Database& db, const Clock& clock, const events::Outbox& outbox, events::JobQueue& jobs,
                organization::OrganizationService& orgs, resource::ResourceService& resources,
                PaymentGateway* payments);
  ~BookingModule();
  BookingService& service();
  RecurringService& recurring();
  void register_routes(http::Router& router);
  /// The waitlist follows the events that free or claim time.
  void subscribe(events::EventDispatcher& dispatcher);
  /// The module's part of a background pass: lets lapsed holds go.
  void run_background_once();

 private:
  std::unique_ptr<BookingServiceImpl> service_;
  std::unique_ptr<RecurringServiceImpl> recurring_;
  db::Database& db_;
  const Clock& clock_;
};

}  // namespace slotbase::booking
