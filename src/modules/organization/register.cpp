#include "organization/register.h"

#include "identity/identity_events.h"
#include "identity/identity_service.h"
#include "organization_routes.h"
#include "organization_service_impl.h"
#include "platform/media/media_store.h"

namespace slotbase::organization {
namespace {

class OrganizationModule final : public Module {
 public:
  explicit OrganizationModule(ModuleContext& c)
      : service_(c.db, c.clock, c.outbox, c.services.get<identity::IdentityService>(),
                 c.services.get<media::MediaStore>()) {
    c.services.provide<OrganizationService>(service_);
  }

  std::string_view name() const override { return "organization"; }
  void register_routes(http::Router& router) override { register_organization_routes(router, service_); }
  void subscribe(events::EventDispatcher& dispatcher) override {
    dispatcher.subscribe("organization.invitations", {identity::UserCreated::kType},
                         [this](const events::DomainEvent& e) { service_.accept_invitations(e); });
  }

 private:
  OrganizationServiceImpl service_;
};

}  // namespace

std::unique_ptr<Module> make_module(ModuleContext& context) {
  return std::make_unique<OrganizationModule>(context);
}

}  // namespace slotbase::organization
