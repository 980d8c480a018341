#include "availability.h"

#include <algorithm>
#include <map>
#include "booking_repository.h"
#include "rules/schedule.h"

namespace slotbase::booking {
namespace {

using std::chrono::minutes;

}  // namespace

Result<Availability> AvailabilityReader::availability(const std::string& facility_id, const AvailabilityQuery& q,
                                                      const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto facility, orgs_.get_facility(facility_id, ctx));
  const auto& policies = facility.policies;
  std::vector<FieldError> errors;
  auto first_day = LocalDate::parse(q.date);
  if (!first_day) errors.push_back({"date", "must be a date as YYYY-MM-DD"});
  // A year either side of today and more is history or fantasy; it also keeps times in four digits.
  else if (first_day->year < 2000 || first_day->year > 2999)
    errors.push_back({"date", "must be a date from 2000 to 2999"});
  if (q.days < 1 || q.days > 14) errors.push_back({"days", "must be 1 to 14"});
  const int duration = q.duration_minutes.value_or(policies.min_duration_minutes);
  if (duration < policies.min_duration_minutes || duration > policies.max_duration_minutes ||
      duration % policies.slot_step_minutes != 0)
    errors.push_back({"duration", "must be " + std::to_string(policies.min_duration_minutes) + " to " +
                                      std::to_string(policies.max_duration_minutes) + " minutes in steps of " +
                                      std::to_string(policies.slot_step_minutes)});
  if (!errors.empty()) return Error::invalid(std::move(errors));

  auto zone = *Zone::find(facility.timezone);
  std::vector<resource::Resource> resources;
  for (auto& r : resources_.resources_of(facility.id)) {
    if (r.status != "active") continue;
    if (q.resource_id && r.id != *q.resource_id) continue;
    resources.push_back(std::move(r));
  }
  if (q.resource_id && resources.empty()) return Error::invalid("resource_id", "is not an active resource here");

  const Instant now = clock_.now();
  const auto hours = orgs_.hours_of(facility.id);
  std::vector<rules::DayWindow> windows;
  for (int i = 0; i < q.days; ++i) windows.push_back(rules::window_for(hours, zone, Zone::add_days(*first_day, i)));
  const Instant range_start = zone.at(*first_day, LocalTime{0});
  const Instant range_end = zone.at(Zone::add_days(*first_day, q.days), LocalTime{0});
  auto claims = db_.read([&](db::Connection& c) {
    return BookingRepository::facility_claims(c, facility.id, range_start, range_end, now);
  });
  std::map<std::string, std::vector<Claim>> by_resource;
  for (auto& c : claims) by_resource[c.resource_id].push_back(std::move(c));

  const Instant earliest = now + minutes(policies.min_lead_time_minutes);
  const LocalDate last_day = Zone::add_days(zone.date_of(now), policies.booking_window_days);
  Availability out{
      facility.id, facility.timezone, {}, now, zone.at(Zone::add_days(zone.date_of(now), 1), LocalTime{0})};
  for (const auto& c : claims)
    if (c.expires_at && *c.expires_at < out.valid_until) out.valid_until = *c.expires_at;
  const auto pricing_by_resource = resources_.pricing_of_facility(facility.id, facility.currency);
  // Membership changes the price only where some price list has member prices.
  const bool member = ctx.user_id &&
                      std::any_of(pricing_by_resource.begin(), pricing_by_resource.end(),
                                  [this](const auto& entry) { return resources_.has_member_prices(entry.second); }) &&
                      orgs_.is_member(facility.id, *ctx.user_id);
  std::vector<std::vector<Instant>> starts_by_day;
  for (const auto& w : windows)
    starts_by_day.push_back(rules::slot_starts(w, minutes(policies.slot_step_minutes), minutes(duration)));
  // Courts usually share one price list: price each distinct list's slots once per day.
  std::vector<std::pair<resource::Pricing, std::vector<std::vector<std::int64_t>>>> price_memo;
  const resource::Pricing free_pricing{{0, facility.currency}, std::nullopt, 60, {}};
  for (const auto& r : resources) {
    auto found = pricing_by_resource.find(r.id);
    const resource::Pricing& pricing = found != pricing_by_resource.end() ? found->second : free_pricing;
    auto memo = std::find_if(price_memo.begin(), price_memo.end(), [&](const auto& m) { return m.first == pricing; });
    if (memo == price_memo.end())
      memo = price_memo.insert(price_memo.end(), {pricing, std::vector<std::vector<std::int64_t>>(q.days)});
    const auto& taken = by_resource[r.id];
    ResourceSlots rs{r.id, r.name, {}};
    for (int i = 0; i < q.days; ++i) {
      const auto& w = windows[i];
      const bool bookable_day = Zone::add_days(*first_day, i) <= last_day;
      auto& prices = memo->second[i];
      if (prices.empty()) {
        resource::PriceContext pctx{zone, policies.weekend_multiplier, policies.holiday_multiplier,
                                    [&](LocalDate) { return w.open_holiday; }};
        for (Instant start : starts_by_day[i])
          prices.push_back(resources_.price(pricing, member, start, start + minutes(duration), pctx));
      }
      std::size_t slot_index = 0;
      for (Instant start : starts_by_day[i]) {
        const Instant end = start + minutes(duration);
        std::string status = "available";
        int rank = 0;  // blocked beats booked beats held
        for (const auto& c : taken) {
          if (c.start >= end || c.end <= start) continue;
          int k = c.kind == "block" ? 3 : c.kind == "booking" ? 2 : 1;
          if (k > rank) {
            rank = k;
            status = k == 3 ? "blocked" : k == 2 ? "booked" : "held";
          }
        }
        if (rank == 0 && (start <= now || start < earliest || !bookable_day))
          status = "closed";
        else if (rank == 0)  // open until the lead time is reached (one second later) or it starts
          out.valid_until = std::min(
              {out.valid_until, start, start - minutes(policies.min_lead_time_minutes) + std::chrono::seconds(1)});
        rs.slots.push_back({start, end, status, {prices[slot_index++], facility.currency}});
      }
    }
    out.resources.push_back(std::move(rs));
  }
  return out;
}

}  // namespace slotbase::booking
