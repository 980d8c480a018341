#pragma once

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "platform/events/typed_event.h"

/// The events the organization module emits (platform/events/typed_event.h says how they are
/// written).
namespace slotbase::organization {

struct OrganizationCreated {
  static constexpr const char* kType = "organization.created";
  static constexpr int kVersion = 1;
  std::string organization_id;
  std::string name;
  bool operator==(const OrganizationCreated&) const = default;
};
SB_EVENT_CODEC(OrganizationCreated, organization_id, name)

struct FacilityCreated {
  static constexpr const char* kType = "facility.created";
  static constexpr int kVersion = 1;
  std::string facility_id;
  std::string organization_id;
  std::string timezone;
  std::string currency;
  bool operator==(const FacilityCreated&) const = default;
};
SB_EVENT_CODEC(FacilityCreated, facility_id, organization_id, timezone, currency)

/// `changes`: name, address, settings, policies.
struct FacilityUpdated {
  static constexpr const char* kType = "facility.updated";
  static constexpr int kVersion = 1;
  std::string facility_id;
  std::vector<std::string> changes;
  bool operator==(const FacilityUpdated&) const = default;
};
SB_EVENT_CODEC(FacilityUpdated, facility_id, changes)

/// Weekly hours or holidays changed.
struct HoursUpdated {
  static constexpr const char* kType = "facility.hours_updated";
  static constexpr int kVersion = 1;
  std::string facility_id;
  bool operator==(const HoursUpdated&) const = default;
};
SB_EVENT_CODEC(HoursUpdated, facility_id)

/// `user_id` is null while the person is invited and has not signed up.
struct StaffAdded {
  static constexpr const char* kType = "facility.staff_added";
  static constexpr int kVersion = 1;
  std::string facility_id;
  std::string email;
  std::string role;
  std::optional<std::string> user_id;
  bool operator==(const StaffAdded&) const = default;
};
SB_EVENT_CODEC(StaffAdded, facility_id, email, role, user_id)

/// `user_id` is null while the person is invited and has not signed up.
struct MemberAdded {
  static constexpr const char* kType = "facility.member_added";
  static constexpr int kVersion = 1;
  std::string facility_id;
  std::string email;
  std::optional<std::string> user_id;
  bool operator==(const MemberAdded&) const = default;
};
SB_EVENT_CODEC(MemberAdded, facility_id, email, user_id)

/// An invitation by link was sent, or sent again (`resent`). The link's token is never in an
/// event: the e-mail carrying it is written by the InvitationMailer in the same transaction.
struct InvitationSent {
  static constexpr const char* kType = "facility.invitation_sent";
  static constexpr int kVersion = 1;
  std::string invitation_id;
  std::string facility_id;
  std::string email;
  bool resent = false;
  bool operator==(const InvitationSent&) const = default;
};
SB_EVENT_CODEC(InvitationSent, invitation_id, facility_id, email, resent)

/// `status`: accepted | revoked.
struct InvitationClosed {
  static constexpr const char* kType = "facility.invitation_closed";
  static constexpr int kVersion = 1;
  std::string invitation_id;
  std::string facility_id;
  std::string email;
  std::string status;
  std::optional<std::string> user_id;  // who accepted it
  bool operator==(const InvitationClosed&) const = default;
};
SB_EVENT_CODEC(InvitationClosed, invitation_id, facility_id, email, status, user_id)

struct JoinRequested {
  static constexpr const char* kType = "facility.join_requested";
  static constexpr int kVersion = 1;
  std::string join_request_id;
  std::string facility_id;
  std::string user_id;
  std::optional<std::string> message;
  bool operator==(const JoinRequested&) const = default;
};
SB_EVENT_CODEC(JoinRequested, join_request_id, facility_id, user_id, message)

/// `status`: approved | rejected; `reason` as staff gave it.
struct JoinRequestDecided {
  static constexpr const char* kType = "facility.join_request_decided";
  static constexpr int kVersion = 1;
  std::string join_request_id;
  std::string facility_id;
  std::string user_id;
  std::string status;
  std::optional<std::string> reason;
  bool operator==(const JoinRequestDecided&) const = default;
};
SB_EVENT_CODEC(JoinRequestDecided, join_request_id, facility_id, user_id, status, reason)

/// A player came on the roster or changed there. `via`: invitation | join_request | staff |
/// booking. `welcome`: a new account was made for them and a welcome e-mail with a link to set a
/// password is due (identity writes it with the account; the link is never in an event).
struct PlayerAdded {
  static constexpr const char* kType = "facility.player_added";
  static constexpr int kVersion = 1;
  std::string facility_id;
  std::string user_id;
  std::string via;
  bool welcome = false;
  bool operator==(const PlayerAdded&) const = default;
};
SB_EVENT_CODEC(PlayerAdded, facility_id, user_id, via, welcome)

/// Staff set a player `active` or `inactive`.
struct PlayerStatusChanged {
  static constexpr const char* kType = "facility.player_status_changed";
  static constexpr int kVersion = 1;
  std::string facility_id;
  std::string user_id;
  std::string status;
  bool operator==(const PlayerStatusChanged&) const = default;
};
SB_EVENT_CODEC(PlayerStatusChanged, facility_id, user_id, status)

/// Every event the module emits (the round-trip test reads this list).
using Events =
    std::tuple<OrganizationCreated, FacilityCreated, FacilityUpdated, HoursUpdated, StaffAdded, MemberAdded,
               InvitationSent, InvitationClosed, JoinRequested, JoinRequestDecided, PlayerAdded, PlayerStatusChanged>;

}  // namespace slotbase::organization
