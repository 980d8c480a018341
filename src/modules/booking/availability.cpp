#include "availability.h"

#include <algorithm>
#include <map>

#include "booking_repository.h"
#include "platform/events/outbox.h"
#include "rules/availability.h"

namespace slotbase::booking {
namespace {

// What a kept grid takes, roughly: its slots and names, for each price class.
std::size_t bytes_of(const Availability& a) {
  std::size_t bytes = sizeof(Availability) + a.facility_id.size() + a.timezone.size();
  for (const auto& r : a.resources)
    bytes += sizeof(ResourceSlots) + r.resource_id.size() + r.name.size() + r.slots.size() * sizeof(Slot);
  return bytes;
}

}  // namespace

AvailabilityReader::AvailabilityReader(db::Database& db, const Clock& clock, organization::OrganizationService& orgs,
                                       resource::ResourceService& resources, std::size_t cache_bytes)
    : db_(db),
      clock_(clock),
      orgs_(orgs),
      resources_(resources),
      log_end_([this] { return db_.read([](db::Connection& c) { return events::Outbox::last_sequence(c); }); }),
      cache_(cache_bytes) {}

Result<AvailabilityView> AvailabilityReader::availability(const std::string& facility_id, const AvailabilityQuery& q,
                                                          const Context& ctx) {
  // The log's position is read first, so a grid is never kept under a position older than what
  // its reads saw.
  const std::int64_t log_sequence = log_end_.get();
  const std::int64_t second = epoch_seconds(clock_.now());
  const std::string key = facility_id + '|' + q.date + '|' + std::to_string(q.days) + '|' + q.resource_id.value_or("") +
                          '|' + std::to_string(q.duration_minutes.value_or(0));
  auto grid = cache_.get(key, [&](const std::shared_ptr<const Grid>& g) {
    return g->log_sequence == log_sequence && second >= g->from && second < g->until;
  });
  if (grid) {
    // The caller's own part: a facility open to all needs no question; another answers only
    // those who may see it.
    if (!(*grid)->open_to_all) SB_TRY(orgs_.get_facility(organization::FacilityId{facility_id}, ctx));
  } else {
    SB_ASSIGN_OR_RETURN(auto computed, compute(facility_id, q, ctx, log_sequence));
    std::size_t bytes = bytes_of(*computed->regular);
    if (computed->for_members) bytes += bytes_of(*computed->for_members);
    cache_.put(key, computed, bytes);
    grid = std::move(computed);
  }
  const Grid& g = **grid;
  // Membership changes the price only where some price list has member prices.
  if (g.for_members && ctx.user_id &&
      orgs_.is_member(organization::FacilityId{facility_id}, identity::UserId{*ctx.user_id}))
    return AvailabilityView{g.for_members, g.revision + "m"};
  return AvailabilityView{g.regular, g.revision};
}

Result<std::shared_ptr<const AvailabilityReader::Grid>> AvailabilityReader::compute(const std::string& facility_id,
                                                                                    const AvailabilityQuery& q,
                                                                                    const Context& ctx,
                                                                                    std::int64_t log_sequence) {
  SB_ASSIGN_OR_RETURN(auto facility, orgs_.get_facility(organization::FacilityId{facility_id}, ctx));
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

  auto zone = Zone::find(facility.timezone);
  if (!zone) return Error::internal("facility time zone " + facility.timezone + " is unknown");
  std::vector<resource::Resource> resources;
  for (auto& r : resources_.resources_of(facility.id)) {
    if (r.status != resource::ResourceStatus::active) continue;
    if (q.resource_id && r.id.str() != *q.resource_id) continue;
    resources.push_back(std::move(r));
  }
  if (q.resource_id && resources.empty()) return Error::invalid("resource_id", "is not an active resource here");

  const Instant now = clock_.now();
  const auto hours = orgs_.hours_of(facility.id);
  const Instant range_start = zone->at(*first_day, LocalTime{0});
  const Instant range_end = zone->at(Zone::add_days(*first_day, q.days), LocalTime{0});
  const auto claims = db_.read([&](db::Connection& c) {
    return BookingRepository::facility_claims(c, facility.id.str(), range_start, range_end, now);
  });
  const auto pricing = resources_.pricing_of_facility(facility.id, facility.currency);
  const bool member_prices = std::any_of(
      pricing.begin(), pricing.end(), [this](const auto& entry) { return resources_.has_member_prices(entry.second); });

  auto grid = rules::compute_grid(
      {facility, *zone, hours, resources, pricing, claims, *first_day, q.days, duration, now},
      [this](const resource::Pricing& p, bool member, Instant start, Instant end, const resource::PriceContext& c) {
        return resources_.price(p, member, start, end, c);
      },
      member_prices);
  auto kept = std::make_shared<Grid>();
  kept->log_sequence = log_sequence;
  kept->from = epoch_seconds(grid.regular.as_of);
  kept->until = epoch_seconds(grid.regular.valid_until);
  kept->open_to_all = facility.settings.is_public && facility.status == organization::FacilityStatus::active;
  kept->regular = std::make_shared<const Availability>(std::move(grid.regular));
  if (grid.for_members) kept->for_members = std::make_shared<const Availability>(std::move(*grid.for_members));
  kept->revision = std::to_string(next_revision_++);
  return std::shared_ptr<const Grid>(std::move(kept));
}

}  // namespace slotbase::booking
