#include "modules/resource/register.h"

#include "modules/resource/resource_routes.h"
#include "modules/resource/resource_service_impl.h"

namespace slotbase::resource {

ResourceModule::ResourceModule(db::Database& db, const Clock& clock, const events::Outbox& outbox,
                               organization::OrganizationService& orgs)
    : service_(std::make_unique<ResourceServiceImpl>(db, clock, outbox, orgs)) {}

ResourceModule::~ResourceModule() = default;

void ResourceModule::register_routes(http::Router& router) {
  register_resource_routes(router, *service_);
}

}  // namespace slotbase::resource
