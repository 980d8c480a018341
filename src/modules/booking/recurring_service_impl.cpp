#include "recurring_service_impl.h"

#include <algorithm>

#include "booking/booking_events.h"
#include "booking_repository.h"
#include "platform/core/ids.h"
#include "recurring_repository.h"
#include "rules/cancellation.h"
#include "rules/membership.h"
#include "rules/recurrence.h"
#include "rules/schedule.h"
#include "rules/settlement.h"

namespace slotbase::booking {
namespace {

using identity::Permission;
using std::chrono::minutes;

constexpr std::size_t kMaxOccurrences = 400;  // per expansion: a daily series over the longest horizon
constexpr int kBlockSeriesDays = 731;         // a block series ends within two years

bool is_scope(const std::string& s) {
  return s == "this" || s == "following" || s == "all";
}

/// The local date of a series' first occurrence; a series is expanded over years after it, so
/// it must start well inside the range the calendar library handles.
Result<LocalDate> first_date(const Zone& zone, Instant start) {
  const LocalDate d = zone.date_of(start);
  if (d.year > 2999) return Error::invalid("start", "must be before the year 3000");
  return d;
}

Result<std::optional<LocalDate>> parse_until(const std::optional<std::string>& until, LocalDate first) {
  if (!until) return std::optional<LocalDate>{};
  auto d = LocalDate::parse(*until);
  if (!d) return Error::invalid("until", "must be a date as YYYY-MM-DD");
  if (*d < first) return Error::invalid("until", "must not be before the first occurrence");
  return std::optional<LocalDate>{*d};
}

/// Runs `fn` under a savepoint of `tx`: its writes stay if it returns ok and are undone if it
/// returns an error or the database refuses an overlap, so one occurrence's clash never spoils the rest.
Result<void> in_savepoint(db::Connection& tx, const std::function<Result<void>()>& fn) {
  tx.savepoint("occurrence");
  Result<void> result = ClaimsLedger::write([&] { return fn(); });
  if (!result.ok()) tx.rollback_to_savepoint("occurrence");
  tx.release_savepoint("occurrence");
  return result;
}

std::string listed(const std::vector<std::string>& dates) {
  std::string out;
  for (std::size_t i = 0; i < dates.size() && i < 10; ++i) out += (i ? ", " : "") + dates[i];
  if (dates.size() > 10) out += " and " + std::to_string(dates.size() - 10) + " more";
  return out;
}

}  // namespace

RecurringServiceImpl::RecurringServiceImpl(db::Database& db, const Clock& clock, const events::JobQueue& jobs,
                                           BookingParts& parts)
    : db_(db), clock_(clock), jobs_(jobs), parts_(parts) {}

std::pair<Instant, Instant> RecurringServiceImpl::times_on(const Series& s, const Zone& zone, LocalDate date) {
  const Instant start = zone.at(date, LocalTime{s.start_minute});
  const int end_minute = s.start_minute + s.duration_minutes;
  Instant end = zone.at(Zone::add_days(date, end_minute / 1440), LocalTime{end_minute % 1440});
  if (end <= start) end = start + minutes(s.duration_minutes);  // a wall-clock end lost in a DST gap
  return {start, end};
}

LocalDate RecurringServiceImpl::horizon(const Series& s, const Place& p, bool staff) const {
  const auto& policies = p.facility.policies;
  const int days =
      staff ? policies.recurring_horizon_days : std::min(policies.recurring_horizon_days, policies.booking_window_days);
  LocalDate last = Zone::add_days(p.zone.date_of(clock_.now()), days);
  if (s.until_date) last = std::min(last, *LocalDate::parse(*s.until_date));
  return last;
}

void RecurringServiceImpl::materialize(db::Connection& tx, const Series& s, const Place& p, bool staff,
                                       const std::vector<LocalDate>& dates, const Context& ctx) {
  const auto& policies = p.facility.policies;
  const Instant now = clock_.now();
  const bool player_type = s.type == "open_play" || s.type == "lesson" || s.type == "private";
  const bool priced = player_type && (!staff || s.user_id != s.created_by);
  // Price list and membership are read once for the whole expansion, and so is the player's
  // count of coming bookings, which the loop then keeps up to date itself.
  const auto price = parts_.places.pricer_for(p, s.user_id);
  std::optional<std::int64_t> active;
  if (!staff && policies.max_active_bookings_per_user) active = BookingRepository::active_count(tx, s.user_id, now);
  for (LocalDate date : dates) {
    auto [start, end] = times_on(s, p.zone, date);
    if (start <= now) continue;  // only occurrences to come are booked
    Booking b;
    b.id = BookingId{new_id("bkg")};
    b.facility_id = p.facility.id.str();
    b.resource_id = p.resource.id.str();
    b.user_id = s.user_id;
    b.created_by = s.created_by;
    b.type = s.type;
    b.start = start;
    b.end = end;
    b.status = BookingStatus::confirmed;
    b.approval_status =
        !staff && policies.require_booking_approval ? ApprovalStatus::pending : ApprovalStatus::not_required;
    b.price = priced ? price(start, end) : Money{0, p.facility.currency};
    b.payment_status = b.price.amount == 0 ? PaymentStatus::waived : PaymentStatus::pending;
    b.payment_method = PaymentMethod::none;
    b.note = s.note;
    b.created_at = now;
    b.series_id = s.id;
    b.series_date = date.str();

    auto booked = in_savepoint(tx, [&]() -> Result<void> {
      if (p.resource.status != resource::ResourceStatus::active)
        return Error::rule_violation("resource-inactive", "This resource is not bookable.");
      if (!staff) {
        SB_TRY(rules::check_player_slot(policies, p.hours, p.zone, start, end, now));
        if (active && *active >= *policies.max_active_bookings_per_user)
          return Error::rule_violation("max-active-bookings", "The player has as many upcoming bookings as allowed.");
      }
      SB_TRY(parts_.ledger.claim(tx, p, start, end, b.id, std::nullopt, ctx));
      BookingRepository::insert_booking(tx, b, rules::no_show_at(b, policies));
      parts_.lifecycle.schedule_approval(tx, b, policies);
      parts_.events.emit(tx, confirmed_event(b, std::nullopt), b.id, b.facility_id, ctx);
      return Ok{};
    });
    if (booked.ok()) {
      if (active) ++*active;
      continue;
    }
    const Error& e = booked.error();
    SeriesConflict conflict{date.str(), start, end, e.rule.empty() ? std::string(to_string(e.code)) : e.rule, e.detail};
    RecurringRepository::record_conflict(tx, s.id, conflict);
    parts_.events.emit(tx,
                       SeriesConflictRecorded{s.id.str(), s.user_id, conflict.date, conflict.rule, conflict.detail,
                                              p.resource.id.str(), start, end},
                       s.id, p.facility.id.str(), ctx);
  }
}

void RecurringServiceImpl::advance(db::Connection& tx, Series& s, const Place& p, bool staff, const Context& ctx) {
  const LocalDate first = *LocalDate::parse(s.first_date);
  const LocalDate from = Zone::add_days(*LocalDate::parse(s.materialized_through), 1);
  const LocalDate to = horizon(s, p, staff);
  if (from <= to) {
    materialize(tx, s, p, staff, rules::occurrence_dates(s.rrule, first, from, to, kMaxOccurrences), ctx);
    s.materialized_through = to.str();
  }
  RecurringRepository::update(tx, s, clock_.now());
  // Come back tomorrow while the rule still has dates after what is booked.
  const LocalDate next = Zone::add_days(*LocalDate::parse(s.materialized_through), 1);
  const LocalDate last = s.until_date ? *LocalDate::parse(*s.until_date) : LocalDate{2999, 12, 31};
  if (next <= last && !rules::occurrence_dates(s.rrule, first, next, last, 1).empty())
    jobs_.enqueue(tx, kExtendSeriesJob, {{"series_id", s.id.str()}}, clock_.now() + std::chrono::hours(24),
                  "extend-series:" + s.id.str() + ":" + s.materialized_through);
}

Result<Series> RecurringServiceImpl::create(const SeriesRequest& r, const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  const std::pair<Instant, Instant> range{r.start, r.end};
  SB_ASSIGN_OR_RETURN(std::string rrule, rules::parse_rrule(r.rrule));
  SB_ASSIGN_OR_RETURN(Place p, parts_.places.place_of(r.resource_id, ctx));
  const auto& policies = p.facility.policies;
  const bool staff = parts_.orgs.can(p.facility, Permission::bookings_manage, ctx);
  const Instant now = clock_.now();
  if (range.first <= now) return Error::invalid("start", "must be in the future");
  std::string user = *ctx.user_id;
  if (staff) {
    if (!rules::is_booking_type(r.type))
      return Error::invalid("type",
                            "must be one of open_play, lesson, league, tournament, private, block, maintenance");
    if (r.user_id) user = *r.user_id;
  } else {
    if (r.user_id && *r.user_id != user) return Error::forbidden("Only staff can book a series for someone else.");
    if (r.type != "open_play") return Error::invalid("type", "players book open_play series");
    if (!policies.allow_player_recurring)
      return Error::rule_violation("recurring-not-allowed", "This facility takes recurring bookings at the desk only.");
    SB_TRY(rules::check_membership(p.facility.policies.membership,
                                   parts_.orgs.roster_status(p.facility.id, identity::UserId{user})));
    if (policies.payment_timing == "at_booking" &&
        parts_.places.price_for(p, user, range.first, range.second).amount > 0)
      return Error::rule_violation("payment-required",
                                   "This facility takes payment when you book, so a series is booked at the desk.");
  }
  if (p.resource.status != resource::ResourceStatus::active)
    return Error::rule_violation("resource-inactive", "This resource is not bookable.");

  Series s;
  s.id = SeriesId{new_id("rec")};
  s.kind = SeriesKind::booking;
  s.facility_id = p.facility.id.str();
  s.resource_id = p.resource.id.str();
  s.user_id = user;
  s.created_by = *ctx.user_id;
  s.type = staff ? r.type : "open_play";
  s.rrule = rrule;
  SB_ASSIGN_OR_RETURN(const LocalDate first, first_date(p.zone, range.first));
  s.first_date = first.str();
  s.start_minute = p.zone.minute_of_day(range.first);
  s.duration_minutes = static_cast<int>((range.second - range.first).count() / 60);
  SB_ASSIGN_OR_RETURN(auto until, parse_until(r.until, first));
  if (until) s.until_date = until->str();
  s.note = r.note;
  s.status = SeriesStatus::active;
  s.materialized_through = Zone::add_days(first, -1).str();
  s.timezone = p.facility.timezone;
  const LocalDate last = until.value_or(Zone::add_days(first, 366 * 2));
  if (rules::occurrence_dates(rrule, first, first, last, 1).empty())
    return Error::invalid("rrule", "gives no occurrence from the start date on");

  SB_TRY(db_.transact([&](db::Connection& tx) -> Result<void> {
    RecurringRepository::insert(tx, s, now);
    advance(tx, s, p, staff, ctx);
    parts_.events.emit(tx, SeriesCreated{s.id.str(), s.user_id, s.resource_id, s.rrule}, s.id, s.facility_id, ctx);
    return Ok{};
  }));
  return with_occurrences(std::move(s));
}

Series RecurringServiceImpl::with_occurrences(Series s) {
  db_.read([&](db::Connection& c) {
    if (s.kind == SeriesKind::block)
      s.blocks = BookingRepository::series_blocks(c, s.id);
    else
      s.occurrences = BookingRepository::series_bookings(c, s.id);
    s.conflicts = RecurringRepository::conflicts(c, s.id);
  });
  return s;
}

Result<RecurringServiceImpl::Found> RecurringServiceImpl::find(const SeriesId& series_id, bool to_change,
                                                               const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  auto s = db_.read([&](db::Connection& c) { return RecurringRepository::find(c, series_id); });
  if (!s) return Error::not_found("No such recurring booking.");
  auto facility = parts_.orgs.find_facility(organization::FacilityId{s->facility_id});
  auto resource = parts_.resources.find_priced_resource(resource::ResourceId{s->resource_id});
  auto zone = facility ? Zone::find(facility->timezone) : std::nullopt;
  if (!facility || !resource || !zone) return Error::not_found("No such recurring booking.");
  const bool staff = parts_.orgs.can(*facility, Permission::bookings_manage, ctx);
  const bool own = s->user_id == *ctx.user_id || s->created_by == *ctx.user_id;
  if (!own && !staff) {
    if (!parts_.orgs.can(*facility, Permission::facility_view, ctx))
      return Error::not_found("No such recurring booking.");
    // Who may see the series but not change it is told so, as for one booking.
    if (to_change) return Error::forbidden("Only the player or the facility's staff can change this series.");
  }
  s->timezone = facility->timezone;
  // Opening hours matter only to a change, which may place occurrences anew.
  auto hours = to_change ? parts_.orgs.hours_of(facility->id) : organization::OperatingHours{};
  return Found{std::move(*s),
               Place{*facility, std::move(resource->resource), *zone, std::move(hours),
                     resource->pricing_in(facility->currency)},
               staff};
}

Result<std::optional<Booking>> RecurringServiceImpl::anchor_of(const Series& s, const std::string& scope,
                                                               const std::optional<BookingId>& booking_id) {
  if (!is_scope(scope)) return Error::invalid("scope", "must be this, following or all");
  if (scope == "all") return std::optional<Booking>{};
  if (!booking_id) return Error::invalid("booking_id", "names the occurrence for this and following");
  auto b = db_.read([&](db::Connection& c) { return BookingRepository::booking(c, *booking_id); });
  if (!b || b->series_id != s.id) return Error::invalid("booking_id", "is not an occurrence of this series");
  return b;
}

Result<Series> RecurringServiceImpl::get(const SeriesId& series_id, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(Found f, find(series_id, false, ctx));
  return with_occurrences(std::move(f.series));
}

Result<RecurringServiceImpl::Changed> RecurringServiceImpl::changed_template(const Series& s, const Place& p,
                                                                             const SeriesChange& c,
                                                                             const Context& ctx) {
  Changed out{s, p};
  if (c.resource_id) {
    SB_ASSIGN_OR_RETURN(out.place, parts_.places.place_of(*c.resource_id, ctx));
    if (out.place.facility.id.str() != s.facility_id)
      return Error::invalid("resource_id", "is not a resource of this facility");
    if (out.place.resource.status != resource::ResourceStatus::active)
      return Error::rule_violation("resource-inactive", "This resource is not bookable.");
    out.series.resource_id = out.place.resource.id.str();
  }
  if (c.start && c.scope != "this") {
    out.series.start_minute = p.zone.minute_of_day(*c.start);
    out.series.duration_minutes = static_cast<int>((*c.end - *c.start).count() / 60);
  }
  if (c.note) out.series.note = *c.note;
  return out;
}

Result<Series> RecurringServiceImpl::preview_change(Series s, const Place& p, bool staff,
                                                    const std::optional<Booking>& anchor, const SeriesChange& c,
                                                    const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto changed, changed_template(s, p, c, ctx));
  Series& next = changed.series;
  Place& to = changed.place;
  const std::string from_date = anchor ? *anchor->series_date : s.first_date;
  const Instant now = clock_.now();
  std::vector<Booking> moved;
  std::vector<SeriesConflict> clashes;
  // The change's own claims, in a transaction that is always rolled back.
  const Error kRollback = Error::conflict("dry-run", "nothing is written");
  auto tried = ClaimsLedger::write([&] {
    return db_.transact([&](db::Connection& tx) -> Result<void> {
      std::vector<Booking> moving;
      for (auto& b : BookingRepository::series_bookings(tx, s.id))
        if (b.status == BookingStatus::confirmed && b.start > now &&
            (c.scope == "this" ? b.id == anchor->id : *b.series_date >= from_date))
          moving.push_back(std::move(b));
      for (const auto& b : moving) parts_.ledger.release(tx, b.id);
      for (auto& b : moving) {
        if (c.scope == "this") {
          if (c.start) std::tie(b.start, b.end) = std::pair{*c.start, *c.end};
        } else {
          std::tie(b.start, b.end) = times_on(next, to.zone, *LocalDate::parse(*b.series_date));
        }
        b.resource_id = to.resource.id.str();
        if (!staff) {
          auto allowed = rules::check_player_slot(to.facility.policies, to.hours, to.zone, b.start, b.end, now);
          if (!allowed.ok())
            return Error::rule_violation(allowed.error().rule, *b.series_date + ": " + allowed.error().detail);
        }
        if (!parts_.ledger.claim(tx, to, b.start, b.end, b.id, std::nullopt, ctx).ok())
          clashes.push_back({*b.series_date, b.start, b.end, "slot-unavailable", to.resource.name + " is taken then"});
        if (c.note) b.note = *c.note;
        moved.push_back(b);
      }
      return kRollback;
    });
  });
  if (!tried.ok() && !(tried.error().code == kRollback.code && tried.error().rule == kRollback.rule))
    return tried.error();
  Series out = with_occurrences(std::move(next));
  for (auto& o : out.occurrences)
    for (const auto& m : moved)
      if (o.id == m.id) o = m;
  out.conflicts = std::move(clashes);
  return out;
}

