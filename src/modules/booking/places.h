#pragma once

#include <functional>
#include <optional>
#include <string>

#include "booking/booking_types.h"
#include "organization/organization_service.h"
#include "platform/core/context.h"
#include "platform/core/result.h"
#include "platform/core/zone.h"
#include "resource/resource_service.h"

namespace slotbase::booking {

/// A resource with all that the rules and prices of a booking there read: its facility, the
/// facility's zone and hours, and its prices (free when it has none). Read once per request.
struct Place {
  organization::Facility facility;
  resource::Resource resource;
  Zone zone;
  organization::OperatingHours hours;
  resource::Pricing pricing;
};

/// Local days of a facility, [from, to) in UTC: from the first one's midnight to the midnight
/// after the last.
struct Day {
  std::string facility_id;
  Instant from;
  Instant to;
};

/// Where bookings happen, as the caller may see it, and what they cost there: the booking
/// module's reads of the organization and resource modules. Thread-safe.
class Places {
 public:
  Places(organization::OrganizationService& orgs, resource::ResourceService& resources)
      : orgs_(orgs), resources_(resources) {}

  /// The resource and its facility as the caller may see them (otherwise resource_id is invalid).
  Result<Place> place_of(const std::string& resource_id, const Context& ctx);
  /// The same for staff who manage the facility's bookings: not_found when the resource is
  /// missing or hidden from the caller, permission_denied when they may only see it.
  Result<Place> managed_place(const std::string& resource_id, const Context& ctx);
  /// The facility if the caller has `permission` there; not_found says `missing` (the object
  /// that led there: a resource, a block) so another tenant's ids stay unknown.
  Result<organization::Facility> facility_as(const std::string& facility_id, identity::Permission permission,
                                             const Context& ctx, const char* missing);
  /// Local days of a facility the caller may view as staff (invalid_argument naming `date`,
  /// `from` or `to`).
  Result<Day> days_of(const std::string& facility_id, const LocalDates& dates, const Context& ctx);
  /// The first and last local date asked for, checked: dates from 2000 to 2999, `date` or
  /// `from` (not both), `to` not before `from` and at most kMaxListDays after it.
  static Result<std::pair<LocalDate, LocalDate>> local_dates(const LocalDates& dates);

  /// `member`, when the caller already asked, saves asking again.
  Money price_for(const Place& p, const std::string& user_id, Instant start, Instant end,
                  std::optional<bool> member = std::nullopt);
  /// Prices slots of `p` for one player, reading the price list and membership once; valid
  /// while `p` lives.
  std::function<Money(Instant, Instant)> pricer_for(const Place& p, const std::string& user_id,
                                                    std::optional<bool> member = std::nullopt);

 private:
  organization::OrganizationService& orgs_;
  resource::ResourceService& resources_;
};

}  // namespace slotbase::booking
