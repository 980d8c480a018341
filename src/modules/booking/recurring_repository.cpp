#include "recurring_repository.h"
#include "platform/db/query_as.h"

namespace slotbase::booking {
namespace {

constexpr std::string_view kInsert = R"sql(
INSERT INTO recurring_series (id, kind, facility_id, resource_id, user_id, created_by, type, rrule, first_date,
                              start_minute, duration_minutes, until_date, note, status, materialized_through,
                              created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16))sql";
constexpr std::string_view kFind = R"sql(
SELECT id, kind, facility_id, resource_id, user_id, created_by, type, rrule, first_date, start_minute,
       duration_minutes, until_date, note, status, materialized_through
FROM recurring_series WHERE id = $1)sql";
constexpr std::string_view kUpdate = R"sql(
UPDATE recurring_series SET resource_id = $2, start_minute = $3, duration_minutes = $4, until_date = $5, note = $6,
  status = $7, materialized_through = $8, updated_at = $9
WHERE id = $1)sql";
constexpr std::string_view kConflicts = R"sql(
SELECT occurrence_date, start_at, end_at, rule, detail FROM recurring_conflicts
WHERE series_id = $1 ORDER BY occurrence_date)sql";
constexpr std::string_view kConflictsFrom = R"sql(
SELECT occurrence_date, start_at, end_at, rule, detail FROM recurring_conflicts
WHERE series_id = $1 AND occurrence_date >= $2 ORDER BY occurrence_date)sql";
constexpr std::string_view kDeleteConflictsFrom = R"sql(
DELETE FROM recurring_conflicts WHERE series_id = $1 AND occurrence_date >= $2)sql";
constexpr std::string_view kRecordConflict = R"sql(
INSERT INTO recurring_conflicts (series_id, occurrence_date, start_at, end_at, rule, detail)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (series_id, occurrence_date) DO UPDATE
SET start_at = excluded.start_at, end_at = excluded.end_at, rule = excluded.rule, detail = excluded.detail)sql";

SeriesConflict conflict_from(const db::Row& r) {
  return {r.text(0), from_epoch_seconds(r.i64(1)), from_epoch_seconds(r.i64(2)), r.text(3), r.text(4)};
}

std::vector<SeriesConflict> conflicts_of(db::Connection& c, std::string_view sql, const db::Params& params) {
  return db::query_as(c, sql, params, conflict_from);
}

}  // namespace

void RecurringRepository::insert(db::Connection& c, const Series& s, Instant now) {
  c.execute(kInsert, {s.id.str(), str(s.kind), s.facility_id, s.resource_id, s.user_id, s.created_by, s.type, s.rrule,
                      s.first_date, std::int64_t{s.start_minute}, std::int64_t{s.duration_minutes},
                      db::opt(s.until_date), s.note, str(s.status), s.materialized_through, epoch_seconds(now)});
}

std::optional<Series> RecurringRepository::find(db::Connection& c, const SeriesId& id) {
  auto r = c.query_one(kFind, {id.str()});
  if (!r) return std::nullopt;
  Series s;
  s.id = SeriesId{r->text(0)};
  s.kind = enum_at<SeriesKind>(r->text(1));
  s.facility_id = r->text(2);
  s.resource_id = r->text(3);
  s.user_id = r->text(4);
  s.created_by = r->text(5);
  s.type = r->text(6);
  s.rrule = r->text(7);
  s.first_date = r->text(8);
  s.start_minute = static_cast<int>(r->i64(9));
  s.duration_minutes = static_cast<int>(r->i64(10));
  s.until_date = r->opt_text(11);
  s.note = r->text(12);
  s.status = enum_at<SeriesStatus>(r->text(13));
  s.materialized_through = r->text(14);
  return s;
}

void RecurringRepository::update(db::Connection& c, const Series& s, Instant now) {
  c.execute(kUpdate, {s.id.str(), s.resource_id, std::int64_t{s.start_minute}, std::int64_t{s.duration_minutes},
                      db::opt(s.until_date), s.note, str(s.status), s.materialized_through, epoch_seconds(now)});
}

std::vector<SeriesConflict> RecurringRepository::conflicts(db::Connection& c, const SeriesId& series_id) {
  return conflicts_of(c, kConflicts, {series_id.str()});
}

void RecurringRepository::record_conflict(db::Connection& c, const SeriesId& series_id,
                                          const SeriesConflict& conflict) {
  c.execute(kRecordConflict, {series_id.str(), conflict.date, epoch_seconds(conflict.start),
                              epoch_seconds(conflict.end), conflict.rule, conflict.detail});
}

std::vector<SeriesConflict> RecurringRepository::take_conflicts_from(db::Connection& c, const SeriesId& series_id,
                                                                     const std::string& date) {
  auto out = conflicts_of(c, kConflictsFrom, {series_id.str(), date});
  c.execute(kDeleteConflictsFrom, {series_id.str(), date});
  return out;
}

}  // namespace slotbase::booking
