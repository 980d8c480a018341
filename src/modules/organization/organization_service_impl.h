#pragma once

#include <mutex>
#include "identity/identity_service.h"
#include "organization/invitation_mailer.h"
#include "organization/organization_events.h"
#include "organization/organization_service.h"

#include "platform/clock/clock.h"
#include "platform/core/strings.h"
#include "platform/db/database.h"
#include "platform/events/domain_event.h"
#include "platform/events/outbox.h"
#include "platform/media/media_store.h"

namespace slotbase::organization {

class OrganizationServiceImpl final : public OrganizationService {
 public:
  OrganizationServiceImpl(db::Database& db, const Clock& clock, const events::Outbox& outbox,
                          identity::IdentityService& identity, const media::MediaStore& media,
                          InvitationMailer& invitation_mailer, std::string public_url);

  Result<Organization> create_organization(const std::string& name, const Context& ctx) override;
  Result<Organization> get_organization(const OrganizationId& id, const Context& ctx) override;
  std::vector<Organization> my_organizations(const Context& ctx) override;
  Result<Facility> create_facility(const OrganizationId& organization_id, const NewFacility& f,
                                   const Context& ctx) override;
  Result<std::vector<Facility>> organization_facilities(const OrganizationId& organization_id,
                                                        const Context& ctx) override;
  Page<Facility> public_facilities(const std::optional<std::string>& query, int limit,
                                   const std::optional<std::string>& cursor) override;
  Result<Facility> get_facility(const FacilityId& id, const Context& ctx) override;
  Result<Facility> update_facility(const FacilityId& id, const FacilityPatch& patch, const Context& ctx) override;
  Result<Facility> set_logo(const FacilityId& id, std::string_view bytes, std::string_view content_type,
                            const Context& ctx) override;
  Result<Facility> remove_logo(const FacilityId& id, const Context& ctx) override;
  Result<OperatingHours> set_hours(const FacilityId& facility_id, const OperatingHours& hours,
                                   const Context& ctx) override;
  Result<OperatingHours> get_hours(const FacilityId& facility_id, const Context& ctx) override;
  Result<StaffEntry> add_staff(const FacilityId& facility_id, const std::string& email, const std::string& role,
                               const Context& ctx) override;
  Result<std::vector<StaffEntry>> list_staff(const FacilityId& facility_id, const Context& ctx) override;
  Result<MemberEntry> add_member(const FacilityId& facility_id, const std::string& email, const Context& ctx) override;
  Result<Page<MemberEntry>> list_members(const FacilityId& facility_id, int limit,
                                         const std::optional<std::string>& cursor, const Context& ctx) override;
  Result<Page<RosterEntry>> roster(const FacilityId& facility_id, const RosterQuery& query,
                                   const Context& ctx) override;
  Result<RosterEntry> add_player(const FacilityId& facility_id, const NewPlayer& player, const Context& ctx) override;
  Result<RosterEntry> set_player_status(const FacilityId& facility_id, const identity::UserId& user_id,
                                        RosterStatus status, const Context& ctx) override;
  Result<PlayerInvitation> invite_player(const FacilityId& facility_id, const std::string& email,
                                         const Context& ctx) override;
  Result<std::vector<PlayerInvitation>> invitations(const FacilityId& facility_id,
                                                    const std::optional<InvitationStatus>& status,
                                                    const Context& ctx) override;
  Result<PlayerInvitation> resend_invitation(const InvitationId& id, const Context& ctx) override;
  Result<PlayerInvitation> revoke_invitation(const InvitationId& id, const Context& ctx) override;
  Result<RosterEntry> accept_invitation(const std::string& token, const Context& ctx) override;
  Result<Facility> invitation_facility(const std::string& token) override;
  Result<JoinRequest> request_to_join(const FacilityId& facility_id, const std::optional<std::string>& message,
                                      const Context& ctx) override;
  Result<std::vector<JoinRequest>> join_requests(const FacilityId& facility_id,
                                                 const std::optional<JoinRequestStatus>& status,
                                                 const Context& ctx) override;
  Result<std::vector<JoinRequest>> my_join_requests(const Context& ctx) override;
  Result<JoinRequest> decide_join_request(const JoinRequestId& id, bool approve,
                                          const std::optional<std::string>& reason, const Context& ctx) override;
  Result<Facility> facility_for(const FacilityId& facility_id, identity::Permission permission,
                                const Context& ctx) override;
  bool can(const Facility& facility, identity::Permission permission, const Context& ctx) override;
  bool visible(const Context& ctx, const Facility& f) override;
  std::optional<Facility> find_facility(const FacilityId& id) override;
  std::shared_ptr<const FacilityConfig> facility_config(const FacilityId& id) override;
  OperatingHours hours_of(const FacilityId& facility_id) override;
  bool is_member(const FacilityId& facility_id, const identity::UserId& user_id) override;
  std::optional<RosterStatus> roster_status(const FacilityId& facility_id, const identity::UserId& user_id) override;
  std::vector<identity::UserId> player_managers(const FacilityId& facility_id) override;

  /// Subscriber to user.created: honours the invitations waiting for the new account's email.
  void accept_invitations(const events::DomainEvent& user_created);
  /// Subscriber to booking.confirmed: under the open policy a first booking puts its player on
  /// the roster (players.cpp).
  void join_on_booking(const events::DomainEvent& booking_confirmed);

 private:
  /// The roster entry of a user at the facility as it stands in `c`.
  RosterEntry entry_of(db::Connection& c, const FacilityId& facility_id, const identity::User& user);
  /// Ok for the facility's managers of players; permission_denied for its other insiders
  /// (players, coaches), not_found (`missing`) for everyone else.
  Result<void> check_insider(const std::optional<Facility>& f, const Context& ctx, const char* missing);
  /// The invitation's facility, checked for members_manage.
  Result<std::pair<PlayerInvitation, Facility>> managed_invitation(const InvitationId& id, const Context& ctx);
  /// A new token for `inv` (stored hashed) and its e-mail, in `tx`.
  void send_invitation_mail(db::Connection& tx, const PlayerInvitation& inv, const Facility& f,
                            const std::string& token, const Context& ctx);
  Result<Facility> change_logo(Facility f, const std::optional<std::string>& logo, const Context& ctx);
  /// Appends `event` (one of organization_events.h) about `aggregate_id` to `tx`'s outbox.
  template <class E>
  void emit(db::Connection& tx, const E& event, const std::string& aggregate_id,
            const std::optional<std::string>& facility_id, const Context& ctx) const {
    outbox_.append(
        tx, events::new_event(event, "organization", aggregate_id, facility_id, ctx.user_id, ctx.correlation_id));
  }

  db::Database& db_;
  const Clock& clock_;
  const events::Outbox& outbox_;
  identity::IdentityService& identity_;
  const media::MediaStore& media_;
  InvitationMailer& invitation_mailer_;
  std::string public_url_;
  std::mutex configs_mu_;
  TextMap<std::shared_ptr<const FacilityConfig>> configs_;  // by facility id, the newest read
};

}  // namespace slotbase::organization
