#pragma once

#include <optional>
#include <string>
#include <vector>

#include "identity/identity_types.h"
#include "platform/core/enum_names.h"
#include "platform/core/ids.h"
#include "platform/core/time.h"

namespace slotbase::organization {

using OrganizationId = Id<struct OrganizationTag>;
using FacilityId = Id<struct FacilityTag>;
using InvitationId = Id<struct InvitationTag>;
using JoinRequestId = Id<struct JoinRequestTag>;

/// Who may book at a facility (the roster is its members): anyone signed in, whom a first
/// booking puts on the roster (`open`); only active players, others may ask to join
/// (`approval`); only those invited or added by staff (`invite_only`).
enum class Membership { open, approval, invite_only };
constexpr EnumNames<Membership, 3> names_of(Membership) {
  return {{{{Membership::open, "open"}, {Membership::approval, "approval"}, {Membership::invite_only, "invite_only"}}}};
}

struct Organization {
  OrganizationId id;
  std::string name;
  Instant created_at;
};

/// One notice tier of the cancellation policy: cancelling at least `min_hours_before` the start
/// refunds `refund_percent`.
struct CancellationTier {
  int min_hours_before = 0;
  int refund_percent = 0;
  bool operator==(const CancellationTier&) const = default;
};

/// A facility's booking policies, with the contract's defaults.
struct Policies {
  int hold_ttl_seconds = 300;
  bool require_booking_approval = false;
  std::optional<int> auto_approve_after_minutes;  // nullopt: never
  int min_lead_time_minutes = 0;
  int booking_window_days = 14;
  std::optional<int> max_active_bookings_per_user;  // nullopt: no limit
  int min_duration_minutes = 60;
  int max_duration_minutes = 120;
  int slot_step_minutes = 30;
  int waitlist_expiry_hours = 2;
  std::vector<CancellationTier> cancellation = {{24, 100}, {2, 50}, {0, 0}};  // most notice first
  int no_show_fee_percent = 100;
  int check_in_opens_minutes_before = 30;
  int no_show_grace_minutes = 15;
  std::string payment_timing = "at_booking";  // at_booking | before_session | after_session | monthly
  std::vector<std::string> offline_methods = {"cash", "check", "bank_transfer", "venmo", "zelle", "other"};
  // Where a cancellation's refund of an offline payment goes: account credit, or cash back at the desk.
  std::string offline_refund_destination = "credit";
  double weekend_multiplier = 1.0;
  double holiday_multiplier = 1.0;
  bool allow_player_recurring = false;  // players may book a weekly (or other) series themselves
  int recurring_horizon_days = 90;      // how far ahead a series is booked; a daily job moves it on
  bool require_verified_email = false;  // players book only once they proved their e-mail address
  Membership membership = Membership::open;
};

/// Display and access settings.
struct Settings {
  bool is_public = true;  // listed and bookable by anyone signed in
  // Mirrors policies.membership (open or not), the one source: read from it, written to it.
  bool allow_non_member_bookings = true;
  std::string description;
  std::vector<std::string> sports;
  std::string contact_email;
  std::string contact_phone;
  // "#rrggbb": the player app's buttons and links at this club; empty, SlotBase's own blue.
  std::string accent_color;
};

/// A postal address; each part is there only if it was given.
struct Address {
  std::optional<std::string> street;
  std::optional<std::string> city;
  std::optional<std::string> state;
  std::optional<std::string> zip;
  std::optional<std::string> country;
  bool operator==(const Address&) const = default;
};

/// A partial update of Settings: only the members present change.
struct SettingsPatch {
  std::optional<bool> is_public;
  std::optional<bool> allow_non_member_bookings;
  std::optional<std::string> description;
  std::optional<std::vector<std::string>> sports;
  std::optional<std::string> contact_email;
  std::optional<std::string> contact_phone;
  std::optional<std::string> accent_color;
};

/// A partial update of Policies: only the members present change. For the members that may be
/// empty, a present empty value empties them (never auto-approve, no limit).
struct PoliciesPatch {
  std::optional<int> hold_ttl_seconds;
  std::optional<bool> require_booking_approval;
  std::optional<std::optional<int>> auto_approve_after_minutes;
  std::optional<int> min_lead_time_minutes;
  std::optional<int> booking_window_days;
  std::optional<std::optional<int>> max_active_bookings_per_user;
  std::optional<int> min_duration_minutes;
  std::optional<int> max_duration_minutes;
  std::optional<int> slot_step_minutes;
  std::optional<int> waitlist_expiry_hours;
  std::optional<std::vector<CancellationTier>> cancellation;  // most notice first
  std::optional<int> no_show_fee_percent;
  std::optional<int> check_in_opens_minutes_before;
  std::optional<int> no_show_grace_minutes;
  std::optional<std::string> payment_timing;
  std::optional<std::vector<std::string>> offline_methods;
  std::optional<std::string> offline_refund_destination;
  std::optional<double> weekend_multiplier;
  std::optional<double> holiday_multiplier;
  std::optional<bool> allow_player_recurring;
  std::optional<int> recurring_horizon_days;
  std::optional<bool> require_verified_email;
  std::optional<Membership> membership;
};

enum class FacilityStatus { active, inactive, pending_setup, suspended };
constexpr EnumNames<FacilityStatus, 4> names_of(FacilityStatus) {
  return {{{{FacilityStatus::active, "active"},
            {FacilityStatus::inactive, "inactive"},
            {FacilityStatus::pending_setup, "pending_setup"},
            {FacilityStatus::suspended, "suspended"}}}};
}

struct Facility {
  FacilityId id;
  OrganizationId organization_id;
  std::string name;
  std::string slug;
  std::string timezone;
  std::string currency;
  std::optional<Address> address;
  FacilityStatus status = FacilityStatus::active;
  Settings settings;
  Policies policies;
  std::optional<std::string> logo;  // the stored image's file name (platform MediaStore), if any
  Instant created_at;
  Instant updated_at;
};

struct NewFacility {
  std::string name;
  std::string timezone;
  std::string currency;
  std::optional<Address> address;
};

/// A partial update: only what is present changes. An address present but empty removes it.
/// The policies changed must still agree with each other (min_duration_minutes at most
/// max_duration_minutes, and a multiple of slot_step_minutes).
struct FacilityPatch {
  std::optional<std::string> name;
  std::optional<std::optional<Address>> address;
  std::optional<SettingsPatch> settings;
  std::optional<PoliciesPatch> policies;
};

struct DayHours {
  int weekday;  // ISO: 1 = Monday ... 7 = Sunday
  LocalTime open;
  LocalTime close;
};

struct Holiday {
  LocalDate date;
  std::string name;
  bool closed = true;
  std::optional<LocalTime> open;
  std::optional<LocalTime> close;
};

struct OperatingHours {
  std::vector<DayHours> weekly;  // a weekday missing is closed
  std::vector<Holiday> holidays;
};

/// A facility with its hours as of one configuration version (facilities.config_version, which
/// every change to the facility or its hours moves on).
struct FacilityConfig {
  Facility facility;
  OperatingHours hours;
  std::int64_t version = 0;
};

/// Someone working at a facility, or invited to and not yet signed up.
struct StaffEntry {
  std::optional<identity::UserId> user_id;
  std::string email;
  std::string name;
  std::string role;    // facility_manager | staff | coach
  std::string status;  // active | invited
};

struct MemberEntry {
  std::optional<identity::UserId> user_id;
  std::string email;
  std::string name;
  std::string status;  // active | invited
  std::optional<Instant> since;
};

/// A player's place on a facility's roster: on it (`active`, `inactive`), asking to join
/// (`pending`) or invited (`invited`). `minor` belongs to the families part of the contract.
enum class RosterStatus { active, pending, invited, minor, inactive };
constexpr EnumNames<RosterStatus, 5> names_of(RosterStatus) {
  return {{{{RosterStatus::active, "active"},
            {RosterStatus::pending, "pending"},
            {RosterStatus::invited, "invited"},
            {RosterStatus::minor, "minor"},
            {RosterStatus::inactive, "inactive"}}}};
}

/// One row of the roster. `user_id` is null for an invited address without an account.
struct RosterEntry {
  std::optional<identity::UserId> user_id;
  std::string name;
  std::string email;
  RosterStatus status = RosterStatus::active;
  std::optional<Instant> joined_at;  // when the player came on the roster
};

struct RosterQuery {
  std::optional<RosterStatus> status;
  std::optional<std::string> q;  // a fragment of the name or the e-mail, any case
  int limit = 50;
  std::optional<std::string> cursor;
};

enum class InvitationStatus { pending, accepted, expired, revoked };
constexpr EnumNames<InvitationStatus, 4> names_of(InvitationStatus) {
  return {{{{InvitationStatus::pending, "pending"},
            {InvitationStatus::accepted, "accepted"},
            {InvitationStatus::expired, "expired"},
            {InvitationStatus::revoked, "revoked"}}}};
}

/// An invitation to a facility's roster, sent by e-mail with a link.
struct PlayerInvitation {
  InvitationId id;
  FacilityId facility_id;
  std::string email;
  InvitationStatus status = InvitationStatus::pending;
  Instant created_at;
  std::optional<Instant> expires_at;  // none for the ones waiting for a sign-up (members route)
  std::optional<Instant> sent_at;
  std::optional<Instant> accepted_at;
  std::optional<identity::UserId> accepted_by;
};

enum class JoinRequestStatus { pending, approved, rejected };
constexpr EnumNames<JoinRequestStatus, 3> names_of(JoinRequestStatus) {
  return {{{{JoinRequestStatus::pending, "pending"},
            {JoinRequestStatus::approved, "approved"},
            {JoinRequestStatus::rejected, "rejected"}}}};
}

struct JoinRequest {
  JoinRequestId id;
  FacilityId facility_id;
  std::string facility_name;
  identity::UserId user_id;
  std::string name;   // the player's
  std::string email;  // the player's
  std::optional<std::string> message;
  JoinRequestStatus status = JoinRequestStatus::pending;
  std::optional<std::string> reason;  // given with the decision
  Instant created_at;
  std::optional<Instant> decided_at;
};

/// A player added by staff: an existing account by `email` alone, or a new one (no password; a
/// welcome e-mail carries a link to set one) when `first_name` and `last_name` are given.
struct NewPlayer {
  std::string email;
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::string> phone;
  std::optional<LocalDate> date_of_birth;
};

}  // namespace slotbase::organization
