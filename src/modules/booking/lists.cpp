#include "lists.h"

#include <limits>
#include <map>
#include <stdexcept>

#include "booking_repository.h"

namespace slotbase::booking {
namespace {

using identity::Permission;

/// A local date of the query, from 2000 to 2999.
Result<LocalDate> date_of(const std::string& text, const std::string& field) {
  auto day = LocalDate::parse(text);
  if (!day) return Error::invalid(field, "must be a date as YYYY-MM-DD");
  if (day->year < 2000 || day->year > 2999) return Error::invalid(field, "must be a date from 2000 to 2999");
  return *day;
}

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
  // One look-up per player, not per booking: a season's export has many bookings of few people.
  std::map<std::string, std::optional<identity::User>> players;
  SB_ASSIGN_OR_RETURN(auto dates, dates_of(q));
  BookingExport out{facility.name, facility.timezone, dates.first, dates.second, {}};
  out.rows.reserve(bookings.size());
  for (auto& b : bookings) {
    auto [player, fresh] = players.try_emplace(b.user_id);
    if (fresh && !b.user_id.empty()) {
      auto user = identity_.get_user(identity::UserId{b.user_id});
      if (user.ok()) player->second = std::move(user.value());
    }
    BookingRow row{std::move(b), "", "", ""};
    if (auto court = courts.find(row.booking.resource_id); court != courts.end()) row.resource_name = court->second;
    if (player->second) {
      row.player_name = player->second->name;
      row.player_email = player->second->email;
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace slotbase::booking
