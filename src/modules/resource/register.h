#pragma once

#include <memory>

#include "modules/organization/organization_service.h"
#include "modules/resource/resource_service.h"
#include "platform/clock/clock.h"
#include "platform/db/database.h"
#include "platform/events/outbox.h"
#include "platform/http/router.h"

namespace slotbase::resource {

/// The resource module as the composition root sees it.
class ResourceModule {
 public:
  ResourceModule(db::Database& db, const Clock& clock, const events::Outbox& outbox,
                 organization::OrganizationService& orgs);
  ~ResourceModule();
  ResourceService& service() { return *service_; }
  void register_routes(http::Router& router);

 private:
  std::unique_ptr<ResourceService> service_;
};

}  // namespace slotbase::resource
