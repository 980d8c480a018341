#pragma once

#include <memory>

#include "modules/identity/identity_service.h"
#include "modules/organization/organization_service.h"
#include "platform/clock/clock.h"
#include "platform/db/database.h"
#include "platform/events/dispatcher.h"
#include "platform/events/outbox.h"
#include "platform/http/router.h"

namespace slotbase::organization {

class OrganizationServiceImpl;

/// The organization module as the composition root sees it.
class OrganizationModule {
 public:
  OrganizationModule(db::Database& db, const Clock& clock, const events::Outbox& outbox,
                     identity::IdentityService& identity);
  ~OrganizationModule();

  OrganizationService& service();
  void register_routes(http::Router& router);
  /// Invitations by email are honoured when their person signs up (user.created).
  void subscribe(events::EventDispatcher& dispatcher);

 private:
  std::unique_ptr<OrganizationServiceImpl> service_;
};

}  // namespace slotbase::organization
