#pragma once

#include <memory>

#include "modules/booking/booking_service.h"
#include "modules/booking/payment_gateway.h"
#include "modules/organization/organization_service.h"
#include "modules/resource/resource_service.h"
#include "platform/clock/clock.h"
#include "platform/db/database.h"
#include "platform/events/jobs.h"
#include "platform/events/outbox.h"
#include "platform/http/router.h"

namespace slotbase::booking {

/// The booking module as the composition root sees it.
class BookingModule {
 public:
  BookingModule(db::Database& db, const Clock& clock, const events::Outbox& outbox, events::JobQueue& jobs,
                organization::OrganizationService& orgs, resource::ResourceService& resources,
                PaymentGateway* payments);
  ~BookingModule();
  BookingService& service() { return *service_; }
  void register_routes(http::Router& router);

 private:
  std::unique_ptr<BookingService> service_;
};

}  // namespace slotbase::booking
