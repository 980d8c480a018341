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

namespace {

/// A local date of a query, from 2000 to 2999.
Result<LocalDate> date_of(const std::string& text, const std::string& field) {
  auto day = LocalDate::parse(text);
  if (!day) return Error::invalid(field, "must be a date as YYYY-MM-DD");
  if (day->year < 2000 || day->year > 2999) return Error::invalid(field, "must be a date from 2000 to 2999");
  return *day;
}

}  // namespace

Result<std::pair<LocalDate, LocalDate>> Places::local_dates(const LocalDates& q) {
  if (q.date) {
    if (q.from || q.to) return Error::invalid("date", "give either date or from and to, not both");
    SB_ASSIGN_OR_RETURN(auto day, date_of(*q.date, "date"));
    return std::pair{day, day};
  }
  if (!q.from) return Error::invalid("from", "is needed (or date for one day)");
  SB_ASSIGN_OR_RETURN(auto from, date_of(*q.from, "from"));
  LocalDate to = from;
  if (q.to) {
    SB_ASSIGN_OR_RETURN(to, date_of(*q.to, "to"));
  }
  if (to < from) return Error::invalid("to", "must not be before from");
  if (Zone::add_days(from, kMaxListDays) <= to)
    return Error::invalid("to", "must be at most " + std::to_string(kMaxListDays) + " days after from");
  return std::pair{from, to};
}

Result<Day> Places::days_of(const std::string& facility_id, const LocalDates& dates, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto facility,
                      orgs_.facility_for(organization::FacilityId{facility_id}, Permission::facility_view, ctx));
  SB_ASSIGN_OR_RETURN(auto days, local_dates(dates));
  auto zone = Zone::find(facility.timezone);
  if (!zone) return Error::internal("facility time zone " + facility.timezone + " is unknown");
  return Day{facility.id.str(), zone->at(days.first, LocalTime{0}),
             zone->at(Zone::add_days(days.second, 1), LocalTime{0})};
}

}  // namespace slotbase::booking
