#include "lists.h"

#include <limits>
#include <map>
#include <set>
#include <stdexcept>

#include "booking_repository.h"

namespace slotbase::booking {
namespace {

using identity::Permission;

/// The word of a filter if it is one of the enum's, '' for no filter.
template <class E>
Result<std::string> word_of(const std::optional<std::string>& text, const std::string& field) {
  if (!text) return std::string{};
  if (enum_from<E>(*text)) return *text;
  std::string words;
  for (const auto& [value, word] : names_of(E{}).entries) words += (words.empty() ? "" : ", ") + std::string(word);
  return Error::invalid(field, "must be one of " + words);
}

/// The dates a query asks for, checked.
Result<std::pair<LocalDate, LocalDate>> dates_of(const FacilityBookingQuery& q) {
  return Places::local_dates({q.date, q.from, q.to});
}

/// The selection of a query over a facility in `zone`: its local dates as instants, its filters
/// as words, and where its cursor ("<start epoch>:<booking id>" of the last item shown) left off.
Result<FacilityBookingSelection> selection_of(const std::string& facility_id, const Zone& zone,
                                              const FacilityBookingQuery& q) {
  SB_ASSIGN_OR_RETURN(auto dates, dates_of(q));
  FacilityBookingSelection s;
  s.facility_id = facility_id;
  s.from = zone.at(dates.first, LocalTime{0});
  s.to = zone.at(Zone::add_days(dates.second, 1), LocalTime{0});
  s.resource_id = q.resource_id.value_or("");
  SB_ASSIGN_OR_RETURN(s.status, word_of<BookingStatus>(q.status, "status"));
  SB_ASSIGN_OR_RETURN(s.approval_status, word_of<ApprovalStatus>(q.approval_status, "approval_status"));
  SB_ASSIGN_OR_RETURN(s.payment_status, word_of<PaymentStatus>(q.payment_status, "payment_status"));
  if (q.type) {
    bool known = false;
    for (const char* t : kBookingTypes) known = known || *q.type == t;
    if (!known)
      return Error::invalid("type",
                            "must be one of open_play, lesson, league, tournament, private, block, maintenance");
    s.type = *q.type;
  }
  s.after_start = from_epoch_seconds(std::numeric_limits<std::int32_t>::min());  // before any booking
  s.limit = q.limit ? *q.limit : std::numeric_limits<std::int32_t>::max();
  if (q.cursor) {
    const auto colon = q.cursor->find(':');
    try {
      if (colon == std::string::npos || colon + 1 == q.cursor->size()) throw std::invalid_argument("cursor");
      s.after_start = from_epoch_seconds(std::stoll(q.cursor->substr(0, colon)));
      s.after_id = BookingId{q.cursor->substr(colon + 1)};
    } catch (const std::exception&) {
      return Error::invalid("cursor", "is not a cursor this API gave out");
    }
  }
  return s;
}

}  // namespace

std::map<std::string, BookingPlayer> BookingLists::players_of(const std::vector<Booking>& bookings) {
  // One look-up for the lot: a page (or a season's export) has many bookings of few people.
  std::vector<identity::UserId> ids;
  std::set<std::string> seen;
  for (const auto& b : bookings)
    if (!b.user_id.empty() && seen.insert(b.user_id).second) ids.emplace_back(b.user_id);
  std::map<std::string, BookingPlayer> out;
  for (auto& u : identity_.users(ids))
    out.emplace(u.id.str(), BookingPlayer{u.id.str(), std::move(u.name), std::move(u.email), std::move(u.phone)});
  return out;
}

Result<FacilityBookingPage> BookingLists::page(const std::string& facility_id, const FacilityBookingQuery& q,
                                               const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto facility,
                      places_.facility_as(facility_id, Permission::facility_view, ctx, "No such facility."));
  auto zone = Zone::find(facility.timezone);
  if (!zone) return Error::internal("facility time zone " + facility.timezone + " is unknown");
  SB_ASSIGN_OR_RETURN(auto s, selection_of(facility.id.str(), *zone, q));
  FacilityBookingPage page;
  page.items = db_.read([&](db::Connection& c) { return BookingRepository::facility_bookings(c, s); });
  if (q.limit && static_cast<int>(page.items.size()) == *q.limit)
    page.next_cursor = std::to_string(epoch_seconds(page.items.back().start)) + ":" + page.items.back().id.str();
  page.players = players_of(page.items);
  return page;
}

Result<BookingExport> BookingLists::download(const std::string& facility_id, const FacilityBookingQuery& q,
                                             const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto facility,
                      places_.facility_as(facility_id, Permission::facility_view, ctx, "No such facility."));
  auto zone = Zone::find(facility.timezone);
  if (!zone) return Error::internal("facility time zone " + facility.timezone + " is unknown");
  FacilityBookingQuery all = q;
  all.cursor.reset();
  all.limit = kMaxExportRows + 1;
  SB_ASSIGN_OR_RETURN(auto s, selection_of(facility.id.str(), *zone, all));
  auto bookings = db_.read([&](db::Connection& c) { return BookingRepository::facility_bookings(c, s); });
  if (bookings.size() > static_cast<std::size_t>(kMaxExportRows))
    return Error::invalid(
        "to", "more than " + std::to_string(kMaxExportRows) + " bookings match: narrow the dates or the filters");

  std::map<std::string, std::string> courts;
  for (const auto& r : resources_.resources_of(facility.id)) courts[r.id.str()] = r.name;
  auto players = players_of(bookings);
  SB_ASSIGN_OR_RETURN(auto dates, dates_of(q));
  BookingExport out{facility.name, facility.timezone, dates.first, dates.second, {}};
  out.rows.reserve(bookings.size());
  for (auto& b : bookings) {
    BookingRow row{std::move(b), "", "", "", ""};
    if (auto court = courts.find(row.booking.resource_id); court != courts.end()) row.resource_name = court->second;
    if (auto player = players.find(row.booking.user_id); player != players.end()) {
      row.player_name = player->second.name;
      row.player_email = player->second.email;
      row.player_phone = player->second.phone.value_or("");
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace slotbase::booking
