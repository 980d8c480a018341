#include "availability.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "schedule.h"

namespace slotbase::booking::rules {
namespace {

using std::chrono::minutes;

// Blocked beats booked beats held.
int rank_of(const std::string& kind) {
  return kind == "block" ? 3 : kind == "booking" ? 2 : 1;
}
SlotStatus status_of(int rank) {
  return rank == 3 ? SlotStatus::blocked : rank == 2 ? SlotStatus::booked : SlotStatus::held;
}

}  // namespace

Grid compute_grid(const GridInput& in, const PriceOf& price, bool member_prices) {
  const auto& f = in.facility;
  const auto& policies = f.policies;
  const minutes duration(in.duration_minutes);
  const Instant earliest = in.now + minutes(policies.min_lead_time_minutes);
  const LocalDate last_day = Zone::add_days(in.zone.date_of(in.now), policies.booking_window_days);

  std::vector<DayWindow> windows;
  std::vector<std::vector<Instant>> starts_by_day;
  std::size_t slots_per_resource = 0;
  for (int i = 0; i < in.days; ++i) {
    windows.push_back(window_for(in.hours, in.zone, Zone::add_days(in.first_day, i)));
    starts_by_day.push_back(slot_starts(windows.back(), minutes(policies.slot_step_minutes), duration));
    slots_per_resource += starts_by_day.back().size();
  }

  Grid grid;
  Availability& out = grid.regular;
  out.facility_id = f.id.str();
  out.timezone = f.timezone;
  out.as_of = in.now;
  out.valid_until = in.zone.at(Zone::add_days(in.zone.date_of(in.now), 1), LocalTime{0});
  for (const auto& c : in.claims)
    if (c.expires_at && *c.expires_at < out.valid_until) out.valid_until = *c.expires_at;

  // Courts usually share one price list: price each distinct list's slots once a day, per class.
  struct Prices {
    const resource::Pricing* pricing;
    std::vector<std::vector<std::int64_t>> regular, members;  // by day, by slot
  };
  std::vector<Prices> memo;
  const resource::Pricing free_pricing{{0, f.currency}, std::nullopt, 60, {}};
  std::vector<std::vector<std::int64_t>> member_prices_of_resource;
  out.resources.reserve(in.resources.size());
  if (member_prices) member_prices_of_resource.reserve(in.resources.size());

  // The claims come ordered by resource: each resource's are one run of them, [first, last).
  std::unordered_map<std::string_view, std::pair<std::size_t, std::size_t>> claims_of;
  for (std::size_t i = 0; i < in.claims.size(); ++i) {
    auto [run, fresh] = claims_of.try_emplace(in.claims[i].resource_id, i, i + 1);
    if (!fresh) run->second.second = i + 1;
  }

  for (const auto& r : in.resources) {
    auto found = in.pricing.find(r.id);
    const resource::Pricing& pricing = found != in.pricing.end() ? found->second : free_pricing;
    auto prices = std::find_if(memo.begin(), memo.end(), [&](const Prices& p) { return *p.pricing == pricing; });
    if (prices == memo.end()) {
      Prices fresh{&pricing, std::vector<std::vector<std::int64_t>>(in.days), {}};
      if (member_prices) fresh.members.resize(in.days);
      for (int i = 0; i < in.days; ++i) {
        const bool open_holiday = windows[i].open_holiday;
        resource::PriceContext context{in.zone, policies.weekend_multiplier, policies.holiday_multiplier,
                                       [open_holiday](LocalDate) { return open_holiday; }};
        for (Instant start : starts_by_day[i]) {
          fresh.regular[i].push_back(price(pricing, false, start, start + duration, context));
          if (member_prices) fresh.members[i].push_back(price(pricing, true, start, start + duration, context));
        }
      }
      prices = memo.insert(memo.end(), std::move(fresh));
    }

    auto run = claims_of.find(r.id.str());
    const auto first = run == claims_of.end() ? in.claims.end() : in.claims.begin() + run->second.first;
    const auto last = run == claims_of.end() ? in.claims.end() : in.claims.begin() + run->second.second;

    ResourceSlots rs{r.id.str(), r.name, {}};
    rs.slots.reserve(slots_per_resource);
    std::vector<std::int64_t> members;
    if (member_prices) members.reserve(slots_per_resource);
    for (int i = 0; i < in.days; ++i) {
      const bool bookable_day = Zone::add_days(in.first_day, i) <= last_day;
      std::size_t k = 0;
      for (Instant start : starts_by_day[i]) {
        const Instant end = start + duration;
        int rank = 0;
        for (auto c = first; c != last; ++c)
          if (c->start < end && c->end > start) rank = std::max(rank, rank_of(c->kind));
        SlotStatus status = SlotStatus::available;
        if (rank > 0)
          status = status_of(rank);
        else if (start <= in.now || start < earliest || !bookable_day)
          status = SlotStatus::closed;
        else  // open until the lead time is reached (one second later) or it starts
          out.valid_until = std::min(
              {out.valid_until, start, start - minutes(policies.min_lead_time_minutes) + std::chrono::seconds(1)});
        rs.slots.push_back({start, end, status, {prices->regular[i][k], f.currency}});
        if (member_prices) members.push_back(prices->members[i][k]);
        ++k;
      }
    }
    out.resources.push_back(std::move(rs));
    if (member_prices) member_prices_of_resource.push_back(std::move(members));
  }

  if (member_prices) {
    grid.for_members = out;
    for (std::size_t r = 0; r < out.resources.size(); ++r) {
      auto& slots = grid.for_members->resources[r].slots;
      for (std::size_t s = 0; s < slots.size(); ++s) slots[s].price.amount = member_prices_of_resource[r][s];
    }
  }
  return grid;
}

}  // namespace slotbase::booking::rules
