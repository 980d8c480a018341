#pragma once

#include <optional>
#include <string>
#include <vector>

#include "organization/organization_types.h"
#include "platform/db/database.h"

namespace slotbase::organization {

/// The organization module's tables. Every method runs in the caller's transaction.
class OrganizationRepository {
 public:
  struct Invitation {
    InvitationId id;
    FacilityId facility_id;
    std::string email;
    std::string kind;  // staff | member
    std::string role;
  };

  static void insert_organization(db::Connection& c, const Organization& o, const std::string& created_by);
  static std::optional<Organization> organization(db::Connection& c, const OrganizationId& id);
  static std::vector<Organization> organizations(db::Connection& c, const std::vector<OrganizationId>& ids);

  static void insert_facility(db::Connection& c, const Facility& f);
  static std::optional<Facility> facility(db::Connection& c, const FacilityId& id);
  /// The facility's configuration version alone (facilities.config_version).
  static std::optional<std::int64_t> config_version(db::Connection& c, const FacilityId& id);
  /// The facility with its configuration version (facilities.config_version).
  static std::optional<std::pair<Facility, std::int64_t>> versioned_facility(db::Connection& c, const FacilityId& id);
  static bool slug_taken(db::Connection& c, const std::string& slug);
  static std::vector<Facility> facilities_of(db::Connection& c, const OrganizationId& organization_id);
  static std::vector<Facility> public_facilities(db::Connection& c, const std::string& name_like,
                                                 const std::string& after, int limit);
  /// Also moves the facility's configuration version on, as replace_hours does.
  static void update_facility(db::Connection& c, const Facility& f);
  /// The stored image's file name, or none.
  static void set_logo(db::Connection& c, const FacilityId& id, const std::optional<std::string>& logo, Instant now);

  static void replace_hours(db::Connection& c, const FacilityId& facility_id, const OperatingHours& h);
  static OperatingHours hours(db::Connection& c, const FacilityId& facility_id);

  static bool insert_member(db::Connection& c, const FacilityId& facility_id, const identity::UserId& user_id,
                            Instant now);
  static bool is_member(db::Connection& c, const FacilityId& facility_id, const identity::UserId& user_id);
  /// Active memberships as (user_id, since), by user id after `after`.
  static std::vector<std::pair<identity::UserId, Instant>> members(db::Connection& c, const FacilityId& facility_id,
                                                                   const std::string& after, int limit);

  static bool insert_invitation(db::Connection& c, const Invitation& inv, const std::string& invited_by, Instant now);
  static std::vector<Invitation> pending_invitations(db::Connection& c, const FacilityId& facility_id,
                                                     const std::string& kind, Instant now);
  /// Pending (not revoked, not expired) invitations of every kind for the address.
  static std::vector<Invitation> pending_invitations_for(db::Connection& c, const std::string& email, Instant now);
  static void accept_invitation(db::Connection& c, const InvitationId& id, const identity::UserId& by, Instant now);
};

}  // namespace slotbase::organization
