#include "organization_repository.h"

#include "platform/core/parse_cache.h"
#include "platform/db/query_as.h"
#include "rules/address.h"
#include "rules/policies.h"

namespace slotbase::organization {
namespace {

constexpr std::string_view kInsertOrg = R"sql(
INSERT INTO organizations (id, name, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $4))sql";
constexpr std::string_view kOrg = "SELECT id, name, created_at FROM organizations WHERE id = $1";

constexpr std::string_view kInsertFacility = R"sql(
INSERT INTO facilities (id, organization_id, name, slug, timezone, currency, address, status, settings, policies,
                        created_at, updated_at, is_public)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12))sql";
constexpr std::string_view kFacility = R"sql(
SELECT id, organization_id, name, slug, timezone, currency, address, status, settings, policies, created_at, updated_at,
       logo
FROM facilities WHERE id = $1)sql";
constexpr std::string_view kVersionedFacility = R"sql(
SELECT id, organization_id, name, slug, timezone, currency, address, status, settings, policies, created_at, updated_at,
       logo, config_version
FROM facilities WHERE id = $1)sql";
constexpr std::string_view kSlugTaken = "SELECT 1 FROM facilities WHERE slug = $1";
constexpr std::string_view kFacilitiesOf = R"sql(
SELECT id, organization_id, name, slug, timezone, currency, address, status, settings, policies, created_at, updated_at,
       logo
FROM facilities WHERE organization_id = $1 ORDER BY name, id)sql";
constexpr std::string_view kPublicFacilities = R"sql(
SELECT id, organization_id, name, slug, timezone, currency, address, status, settings, policies, created_at, updated_at,
       logo
FROM facilities WHERE is_public = $4 AND status = 'active' AND LOWER(name) LIKE $1 AND id > $2
ORDER BY id LIMIT $3)sql";
constexpr std::string_view kUpdateFacility = R"sql(
UPDATE facilities SET name = $2, address = $3, settings = $4, policies = $5, updated_at = $6, is_public = $7,
  config_version = config_version + 1
WHERE id = $1)sql";
// The logo changes the facility as every reader sees it: its configuration version moves on.
constexpr std::string_view kSetLogo = R"sql(
UPDATE facilities SET logo = $2, updated_at = $3, config_version = config_version + 1 WHERE id = $1)sql";
constexpr std::string_view kConfigVersion = "SELECT config_version FROM facilities WHERE id = $1";
constexpr std::string_view kNextVersion = "UPDATE facilities SET config_version = config_version + 1 WHERE id = $1";

constexpr std::string_view kDeleteHours = "DELETE FROM facility_hours WHERE facility_id = $1";
constexpr std::string_view kDeleteHolidays = "DELETE FROM facility_holidays WHERE facility_id = $1";
constexpr std::string_view kInsertHours = R"sql(
INSERT INTO facility_hours (facility_id, weekday, open_minute, close_minute) VALUES ($1, $2, $3, $4))sql";
constexpr std::string_view kInsertHoliday = R"sql(
INSERT INTO facility_holidays (facility_id, date, name, closed, open_minute, close_minute)
VALUES ($1, $2, $3, $4, $5, $6))sql";
// Weekly hours (no date) and holidays (no weekday) in one read: every hold and every price needs
// both. Weekly rows by weekday, holidays by date.
constexpr std::string_view kHours = R"sql(
SELECT NULL AS date, weekday, NULL AS name, FALSE AS closed, open_minute, close_minute
FROM facility_hours WHERE facility_id = $1
UNION ALL
SELECT date, NULL, name, closed, open_minute, close_minute FROM facility_holidays WHERE facility_id = $1
ORDER BY 1, 2)sql";

constexpr std::string_view kInsertMember = R"sql(
INSERT INTO facility_members (facility_id, user_id, status, created_at) VALUES ($1, $2, 'active', $3)
ON CONFLICT (facility_id, user_id) DO NOTHING)sql";
constexpr std::string_view kIsMember = R"sql(
SELECT 1 FROM facility_members WHERE facility_id = $1 AND user_id = $2 AND status = 'active')sql";
constexpr std::string_view kMembers = R"sql(
SELECT user_id, created_at FROM facility_members
WHERE facility_id = $1 AND status = 'active' AND user_id > $2 ORDER BY user_id LIMIT $3)sql";

constexpr std::string_view kInsertInvitation = R"sql(
INSERT INTO facility_invitations (id, facility_id, email, kind, role, invited_by, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (facility_id, email, kind, role) DO NOTHING)sql";
constexpr std::string_view kPendingInvitations = R"sql(
SELECT id, facility_id, email, kind, role FROM facility_invitations
WHERE facility_id = $1 AND kind = $2 AND accepted_at IS NULL AND revoked_at IS NULL
  AND (expires_at IS NULL OR expires_at > $3)