Result<Series> RecurringServiceImpl::change(const SeriesId& series_id, const SeriesChange& c, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(Found f, find(series_id, true, ctx));
  auto& [s, p, staff] = f;
  if (s.kind != SeriesKind::booking) return Error::not_found("No such recurring booking.");
  if (s.status == SeriesStatus::cancelled) return Error::conflict("series-cancelled", "This series was cancelled.");
  if (c.start.has_value() != c.end.has_value()) return Error::invalid(c.start ? "end" : "start", "is needed too");
  if (!c.start && !c.resource_id && !c.note)
    return Error::invalid("start", "nothing to change: send start and end, resource_id or note");

  SB_ASSIGN_OR_RETURN(auto anchor, anchor_of(s, c.scope, c.booking_id));
  if (c.dry_run) return preview_change(s, p, staff, anchor, c, ctx);
  if (c.scope == "this") {
    if (c.start) {
      RescheduleRequest move{*c.start, *c.end, c.resource_id};
      SB_TRY(parts_.lifecycle.reschedule(anchor->id, move, ctx));
    } else if (c.resource_id) {
      RescheduleRequest move{anchor->start, anchor->end, c.resource_id};
      SB_TRY(parts_.lifecycle.reschedule(anchor->id, move, ctx));
    }
    if (c.note)
      db_.transact([&](db::Connection& tx) { BookingRepository::set_note(tx, anchor->id, *c.note, clock_.now()); });
    return with_occurrences(std::move(s));
  }

  // following / all: a new template for every occurrence still to come.
  SB_ASSIGN_OR_RETURN(auto changed, changed_template(s, p, c, ctx));
  Series& next = changed.series;
  Place& to = changed.place;
  const std::string from_date = anchor ? *anchor->series_date : s.first_date;
  const Instant now = clock_.now();
  SB_TRY(ClaimsLedger::write([&] {
    return db_.transact([&](db::Connection& tx) -> Result<void> {
      std::vector<Booking> moving;
      for (auto& b : BookingRepository::series_bookings(tx, s.id))
        if (b.status == BookingStatus::confirmed && *b.series_date >= from_date && b.start > now)
          moving.push_back(std::move(b));
      // Let every old slot go first so that the occurrences may trade places among themselves.
      for (const auto& b : moving) parts_.ledger.release(tx, b.id);
      std::vector<std::string> clashes;
      const auto price = parts_.places.pricer_for(to, s.user_id);
      for (auto& b : moving) {
        const Booking before = b;
        std::tie(b.start, b.end) = times_on(next, to.zone, *LocalDate::parse(*b.series_date));
        b.resource_id = to.resource.id.str();
        if (!staff) {
          auto allowed = rules::check_player_slot(to.facility.policies, to.hours, to.zone, b.start, b.end, now);
          if (!allowed.ok())
            return Error::rule_violation(allowed.error().rule, *b.series_date + ": " + allowed.error().detail);
        }
        if (!parts_.ledger.claim(tx, to, b.start, b.end, b.id, std::nullopt, ctx).ok()) {
          clashes.push_back(*b.series_date);
          continue;
        }
        b.price = before.price.amount == 0 ? before.price : price(b.start, b.end);
        BookingRepository::move(tx, b, now, rules::no_show_at(b, to.facility.policies));
        if (c.note) BookingRepository::set_note(tx, b.id, *c.note, now);
        parts_.lifecycle.schedule_approval(tx, b, to.facility.policies);
        parts_.events.emit(
            tx,
            BookingRescheduled{
                b.id.str(), b.resource_id, b.start, b.end, {before.resource_id, before.start, before.end}, s.id.str()},
            b.id, b.facility_id, ctx);
      }
      if (!clashes.empty())
        return Error::conflict("series-conflict", std::to_string(clashes.size()) +
                                                      " occurrences would clash with other bookings, so nothing "
                                                      "moved: " +
                                                      listed(clashes) + ".");
      RecurringRepository::update(tx, next, now);
      // Dates that clashed before may be free at the new time.
      std::vector<LocalDate> retry;
      for (const auto& conflict : RecurringRepository::take_conflicts_from(tx, s.id, from_date))
        retry.push_back(*LocalDate::parse(conflict.date));
      materialize(tx, next, to, staff, retry, ctx);
      parts_.events.emit(tx, SeriesChanged{s.id.str(), c.scope, from_date, static_cast<std::int64_t>(moving.size())},
                         s.id, s.facility_id, ctx);
      return Ok{};
    });
  }));
  return with_occurrences(std::move(next));
}

