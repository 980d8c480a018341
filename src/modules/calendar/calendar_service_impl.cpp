#include "calendar_service_impl.h"

#include <map>

#include "calendar_repository.h"
#include "rules/ics.h"

namespace slotbase::calendar {
namespace {

/// A feed shows bookings that ended at most this long ago, and at most kMaxEvents of them.
constexpr std::chrono::hours kPast{24 * 30};
constexpr int kMaxEvents = 1000;

/// "Riverside Courts, 1 Main St, Springfield, IL 62701, US": the parts there are.
std::string location_of(const organization::Facility& f) {
  std::string out = f.name;
  auto add = [&out](const std::optional<std::string>& part) {
    if (part && !part->empty()) out += ", " + *part;
  };
  if (const auto& a = f.address) {
    add(a->street);
    add(a->city);
    std::string region = a->state.value_or("");
    if (a->zip && !a->zip->empty()) region += (region.empty() ? "" : " ") + *a->zip;
    add(region);
    add(a->country);
  }
  return out;
}

}  // namespace

Result<FeedLink> CalendarServiceImpl::own_feed(const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  bool made = false;
  auto link = feeds_.feed_of(*ctx.user_id, &made);
  // Bookings made before this module heard of them would be missing from a new feed.
  if (made) entries_.add_existing(ctx, clock_.now() - kPast);
  return link;
}

Result<FeedLink> CalendarServiceImpl::my_feed(const Context& ctx) {
  return own_feed(ctx);
}

Result<FeedLink> CalendarServiceImpl::rotate_feed(const Context& ctx) {
  SB_TRY(own_feed(ctx));
  return feeds_.rotate(*ctx.user_id);
}

Result<std::string> CalendarServiceImpl::user_feed(const std::string& token) {
  auto owner = feeds_.owner_of(token);
  if (!owner) return Error::not_found("No such calendar feed.");
  const Instant now = clock_.now();
  auto entries =
      db_.read([&](db::Connection& c) { return CalendarRepository::user_entries(c, *owner, now - kPast, kMaxEvents); });

  // Each facility and court once, however many bookings name it.
  std::map<std::string, std::optional<organization::Facility>> facilities;
  std::map<std::string, std::string> courts;
  rules::IcsCalendar doc{"SlotBase bookings", "", now, {}};
  for (const auto& e : entries) {
    auto [f, new_facility] = facilities.try_emplace(e.facility_id);
    if (new_facility) f->second = orgs_.find_facility(organization::FacilityId{e.facility_id});
    auto [r, new_court] = courts.try_emplace(e.resource_id);
    if (new_court) {
      auto found = resources_.find_resource(resource::ResourceId{e.resource_id});
      r->second = found ? found->name : "Booking";
    }
    const auto& facility = f->second;
    rules::IcsEvent event;
    event.uid = e.booking_id + "@slotbase";
    event.start = e.start;
    event.end = e.end;
    event.summary = r->second;
    event.status = e.status;
    event.sequence = e.sequence;
    event.created = e.created_at;
    event.last_modified = e.updated_at;
    if (facility) {
      event.time_zone = facility->timezone;
      event.summary += " at " + facility->name;
      event.location = location_of(*facility);
      event.organizer_name = facility->name;
      event.organizer_email = facility->settings.contact_email;
    }
    doc.events.push_back(std::move(event));
  }
  return rules::write_ics(doc);
}

Result<std::string> CalendarServiceImpl::facility_feed(const std::string& facility_id) {
  // Anyone may read it, so only a facility anyone may see: a private one is not found.
  auto facility = orgs_.get_facility(organization::FacilityId{facility_id}, Context{});
  if (!facility.ok() || !facility->settings.is_public) return Error::not_found("No such facility.");
  // Published events do not exist in SlotBase yet: the calendar is empty, with the facility's zone.
  return rules::write_ics({facility->name, facility->timezone, clock_.now(), {}});
}

}  // namespace slotbase::calendar