ORDER BY email)sql";
constexpr std::string_view kPendingFor = R"sql(
SELECT id, facility_id, email, kind, role FROM facility_invitations
WHERE email = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)
ORDER BY created_at, id)sql";
constexpr std::string_view kAcceptInvitation =
    "UPDATE facility_invitations SET accepted_at = $2, accepted_by = $3 WHERE id = $1";

Facility facility_from(const db::Row& r) {
  Facility f;
  f.id = FacilityId{r.text(0)};
  f.organization_id = OrganizationId{r.text(1)};
  f.name = r.text(2);
  f.slug = r.text(3);
  f.timezone = r.text(4);
  f.currency = r.text(5);
  if (!r.is_null(6)) {
    auto address = rules::parse_address(nlohmann::json::parse(r.text(6)));
    if (address.ok()) f.address = address.value();
  }
  f.status = enum_at<FacilityStatus>(r.text(7));
  // Read with nearly every request and rarely changed: parsed once per distinct text.
  static ParseCache<Settings> settings;
  static ParseCache<Policies> policies;
  f.settings =
      settings.get(r.text(8), [](const std::string& t) { return rules::settings_from_json(nlohmann::json::parse(t)); });
  f.policies =
      policies.get(r.text(9), [](const std::string& t) { return rules::policies_from_json(nlohmann::json::parse(t)); });
  f.created_at = from_epoch_seconds(r.i64(10));
  f.updated_at = from_epoch_seconds(r.i64(11));
  f.logo = r.opt_text(12);
  // The setting mirrors the membership policy, the one source of who may book.
  f.settings.allow_non_member_bookings = f.policies.membership == Membership::open;
  return f;
}

OrganizationRepository::Invitation invitation_from(const db::Row& r) {
  return {InvitationId{r.text(0)}, FacilityId{r.text(1)}, r.text(2), r.text(3), r.text(4)};
}

db::Param address_param(const std::optional<Address>& address) {
  if (!address) return nullptr;
  return rules::to_json(address).dump();
}

}  // namespace

void OrganizationRepository::insert_organization(db::Connection& c, const Organization& o,
                                                 const std::string& created_by) {
  c.execute(kInsertOrg, {o.id.str(), o.name, created_by, epoch_seconds(o.created_at)});
}

std::optional<Organization> OrganizationRepository::organization(db::Connection& c, const OrganizationId& id) {
  return db::query_one_as(c, kOrg, {id.str()}, [](const db::Row& r) {
    return Organization{OrganizationId{r.text(0)}, r.text(1), from_epoch_seconds(r.i64(2))};
  });
}

std::vector<Organization> OrganizationRepository::organizations(db::Connection& c,
                                                                const std::vector<OrganizationId>& ids) {
  std::vector<Organization> out;
  for (const auto& id : ids)
    if (auto o = organization(c, id)) out.push_back(*o);
  return out;
}

void OrganizationRepository::insert_facility(db::Connection& c, const Facility& f) {
  c.execute(kInsertFacility, {f.id.str(), f.organization_id.str(), f.name, f.slug, f.timezone, f.currency,
                              address_param(f.address), str(f.status), rules::to_json(f.settings).dump(),
                              rules::to_json(f.policies).dump(), epoch_seconds(f.created_at), f.settings.is_public});
}

std::optional<Facility> OrganizationRepository::facility(db::Connection& c, const FacilityId& id) {
  return db::query_one_as(c, kFacility, {id.str()}, facility_from);
}

std::optional<std::int64_t> OrganizationRepository::config_version(db::Connection& c, const FacilityId& id) {
  return db::query_one_as(c, kConfigVersion, {id.str()}, [](const db::Row& r) { return r.i64(0); });
}

std::optional<std::pair<Facility, std::int64_t>> OrganizationRepository::versioned_facility(db::Connection& c,
                                                                                            const FacilityId& id) {
  return db::query_one_as(c, kVersionedFacility, {id.str()}, [](const db::Row& r) {
    return std::pair{facility_from(r), r.i64(13)};
  });
}

bool OrganizationRepository::slug_taken(db::Connection& c, const std::string& slug) {
  return c.query_one(kSlugTaken, {slug}).has_value();
}

std::vector<Facility> OrganizationRepository::facilities_of(db::Connection& c, const OrganizationId& organization_id) {
  return db::query_as(c, kFacilitiesOf, {organization_id.str()}, facility_from);
}