Result<Series> RecurringServiceImpl::cancel(const SeriesId& series_id, const SeriesCancel& c, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(Found f, find(series_id, true, ctx));
  auto& [s, p, staff] = f;
  if (s.kind != SeriesKind::booking) return Error::not_found("No such recurring booking.");
  if (c.full_refund && !staff) return Error::invalid("full_refund", "only staff can waive the cancellation policy");
  SB_ASSIGN_OR_RETURN(auto anchor, anchor_of(s, c.scope, c.booking_id));
  if (c.scope == "this") {
    SB_TRY(parts_.lifecycle.cancel(anchor->id, c.reason, c.full_refund, ctx));
    return with_occurrences(std::move(s));
  }
  if (s.status == SeriesStatus::cancelled)
    return Error::conflict("series-cancelled", "This series was cancelled already.");
  const std::string from_date = anchor ? *anchor->series_date : s.first_date;
  const Instant now = clock_.now();
  SB_TRY(db_.transact([&](db::Connection& tx) -> Result<void> {
    std::vector<BookingId> cancelled;
    for (auto& b : BookingRepository::series_bookings(tx, s.id)) {
      if (b.status != BookingStatus::confirmed || *b.series_date < from_date || b.start <= now) continue;
      const double hours_notice = std::chrono::duration<double>(b.start - now).count() / 3600.0;
      int percent = rules::refund_percent(p.facility.policies.cancellation, hours_notice);
      if (b.approval_status == ApprovalStatus::pending || c.full_refund) percent = 100;
      Refund refund = rules::settle(b, percent, c.reason, *ctx.user_id);
      SB_TRY(parts_.lifecycle.cancel_in(
          tx, b, refund, staff && b.user_id != *ctx.user_id ? CancelCause::staff : CancelCause::player, ctx));
      cancelled.push_back(b.id);
    }
    if (c.scope == "all" || from_date <= s.first_date) {
      s.status = SeriesStatus::cancelled;
    } else {
      s.status = SeriesStatus::ended;
      s.until_date = Zone::add_days(*LocalDate::parse(from_date), -1).str();
    }
    RecurringRepository::take_conflicts_from(tx, s.id, from_date);
    RecurringRepository::update(tx, s, now);
    parts_.events.emit(tx, SeriesCancelled{s.id.str(), c.scope, from_date, s.user_id, strs(cancelled)}, s.id,
                       s.facility_id, ctx);
    return Ok{};
  }));
  return with_occurrences(std::move(s));
}

