#include "organization/register.h"

#include "identity/identity_events.h"
#include "identity/identity_service.h"
#include "organization/invitation_mailer.h"
#include "organization_routes.h"
#include "organization_service_impl.h"
#include "platform/log/log.h"
#include "platform/media/media_store.h"
#include "players_routes.h"

namespace slotbase::organization {
namespace {

/// The InvitationMailer organization sends through: the one a later module (notification)
/// provides in the registry, found at the first invitation. Without one, nothing is sent and a
/// warning says so (the link's token is never logged).
class LateInvitationMailer final : public InvitationMailer {
 public:
  explicit LateInvitationMailer(const ServiceRegistry& services) : services_(services) {}
  void send_invitation(const db::UnitOfWork& work, const InvitationMessage& m) override {
    if (auto* mailer = services_.find<InvitationMailer>())
      mailer->send_invitation(work, m);
    else
      log::warn("no module sends invitations; not sent", {{"invitation_id", m.invitation_id.str()}});
  }

 private:
  const ServiceRegistry& services_;
};

class OrganizationModule final : public Module {
 public:
  explicit OrganizationModule(ModuleContext& c)
      : mailer_(c.services),
        service_(c.db, c.clock, c.outbox, c.services.get<identity::IdentityService>(),
                 c.services.get<media::MediaStore>(), mailer_, c.config.public_base_url()) {
    c.services.provide<OrganizationService>(service_);
  }

  std::string_view name() const override { return "organization"; }
  void register_routes(http::Router& router) override {
    register_organization_routes(router, service_);
    register_players_routes(router, service_);
  }
  void subscribe(events::EventDispatcher& dispatcher) override {
    dispatcher.subscribe("organization.invitations", {identity::UserCreated::kType},
                         [this](const events::DomainEvent& e) { service_.accept_invitations(e); });
    // booking.confirmed by its name: booking comes after organization in the module graph.
    dispatcher.subscribe("organization.roster", {"booking.confirmed"},
                         [this](const events::DomainEvent& e) { service_.join_on_booking(e); });
  }

 private:
  LateInvitationMailer mailer_;
  OrganizationServiceImpl service_;
};

}  // namespace

std::unique_ptr<Module> make_module(ModuleContext& context) {
  return std::make_unique<OrganizationModule>(context);
}

}  // namespace slotbase::organization
