#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "identity/identity_types.h"
#include "organization/organization_types.h"
#include "platform/core/context.h"
#include "platform/core/result.h"

namespace slotbase::organization {

template <class T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_cursor;
};

/// Organizations and their facilities: settings, policies, hours, holidays, staff and members.
/// Methods taking a Context check that its user may do the thing (permission_denied, or not_found
/// where the facility must not be seen to exist). Thread-safe.
class OrganizationService {
 public:
  virtual ~OrganizationService() = default;

  /// The caller becomes the organization's org_owner, in the same transaction.
  virtual Result<Organization> create_organization(const std::string& name, const Context& ctx) = 0;
  virtual Result<Organization> get_organization(const OrganizationId& id, const Context& ctx) = 0;
  /// Organizations where the caller holds an organization role.
  virtual std::vector<Organization> my_organizations(const Context& ctx) = 0;

  /// Org owner or admin only. invalid_argument for an unknown time zone or currency.
  virtual Result<Facility> create_facility(const OrganizationId& organization_id, const NewFacility& f,
                                           const Context& ctx) = 0;
  virtual Result<std::vector<Facility>> organization_facilities(const OrganizationId& organization_id,
                                                                const Context& ctx) = 0;
  /// Public facilities in a stable order, optionally filtered by a case-insensitive name fragment.
  virtual Page<Facility> public_facilities(const std::optional<std::string>& query, int limit,
                                           const std::optional<std::string>& cursor) = 0;
  /// A public facility for anyone; a private one only for its staff and members (else not_found).
  virtual Result<Facility> get_facility(const FacilityId& id, const Context& ctx) = 0;
  virtual Result<Facility> update_facility(const FacilityId& id, const FacilityPatch& patch, const Context& ctx) = 0;
  /// Facility managers and owners. Stores the image and makes it the facility's logo:
  /// unsupported_media_type (field "body") unless `bytes` are a PNG, JPEG or WebP image of the
  /// `content_type` given, payload_too_large over media::kMaxImageBytes.
  virtual Result<Facility> set_logo(const FacilityId& id, std::string_view bytes, std::string_view content_type,
                                    const Context& ctx) = 0;
  /// Facility managers and owners. The facility has no logo afterwards (none before is fine).
  virtual Result<Facility> remove_logo(const FacilityId& id, const Context& ctx) = 0;

  /// Replaces the weekly hours and the holidays in one transaction.
  virtual Result<OperatingHours> set_hours(const FacilityId& facility_id, const OperatingHours& hours,
                                           const Context& ctx) = 0;
  virtual Result<OperatingHours> get_hours(const FacilityId& facility_id, const Context& ctx) = 0;

  /// Gives a facility role to the account with this email, or records an invitation that is
  /// honoured when someone signs up with it. `role`: facility_manager | staff | coach.
  virtual Result<StaffEntry> add_staff(const FacilityId& facility_id, const std::string& email, const std::string& role,
                                       const Context& ctx) = 0;
  virtual Result<std::vector<StaffEntry>> list_staff(const FacilityId& facility_id, const Context& ctx) = 0;
  virtual Result<MemberEntry> add_member(const FacilityId& facility_id, const std::string& email,
                                         const Context& ctx) = 0;
  virtual Result<Page<MemberEntry>> list_members(const FacilityId& facility_id, int limit,
                                                 const std::optional<std::string>& cursor, const Context& ctx) = 0;

  // The players of a facility (players.cpp). Staff with members_manage; another facility's ids
  // are not_found.

  /// The roster: members (active, inactive), players asking to join (pending) and addresses
  /// invited (invited), by name then e-mail, filtered by status and a fragment of name or e-mail.
  virtual Result<Page<RosterEntry>> roster(const FacilityId& facility_id, const RosterQuery& query,
                                           const Context& ctx) = 0;
  /// An existing account by e-mail, or a new one (with a welcome e-mail to set a password) when
  /// names are given: invalid_argument naming the field; not_found "email" for an unknown address
  /// without names; conflict "already-on-roster" for an active player.
  virtual Result<RosterEntry> add_player(const FacilityId& facility_id, const NewPlayer& player,
                                         const Context& ctx) = 0;
  /// `status`: active | inactive (invalid_argument "status" otherwise); not_found for someone not
  /// on the roster.
  virtual Result<RosterEntry> set_player_status(const FacilityId& facility_id, const identity::UserId& user_id,
                                                RosterStatus status, const Context& ctx) = 0;