Result<Series> RecurringServiceImpl::create_blocks(const BlockSeriesRequest& r, const Context& ctx) {
  std::optional<db::Database::ReadScope> snapshot(std::in_place, db_);
  SB_ASSIGN_OR_RETURN(Place p, parts_.places.managed_place(r.resource_id, ctx));
  snapshot.reset();
  const std::pair<Instant, Instant> range{r.start, r.end};
  SB_ASSIGN_OR_RETURN(std::string rrule, rules::parse_rrule(r.rrule));
  if (r.reason.empty()) return Error::invalid("reason", "is required");
  SB_ASSIGN_OR_RETURN(const LocalDate first, first_date(p.zone, range.first));
  SB_ASSIGN_OR_RETURN(auto until, parse_until(r.until, first));
  if (!until && !rules::rrule_has_end(rrule))
    return Error::invalid("until", "is needed: a block series ends by a date or the rule's COUNT");
  const LocalDate limit = Zone::add_days(first, kBlockSeriesDays);
  const LocalDate last = until ? std::min(*until, limit) : limit;
  if (!rules::occurrence_dates(rrule, first, Zone::add_days(last, 1), until.value_or(LocalDate{2999, 12, 31}), 1)
           .empty())
    return Error::invalid("until", "a block series must end within two years");
  const auto dates = rules::occurrence_dates(rrule, first, first, last, kBlockSeriesDays);
  if (dates.empty()) return Error::invalid("rrule", "gives no occurrence from the start date on");

  const Instant now = clock_.now();
  Series s;
  s.id = SeriesId{new_id("rec")};
  s.kind = SeriesKind::block;
  s.facility_id = p.facility.id.str();
  s.resource_id = p.resource.id.str();
  s.created_by = *ctx.user_id;
  s.type = "maintenance";
  s.rrule = rrule;
  s.first_date = first.str();
  s.start_minute = p.zone.minute_of_day(range.first);
  s.duration_minutes = static_cast<int>((range.second - range.first).count() / 60);
  if (until) s.until_date = until->str();
  s.note = r.reason;
  s.status = SeriesStatus::active;
  s.materialized_through = dates.back().str();
  s.timezone = p.facility.timezone;
  SB_TRY(ClaimsLedger::write([&] {
    return db_.transact([&](db::Connection& tx) -> Result<void> {
      RecurringRepository::insert(tx, s, now);
      std::vector<std::string> clashes;
      std::string rule;
      for (LocalDate date : dates) {
        auto [start, end] = times_on(s, p.zone, date);
        if (end <= now) continue;
        Block block{BlockId{new_id("blk")},
                    p.facility.id.str(),
                    p.resource.id.str(),
                    start,
                    end,
                    r.reason,
                    *ctx.user_id,
                    {},
                    s.id,
                    date.str()};
        auto placed = in_savepoint(tx, [&] { return parts_.blocks.place_block(tx, p, block, r.force, ctx); });
        if (placed.ok()) {
          s.cancelled_bookings.insert(s.cancelled_bookings.end(), block.cancelled_bookings.begin(),
                                      block.cancelled_bookings.end());
          continue;
        }
        if (placed.error().code != ErrorCode::conflict) return placed.take_error();
        clashes.push_back(date.str());
        if (rule.empty() || placed.error().rule == "block-overlaps-block") rule = placed.error().rule;
      }
      if (!clashes.empty())
        return Error::conflict(rule, "Holds, bookings or blocks are in the way on " + listed(clashes) +
                                         (rule == "block-overlaps-block"
                                              ? "."
                                              : "; send \"force\": true to cancel the bookings with a full refund."));
      return Ok{};
    });
  }));
  return with_occurrences(std::move(s));
}