std::vector<Facility> OrganizationRepository::public_facilities(db::Connection& c, const std::string& name_like,
                                                                const std::string& after, int limit) {
  return db::query_as(c, kPublicFacilities, {name_like, after, std::int64_t{limit}, true}, facility_from);
}

void OrganizationRepository::update_facility(db::Connection& c, const Facility& f) {
  c.execute(kUpdateFacility, {f.id.str(), f.name, address_param(f.address), rules::to_json(f.settings).dump(),
                              rules::to_json(f.policies).dump(), epoch_seconds(f.updated_at), f.settings.is_public});
}

void OrganizationRepository::set_logo(db::Connection& c, const FacilityId& id, const std::optional<std::string>& logo,
                                      Instant now) {
  c.execute(kSetLogo, {id.str(), db::opt(logo), epoch_seconds(now)});
}

void OrganizationRepository::replace_hours(db::Connection& c, const FacilityId& facility_id, const OperatingHours& h) {
  c.execute(kNextVersion, {facility_id.str()});
  c.execute(kDeleteHours, {facility_id.str()});
  c.execute(kDeleteHolidays, {facility_id.str()});
  for (const auto& d : h.weekly)
    c.execute(kInsertHours, {facility_id.str(), std::int64_t{d.weekday}, std::int64_t{d.open.minutes},
                             std::int64_t{d.close.minutes}});
  for (const auto& hol : h.holidays) {
    auto minutes = [](const std::optional<LocalTime>& t) {
      return t ? std::optional<std::int64_t>(t->minutes) : std::nullopt;
    };
    c.execute(kInsertHoliday, {facility_id.str(), hol.date.str(), hol.name, hol.closed, db::opt(minutes(hol.open)),
                               db::opt(minutes(hol.close))});
  }
}

OperatingHours OrganizationRepository::hours(db::Connection& c, const FacilityId& facility_id) {
  OperatingHours h;
  for (const auto& r : c.query(kHours, {facility_id.str()})) {
    if (r.is_null(0)) {
      h.weekly.push_back(
          {static_cast<int>(r.i64(1)), LocalTime{static_cast<int>(r.i64(4))}, LocalTime{static_cast<int>(r.i64(5))}});
      continue;
    }
    Holiday hol;
    hol.date = LocalDate::parse(r.text(0)).value_or(LocalDate{});
    hol.name = r.text(2);
    hol.closed = r.boolean(3);
    if (!r.is_null(4)) hol.open = LocalTime{static_cast<int>(r.i64(4))};
    if (!r.is_null(5)) hol.close = LocalTime{static_cast<int>(r.i64(5))};
    h.holidays.push_back(hol);
  }
  return h;
}

bool OrganizationRepository::insert_member(db::Connection& c, const FacilityId& facility_id,
                                           const identity::UserId& user_id, Instant now) {
  return c.execute(kInsertMember, {facility_id.str(), user_id.str(), epoch_seconds(now)}) == 1;
}

bool OrganizationRepository::is_member(db::Connection& c, const FacilityId& facility_id,
                                       const identity::UserId& user_id) {
  return c.query_one(kIsMember, {facility_id.str(), user_id.str()}).has_value();
}

std::vector<std::pair<identity::UserId, Instant>> OrganizationRepository::members(db::Connection& c,
                                                                                  const FacilityId& facility_id,
                                                                                  const std::string& after, int limit) {
  return db::query_as(c, kMembers, {facility_id.str(), after, std::int64_t{limit}}, [](const db::Row& r) {
    return std::pair{identity::UserId{r.text(0)}, from_epoch_seconds(r.i64(1))};
  });
}

bool OrganizationRepository::insert_invitation(db::Connection& c, const Invitation& inv, const std::string& invited_by,
                                               Instant now) {
  return c.execute(kInsertInvitation, {inv.id.str(), inv.facility_id.str(), inv.email, inv.kind, inv.role, invited_by,
                                       epoch_seconds(now)}) == 1;
}

std::vector<OrganizationRepository::Invitation> OrganizationRepository::pending_invitations(
    db::Connection& c, const FacilityId& facility_id, const std::string& kind, Instant now) {
  return db::query_as(c, kPendingInvitations, {facility_id.str(), kind, epoch_seconds(now)}, invitation_from);
}

std::vector<OrganizationRepository::Invitation> OrganizationRepository::pending_invitations_for(
    db::Connection& c, const std::string& email, Instant now) {
  return db::query_as(c, kPendingFor, {email, epoch_seconds(now)}, invitation_from);
}

void OrganizationRepository::accept_invitation(db::Connection& c, const InvitationId& id, const identity::UserId& by,
                                               Instant now) {
  c.execute(kAcceptInvitation, {id.str(), epoch_seconds(now), by.str()});
}

}  // namespace slotbase::organization
