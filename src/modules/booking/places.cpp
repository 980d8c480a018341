#include "places.h"

#include "rules/schedule.h"

namespace slotbase::booking {
namespace {

using identity::Permission;

}  // namespace

Result<Place> Places::place_of(const std::string& resource_id, const Context& ctx) {
  auto r = resources_.find_priced_resource(resource::ResourceId{resource_id});
  if (!r) return Error::invalid("resource_id", "is not a resource");
  auto config = orgs_.facility_config(r->resource.facility_id);
  if (!config || !orgs_.visible(ctx, config->facility)) return Error::invalid("resource_id", "is not a resource");
  const auto& f = config->facility;
  auto zone = Zone::find(f.timezone);
  if (!zone) return Error::internal("facility time zone " + f.timezone + " is unknown");
  return Place{f, std::move(r->resource), *zone, config->hours, r->pricing_in(f.currency)};
}

Result<Place> Places::managed_place(const std::string& resource_id, const Context& ctx) {
  auto p = place_of(resource_id, ctx);
  if (!p.ok() && p.error().code == ErrorCode::invalid_argument) return Error::not_found("No such resource.");
  if (p.ok() && !orgs_.can(p->facility, Permission::bookings_manage, ctx))
    return Error::forbidden("You do not have permission to do this at this facility.");
  return p;
}

std::function<Money(Instant, Instant)> Places::pricer_for(const Place& p, const std::string& user_id,
                                                          std::optional<bool> known_member) {
  const bool member = resources_.has_member_prices(p.pricing) && !user_id.empty() &&
                      (known_member ? *known_member : orgs_.is_member(p.facility.id, identity::UserId{user_id}));
  return [this, &p, member](Instant start, Instant end) -> Money {
    resource::PriceContext ctx{p.zone, p.facility.policies.weekend_multiplier, p.facility.policies.holiday_multiplier,
                               [&](LocalDate d) { return rules::window_for(p.hours, p.zone, d).open_holiday; }};
    return {resources_.price(p.pricing, member, start, end, ctx), p.facility.currency};
  };
}

Money Places::price_for(const Place& p, const std::string& user_id, Instant start, Instant end,
                        std::optional<bool> member) {
  return pricer_for(p, user_id, member)(start, end);
}

Result<organization::Facility> Places::facility_as(const std::string& facility_id, identity::Permission permission,
                                                   const Context& ctx, const char* missing) {
  auto facility = orgs_.facility_for(organization::FacilityId{facility_id}, permission, ctx);
  if (!facility.ok() && facility.error().code == ErrorCode::not_found) return Error::not_found(missing);
  return facility;
}

Result<Day> Places::day_of(const std::string& facility_id, const std::string& date, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto facility,
                      orgs_.facility_for(organization::FacilityId{facility_id}, Permission::facility_view, ctx));
  auto day = LocalDate::parse(date);
  if (!day) return Error::invalid("date", "must be a date as YYYY-MM-DD");
  if (day->year < 2000 || day->year > 2999) return Error::invalid("date", "must be a date from 2000 to 2999");
  auto zone = Zone::find(facility.timezone);
  if (!zone) return Error::internal("facility time zone " + facility.timezone + " is unknown");
  return Day{facility.id.str(), zone->at(*day, LocalTime{0}), zone->at(Zone::add_days(*day, 1), LocalTime{0})};
}

}  // namespace slotbase::booking