  /// Sends an invitation by e-mail, good for seven days. conflict "already-on-roster" for an
  /// address whose account is an active player, "already-invited" while one is pending.
  virtual Result<PlayerInvitation> invite_player(const FacilityId& facility_id, const std::string& email,
                                                 const Context& ctx) = 0;
  virtual Result<std::vector<PlayerInvitation>> invitations(const FacilityId& facility_id,
                                                            const std::optional<InvitationStatus>& status,
                                                            const Context& ctx) = 0;
  /// A new link (the old one stops working) and seven more days; conflict "invitation-closed"
  /// for an accepted or revoked one.
  virtual Result<PlayerInvitation> resend_invitation(const InvitationId& id, const Context& ctx) = 0;
  virtual Result<PlayerInvitation> revoke_invitation(const InvitationId& id, const Context& ctx) = 0;
  /// The signed-in caller becomes an active player of the invitation's facility, whatever their
  /// own address. expired for a token unknown, used, revoked or past its time.
  virtual Result<RosterEntry> accept_invitation(const std::string& token, const Context& ctx) = 0;
  /// The facility an invitation's token is for, without spending it (for the accept page).
  virtual Result<Facility> invitation_facility(const std::string& token) = 0;

  /// conflict "join-request-pending", "join-request-rejected" (final) or "already-on-roster".
  virtual Result<JoinRequest> request_to_join(const FacilityId& facility_id, const std::optional<std::string>& message,
                                              const Context& ctx) = 0;
  virtual Result<std::vector<JoinRequest>> join_requests(const FacilityId& facility_id,
                                                         const std::optional<JoinRequestStatus>& status,
                                                         const Context& ctx) = 0;
  virtual Result<std::vector<JoinRequest>> my_join_requests(const Context& ctx) = 0;
  /// Approving makes the player active. conflict "join-request-decided" for one decided already.
  virtual Result<JoinRequest> decide_join_request(const JoinRequestId& id, bool approve,
                                                  const std::optional<std::string>& reason, const Context& ctx) = 0;

  /// The facility if the caller may see it (not_found otherwise) and holds `permission` there
  /// (permission_denied otherwise): the one authorization check other modules use for
  /// facility-scoped routes.
  virtual Result<Facility> facility_for(const FacilityId& facility_id, identity::Permission permission,
                                        const Context& ctx) = 0;
  /// Whether the caller holds `permission` at the facility.
  virtual bool can(const Facility& facility, identity::Permission permission, const Context& ctx) = 0;

  /// Whether the caller may see the facility: get_facility's check, on a facility in hand.
  virtual bool visible(const Context& ctx, const Facility& facility) = 0;

  // For other modules: no permission checks.
  virtual std::optional<Facility> find_facility(const FacilityId& id) = 0;
  /// The facility and its hours as they stand: one read of the facility's configuration version,
  /// then from memory while that version stands (read again once it moved). Inside a
  /// db::Database::ReadScope the version comes from the caller's snapshot. Null if there is no
  /// such facility.
  virtual std::shared_ptr<const FacilityConfig> facility_config(const FacilityId& id) = 0;
  virtual OperatingHours hours_of(const FacilityId& facility_id) = 0;
  /// Whether the user is an active player of the facility.
  virtual bool is_member(const FacilityId& facility_id, const identity::UserId& user_id) = 0;
  /// Who manages the facility's players (its staff and managers, the organization's owners and
  /// admins): those told of a join request.
  virtual std::vector<identity::UserId> player_managers(const FacilityId& facility_id) = 0;
  /// The user's place on the roster: active, inactive, or none.
  virtual std::optional<RosterStatus> roster_status(const FacilityId& facility_id, const identity::UserId& user_id) = 0;
};

}  // namespace slotbase::organization
