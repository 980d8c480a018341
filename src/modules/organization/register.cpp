#include "modules/organization/register.h"

#include "modules/organization/organization_routes.h"
#include "modules/organization/organization_service_impl.h"

namespace slotbase::organization {

OrganizationModule::OrganizationModule(db::Database& db, const Clock& clock, const events::Outbox& outbox,
                                       identity::IdentityService& identity)
    : service_(std::make_unique<OrganizationServiceImpl>(db, clock, outbox, identity)) {}

OrganizationModule::~OrganizationModule() = default;

OrganizationService& OrganizationModule::service() {
  return *service_;
}

void OrganizationModule::register_routes(http::Router& router) {
  register_organization_routes(router, *service_);
}

void OrganizationModule::subscribe(events::EventDispatcher& dispatcher) {
  dispatcher.subscribe("organization.invitations", {"user.created"},
                       [this](const events::DomainEvent& e) { service_->accept_invitations(e); });
}

}  // namespace slotbase::organization