Result<void> RecurringServiceImpl::remove_blocks(const BlockId& block_id, const std::string& scope,
                                                 const Context& ctx) {
  if (scope.empty() || scope == "this") return parts_.blocks.remove_block(block_id, ctx);
  if (!is_scope(scope)) return Error::invalid("scope", "must be this, following or all");
  auto block = db_.read([&](db::Connection& c) { return BookingRepository::block(c, block_id); });
  if (!block) return Error::not_found("No such block.");
  SB_TRY(parts_.places.facility_as(block->facility_id, Permission::bookings_manage, ctx, "No such block."));
  if (!block->series_id) return Error::invalid("scope", "this block is not part of a series");
  const Instant now = clock_.now();
  return db_.transact([&](db::Connection& tx) -> Result<void> {
    auto s = RecurringRepository::find(tx, *block->series_id);
    for (const auto& b : BookingRepository::series_blocks(tx, *block->series_id)) {
      if (scope == "following" ? *b.series_date < *block->series_date : b.end <= now) continue;
      if (!BookingRepository::remove_block(tx, b.id)) continue;
      parts_.ledger.release(tx, b.id);
      parts_.events.emit(tx, BlockRemoved{b.id.str(), b.resource_id, b.start, b.end, opt_str(block->series_id)}, b.id,
                         b.facility_id, ctx);
    }
    if (s) {
      s->status = scope == "all" ? SeriesStatus::cancelled : SeriesStatus::ended;
      RecurringRepository::update(tx, *s, now);
    }
    return Ok{};
  });
}

void RecurringServiceImpl::extend(const SeriesId& series_id) {
  db_.transact([&](db::Connection& tx) {
    auto s = RecurringRepository::find(tx, series_id);
    if (!s || s->status != SeriesStatus::active || s->kind != SeriesKind::booking) return;
    auto facility = parts_.orgs.find_facility(organization::FacilityId{s->facility_id});
    auto resource = parts_.resources.find_priced_resource(resource::ResourceId{s->resource_id});
    auto zone = facility ? Zone::find(facility->timezone) : std::nullopt;
    if (!facility || !resource || !zone) return;
    const Place p{*facility, resource->resource, *zone, parts_.orgs.hours_of(facility->id),
                  resource->pricing_in(facility->currency)};
    // The series books as the one who made it: staff rules while they are still staff.
    const Context ctx{s->created_by, "series:" + s->id.str(), ""};
    advance(tx, *s, p, parts_.orgs.can(*facility, Permission::bookings_manage, ctx), ctx);
  });
}

}  // namespace slotbase::booking
