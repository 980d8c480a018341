#include "booking_repository.h"

#include <stdexcept>

#include "platform/db/query_as.h"

namespace slotbase::booking {
namespace {

// Claims overlapping [$2, $3) all start in [$2 - kLongestClaim, $3): the queries below bound
// their index range scan from below with $5 = $2 - kLongestClaim, so they read about a day of
// claims however long the history. `active` stands outside any subquery so that PostgreSQL
// re-checks it on a row another transaction has just changed.
constexpr std::string_view kExpireOverlappingClaims = R"sql(
UPDATE resource_claims SET active = FALSE
WHERE resource_id = $1 AND active AND start_at >= $5 AND start_at < $3 AND end_at > $2
  AND kind = 'hold' AND expires_at <= $4
RETURNING owner_id)sql";
constexpr std::string_view kOverlap = R"sql(
SELECT kind FROM resource_claims
WHERE resource_id = $1 AND active AND start_at >= $5 AND start_at < $3 AND end_at > $2
  AND (expires_at IS NULL OR expires_at > $4)
LIMIT 1)sql";
constexpr std::string_view kInsertClaim = R"sql(
INSERT INTO resource_claims (facility_id, resource_id, start_at, end_at, kind, owner_id, expires_at, active)
VALUES ($1, $2, $3, $4, $5, $6, $7, TRUE))sql";
constexpr std::string_view kConvertClaim = R"sql(
UPDATE resource_claims SET kind = 'booking', owner_id = $2, expires_at = NULL WHERE owner_id = $1 AND active)sql";
constexpr std::string_view kReleaseClaim = "UPDATE resource_claims SET active = FALSE WHERE owner_id = $1 AND active";
constexpr std::string_view kFacilityClaims = R"sql(
SELECT resource_id, start_at, end_at, kind, expires_at FROM resource_claims
WHERE facility_id = $1 AND active AND start_at >= $5 AND start_at < $3 AND end_at > $2
  AND (expires_at IS NULL OR expires_at > $4)
ORDER BY resource_id, start_at)sql";

constexpr std::string_view kInsertHold = R"sql(
INSERT INTO holds (id, facility_id, resource_id, user_id, booked_by, type, start_at, end_at, expires_at, status,
                   price_amount, currency, created_at, offer)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'active', $10, $11, $12, $13))sql";
constexpr std::string_view kHold = R"sql(
SELECT id, facility_id, resource_id, user_id, booked_by, type, start_at, end_at, expires_at, status, price_amount,
       currency, booking_id, offer
FROM holds WHERE id = $1)sql";
constexpr std::string_view kFinishHold = R"sql(
UPDATE holds SET status = $2, booking_id = $3 WHERE id = $1 AND status = 'active')sql";
constexpr std::string_view kConvertHold = R"sql(
UPDATE holds SET status = 'converted', booking_id = $2 WHERE id = $1 AND status = 'active' AND expires_at > $3)sql";
constexpr std::string_view kAnyLapsedHold = "SELECT 1 FROM holds WHERE status = 'active' AND expires_at <= $1 LIMIT 1";
constexpr std::string_view kLapsedHolds = R"sql(
SELECT id, facility_id, resource_id, user_id, booked_by, type, start_at, end_at, expires_at, status, price_amount,
       currency, booking_id, offer
FROM holds WHERE status = 'active' AND expires_at <= $1 ORDER BY expires_at LIMIT $2)sql";
// The live holds over a facility's time: bounded by holds_lapsing (expires_at, active only), which
// holds no more than the few minutes' holds not yet lapsed.
constexpr std::string_view kLiveFacilityHolds = R"sql(
SELECT id, facility_id, resource_id, user_id, booked_by, type, start_at, end_at, expires_at, status, price_amount,
       currency, booking_id, offer
FROM holds WHERE status = 'active' AND expires_at > $4 AND facility_id = $1 AND start_at < $3 AND end_at > $2
ORDER BY start_at, resource_id, id)sql";
constexpr std::string_view kExpireHold = R"sql(
UPDATE holds SET status = 'expired' WHERE id = $1 AND status = 'active' AND expires_at <= $2)sql";

constexpr std::string_view kInsertBooking = R"sql(
INSERT INTO bookings (id, facility_id, resource_id, user_id, created_by, type, start_at, end_at, status,
                      approval_status, payment_status, payment_method, price_amount, currency, note, created_at,
                      updated_at, series_id, series_date, no_show_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17, $18, $19))sql";
// Every query that reads whole bookings selects these, in this order (booking_from).
#define SB_BOOKING_COLUMNS                                                                                      \
  "SELECT id, facility_id, resource_id, user_id, created_by, type, start_at, end_at, status, approval_status, " \
  "payment_status, payment_method, price_amount, currency, note, cancel_reason, cancelled_by, refund_amount, "  \
  "created_at, series_id, series_date "
constexpr std::string_view kBooking = SB_BOOKING_COLUMNS R"sql(
FROM bookings WHERE id = $1)sql";
constexpr std::string_view kUserBookings = SB_BOOKING_COLUMNS R"sql(
FROM bookings
WHERE user_id = $1 AND ($2 = '' OR status = $2) AND (start_at > $3 OR (start_at = $3 AND id > $4))
ORDER BY start_at, id LIMIT $5)sql";
// The staff's lists: bookings_facility_start walks the facility's bookings by start from
// $12 = $2 - kLongestClaim (or the cursor) on; an empty filter ('') lets every value through.
constexpr std::string_view kFacilityBookings = SB_BOOKING_COLUMNS R"sql(
FROM bookings
WHERE facility_id = $1 AND start_at >= $12 AND start_at < $3 AND end_at > $2
  AND ($4 = '' OR resource_id = $4) AND ($5 = '' OR status = $5) AND ($6 = '' OR approval_status = $6)
  AND ($7 = '' OR payment_status = $7) AND ($8 = '' OR type = $8)
  AND (start_at > $9 OR (start_at = $9 AND id > $10))
ORDER BY start_at, id LIMIT $11)sql";
constexpr std::string_view kPaidBookings = SB_BOOKING_COLUMNS R"sql(
FROM bookings WHERE facility_id = $1 AND payment_status = 'paid' AND created_at >= $2 ORDER BY created_at, id
LIMIT 1000)sql";
constexpr std::string_view kSeriesBookings = SB_BOOKING_COLUMNS R"sql(
FROM bookings WHERE series_id = $1 ORDER BY series_date, start_at)sql";
constexpr std::string_view kSetNote = "UPDATE bookings SET note = $2, updated_at = $3 WHERE id = $1";
constexpr std::string_view kSetPaymentStatus =
    "UPDATE bookings SET payment_status = $2, updated_at = $3 WHERE id = $1 AND payment_status <> $2";
constexpr std::string_view kKeepHold = R"sql(
UPDATE holds SET expires_at = $2 WHERE id = $1 AND status = 'active' AND expires_at > $3 AND expires_at < $2)sql";
constexpr std::string_view kKeepHoldClaim = R"sql(
UPDATE resource_claims SET expires_at = $2 WHERE owner_id = $1 AND active AND kind = 'hold')sql";
constexpr std::string_view kLiveHold = "SELECT 1 FROM holds WHERE id = $1 AND status = 'active' AND expires_at > $2";
constexpr std::string_view kCancelBooking = R"sql(
UPDATE bookings SET status = 'cancelled', payment_status = $2, cancel_reason = $3, cancelled_by = $4,
  refund_amount = $5, cancelled_at = $6, updated_at = $6
WHERE id = $1 AND status = 'confirmed')sql";
constexpr std::string_view kActiveBookings = R"sql(
SELECT COUNT(*) FROM bookings WHERE user_id = $1 AND status IN ('confirmed', 'checked_in') AND end_at > $2)sql";
constexpr std::string_view kActiveHolds = R"sql(
SELECT COUNT(*) FROM holds WHERE user_id = $1 AND status = 'active' AND expires_at > $2)sql";

constexpr std::string_view kCheckIn = R"sql(
UPDATE bookings SET status = 'checked_in', checked_in_at = $2, updated_at = $2
WHERE id = $1 AND status = 'confirmed' AND approval_status IN ('not_required', 'approved', 'auto_approved'))sql";
constexpr std::string_view kNoShow = R"sql(
UPDATE bookings SET status = 'no_show', no_show_fee = $2, updated_at = $3 WHERE id = $1 AND status = 'confirmed')sql";
constexpr std::string_view kComplete = R"sql(
UPDATE bookings SET status = 'completed', updated_at = $2 WHERE id = $1 AND status IN ('confirmed', 'checked_in'))sql";
constexpr std::string_view kSetApproval = R"sql(
UPDATE bookings SET approval_status = $2, updated_at = $3
WHERE id = $1 AND approval_status = 'pending' AND status = 'confirmed')sql";
constexpr std::string_view kMove = R"sql(
UPDATE bookings SET resource_id = $2, start_at = $3, end_at = $4, price_amount = $5, updated_at = $6, no_show_at = $7
WHERE id = $1 AND status = 'confirmed')sql";
// The worker's sweeps: each walks its partial index (migration 0010) from the earliest entry, and
// its conditions repeat the index's own so that SQLite, too, sees that the index applies.
constexpr std::string_view kLifecycleDue = R"sql(
SELECT (SELECT MIN(no_show_at) FROM bookings WHERE status = 'confirmed' AND no_show_at IS NOT NULL),
       (SELECT MIN(end_at) FROM bookings WHERE status IN ('confirmed', 'checked_in')))sql";
#define SB_NO_SHOWS_DUE                                                                       \
  SB_BOOKING_COLUMNS                                                                          \
  "FROM bookings WHERE status = 'confirmed' AND no_show_at IS NOT NULL AND no_show_at <= $1 " \
  "ORDER BY no_show_at LIMIT $2"
#define SB_COMPLETIONS_DUE                                                                      \
  SB_BOOKING_COLUMNS                                                                            \
  "FROM bookings WHERE status IN ('confirmed', 'checked_in') AND end_at <= $1 ORDER BY end_at " \
  "LIMIT $2"
// On PostgreSQL the workers of several instances sweep at once: each takes the rows no other holds.
constexpr std::string_view kNoShowsDue = SB_NO_SHOWS_DUE;
constexpr std::string_view kNoShowsDuePg = SB_NO_SHOWS_DUE " FOR UPDATE SKIP LOCKED";
constexpr std::string_view kCompletionsDue = SB_COMPLETIONS_DUE;
constexpr std::string_view kCompletionsDuePg = SB_COMPLETIONS_DUE " FOR UPDATE SKIP LOCKED";
#undef SB_NO_SHOWS_DUE
#undef SB_COMPLETIONS_DUE
constexpr std::string_view kClaimsOn = R"sql(
SELECT kind, owner_id FROM resource_claims
WHERE resource_id = $1 AND active AND start_at >= $5 AND start_at < $3 AND end_at > $2
  AND (expires_at IS NULL OR expires_at > $4)
ORDER BY start_at)sql";
constexpr std::string_view kInsertBlock = R"sql(
INSERT INTO blocks (id, facility_id, resource_id, start_at, end_at, reason, created_by, status, created_at, series_id,
                    series_date)
VALUES ($1, $2, $3, $4, $5, $6, $7, 'active', $8, $9, $10))sql";
constexpr std::string_view kBlock = R"sql(
SELECT id, facility_id, resource_id, start_at, end_at, reason, created_by, series_id, series_date FROM blocks
WHERE id = $1 AND status = 'active')sql";
constexpr std::string_view kBlocksOf = R"sql(
SELECT id, facility_id, resource_id, start_at, end_at, reason, created_by, series_id, series_date FROM blocks
WHERE resource_id = $1 AND status = 'active' AND end_at > $2 ORDER BY start_at)sql";
// Blocks, like claims, last at most kLongestClaim: $4 bounds the index scan from below.
constexpr std::string_view kFacilityBlocks = R"sql(
SELECT id, facility_id, resource_id, start_at, end_at, reason, created_by, series_id, series_date FROM blocks
WHERE facility_id = $1 AND status = 'active' AND start_at >= $4 AND start_at < $3 AND end_at > $2
ORDER BY start_at, resource_id, id)sql";
constexpr std::string_view kSeriesBlocks = R"sql(
SELECT id, facility_id, resource_id, start_at, end_at, reason, created_by, series_id, series_date FROM blocks
WHERE series_id = $1 AND status = 'active' ORDER BY series_date)sql";
constexpr std::string_view kRemoveBlock = "UPDATE blocks SET status = 'removed' WHERE id = $1 AND status = 'active'";

constexpr std::string_view kInsertEntry = R"sql(
INSERT INTO waitlist_entries (id, facility_id, resource_id, user_id, start_at, end_at, status, created_at)
VALUES ($1, $2, $3, $4, $5, $6, 'waiting', $7))sql";
constexpr std::string_view kEntry = R"sql(
SELECT id, facility_id, resource_id, user_id, start_at, end_at, status, hold_id, claim_deadline, created_at
FROM waitlist_entries WHERE id = $1)sql";
constexpr std::string_view kUserEntries = R"sql(
SELECT id, facility_id, resource_id, user_id, start_at, end_at, status, hold_id, claim_deadline, created_at
FROM waitlist_entries WHERE user_id = $1 ORDER BY start_at, id)sql";
constexpr std::string_view kOpenEntry = R"sql(
SELECT 1 FROM waitlist_entries WHERE user_id = $1 AND resource_id = $2 AND start_at = $3 AND end_at = $4
  AND status IN ('waiting', 'notified'))sql";
constexpr std::string_view kWaitingFor = R"sql(
SELECT id, facility_id, resource_id, user_id, start_at, end_at, status, hold_id, claim_deadline, created_at
FROM waitlist_entries
WHERE resource_id = $1 AND status = 'waiting' AND start_at < $3 AND end_at > $2 AND start_at > $4
ORDER BY position)sql";
constexpr std::string_view kNotifyEntry = R"sql(
UPDATE waitlist_entries SET status = 'notified', hold_id = $2, claim_deadline = $3
WHERE id = $1 AND status = 'waiting')sql";
constexpr std::string_view kSettleOffer = R"sql(
UPDATE waitlist_entries SET status = $2 WHERE hold_id = $1 AND status = 'notified')sql";
constexpr std::string_view kCancelEntry = R"sql(
UPDATE waitlist_entries SET status = 'cancelled' WHERE id = $1 AND status IN ('waiting', 'notified'))sql";

/// An id bound as its text, or NULL.
template <class Tag>
db::Param opt_param(const std::optional<Id<Tag>>& id) {
  return db::opt(opt_str(id));
}

/// The owner of a claim of `kind`.
ClaimOwner owner_of(const std::string& kind, std::string owner_id) {
  if (kind == "hold") return HoldId{std::move(owner_id)};
  if (kind == "block") return BlockId{std::move(owner_id)};
  return BookingId{std::move(owner_id)};
}

WaitlistEntry entry_from(const db::Row& r) {
  WaitlistEntry e;
  e.id = WaitlistEntryId{r.text(0)};
  e.facility_id = r.text(1);
  e.resource_id = r.text(2);
  e.user_id = r.text(3);
  e.start = from_epoch_seconds(r.i64(4));
  e.end = from_epoch_seconds(r.i64(5));
  e.status = enum_at<WaitlistStatus>(r.text(6));
  e.hold_id = opt_id<HoldId>(r.opt_text(7));
  if (auto d = r.opt_i64(8)) e.claim_deadline = from_epoch_seconds(*d);
  e.created_at = from_epoch_seconds(r.i64(9));
  return e;
}

Block block_from(const db::Row& r) {
  Block b{BlockId{r.text(0)},
          r.text(1),
          r.text(2),
          from_epoch_seconds(r.i64(3)),
          from_epoch_seconds(r.i64(4)),
          r.text(5),
          r.text(6),
          {},
          {},
          {}};
  b.series_id = opt_id<SeriesId>(r.opt_text(7));
  b.series_date = r.opt_text(8);
  return b;
}

Booking booking_from(const db::Row& r) {
  Booking b;
  b.id = BookingId{r.text(0)};
  b.facility_id = r.text(1);
  b.resource_id = r.text(2);
  b.user_id = r.text(3);
  b.created_by = r.text(4);
  b.type = r.text(5);
  b.start = from_epoch_seconds(r.i64(6));
  b.end = from_epoch_seconds(r.i64(7));
  b.status = enum_at<BookingStatus>(r.text(8));
  b.approval_status = enum_at<ApprovalStatus>(r.text(9));
  b.payment_status = enum_at<PaymentStatus>(r.text(10));
  b.payment_method = enum_at<PaymentMethod>(r.text(11));
  b.price = {r.i64(12), r.text(13)};
  b.note = r.text(14);
  b.cancel_reason = r.opt_text(15);
  b.cancelled_by = r.opt_text(16);
  b.refund_amount = r.opt_i64(17);
  b.created_at = from_epoch_seconds(r.i64(18));
  b.series_id = opt_id<SeriesId>(r.opt_text(19));
  b.series_date = r.opt_text(20);
  return b;
}

// $1 the resource or facility, [$2, $3) the range, $4 now, $5 the earliest start that can reach
// into the range.
db::Params overlap_params(const std::string& owner, Instant start, Instant end, Instant now) {
  return {owner, epoch_seconds(start), epoch_seconds(end), epoch_seconds(now), epoch_seconds(start - kLongestClaim)};
}
}  // namespace

std::vector<HoldId> BookingRepository::expire_overlapping_holds(db::Connection& c, const std::string& resource_id,
                                                                Instant start, Instant end, Instant now) {
  std::vector<HoldId> ids;
  for (const auto& r : c.query(kExpireOverlappingClaims, overlap_params(resource_id, start, end, now))) {
    // Reported only if this transaction is the one that expired it (see expire_lapsed_holds).
    if (c.execute(kExpireHold, {r.text(0), epoch_seconds(now)}) == 1) ids.push_back(HoldId{r.text(0)});
  }
  return ids;
}

std::optional<std::string> BookingRepository::overlapping_claim(db::Connection& c, const std::string& resource_id,
                                                                Instant start, Instant end, Instant now) {
  auto r = c.query_one(kOverlap, overlap_params(resource_id, start, end, now));
  if (!r) return std::nullopt;
  return r->text(0);
}

void BookingRepository::take_turns_on(db::Connection& c, const std::string& resource_id) {
  // Sent with the overlap check that follows, ahead of it; a hash collision only adds a wait.
  if (c.dialect() == db::Dialect::postgres)
    c.execute_later("SELECT pg_advisory_xact_lock(hashtextextended($1, 7269834514))", {resource_id});
}

void BookingRepository::insert_claim(db::Connection& c, const std::string& facility_id, const std::string& resource_id,
                                     Instant start, Instant end, const ClaimOwner& owner,
                                     std::optional<Instant> expires_at) {
  // The overlap queries find no longer claim: every range is checked against 24 hours first.
  if (end - start > kLongestClaim) throw std::logic_error("a claim longer than kLongestClaim");
  std::optional<std::int64_t> expires;
  if (expires_at) expires = epoch_seconds(*expires_at);
  c.execute_later(kInsertClaim, {facility_id, resource_id, epoch_seconds(start), epoch_seconds(end), kind_of(owner),
                                 str_of(owner), db::opt(expires)});
}

void BookingRepository::convert_claim(db::Connection& c, const HoldId& hold_id, const BookingId& booking_id) {
  c.execute_later(kConvertClaim, {hold_id.str(), booking_id.str()});
}

void BookingRepository::release_claim(db::Connection& c, const ClaimOwner& owner) {
  c.execute_later(kReleaseClaim, {str_of(owner)});
}

std::vector<Claim> BookingRepository::facility_claims(db::Connection& c, const std::string& facility_id, Instant from,
                                                      Instant to, Instant now) {
  std::vector<Claim> out;
  for (const auto& r : c.query(kFacilityClaims, overlap_params(facility_id, from, to, now))) {
    std::optional<Instant> expires_at;
    if (auto e = r.opt_i64(4)) expires_at = from_epoch_seconds(*e);
    out.push_back({r.text(0), from_epoch_seconds(r.i64(1)), from_epoch_seconds(r.i64(2)), r.text(3), expires_at});
  }
  return out;
}

void BookingRepository::insert_hold(db::Connection& c, const Hold& h, Instant now) {
  c.execute_later(kInsertHold, {h.id.str(), h.facility_id, h.resource_id, h.user_id, h.booked_by, h.type,
                                epoch_seconds(h.start), epoch_seconds(h.end), epoch_seconds(h.expires_at),
                                h.price.amount, h.price.currency, epoch_seconds(now), h.offer});
}

namespace {
// The columns of kHold and kLapsedHolds.
Hold hold_from(const db::Row& r) {
  return Hold{HoldId{r.text(0)},
              r.text(1),
              r.text(2),
              r.text(3),
              r.text(4),
              r.text(5),
              from_epoch_seconds(r.i64(6)),
              from_epoch_seconds(r.i64(7)),
              from_epoch_seconds(r.i64(8)),
              enum_at<HoldStatus>(r.text(9)),
              {r.i64(10), r.text(11)},
              opt_id<BookingId>(r.opt_text(12)),
              r.boolean(13)};
}
}  // namespace

std::optional<Hold> BookingRepository::hold(db::Connection& c, const HoldId& id) {
  return db::query_one_as(c, kHold, {id.str()}, hold_from);
}

bool BookingRepository::any_lapsed_hold(db::Connection& c, Instant now) {
  return c.query_one(kAnyLapsedHold, {epoch_seconds(now)}).has_value();
}

std::vector<Hold> BookingRepository::live_holds(db::Connection& c, const std::string& facility_id, Instant from,
                                                Instant to, Instant now) {
  return db::query_as(c, kLiveFacilityHolds, {facility_id, epoch_seconds(from), epoch_seconds(to), epoch_seconds(now)},
                      hold_from);
}

std::vector<Hold> BookingRepository::lapsed_holds(db::Connection& c, Instant now, int limit) {
  return db::query_as(c, kLapsedHolds, {epoch_seconds(now), std::int64_t{limit}}, hold_from);
}

bool BookingRepository::finish_hold(db::Connection& c, const HoldId& id, const std::string& status,
                                    const std::optional<BookingId>& booking_id) {
  return c.execute(kFinishHold, {id.str(), status, opt_param(booking_id)}) == 1;
}

bool BookingRepository::convert_hold(db::Connection& c, const HoldId& id, const BookingId& booking_id, Instant now) {
  return c.execute(kConvertHold, {id.str(), booking_id.str(), epoch_seconds(now)}) == 1;
}

bool BookingRepository::keep_hold(db::Connection& c, const HoldId& id, Instant until, Instant now) {
  if (c.execute(kKeepHold, {id.str(), epoch_seconds(until), epoch_seconds(now)}) == 1) {
    c.execute(kKeepHoldClaim, {id.str(), epoch_seconds(until)});
    return true;
  }
  // Already kept long enough is as good as kept now.
  return c.query_one(kLiveHold, {id.str(), epoch_seconds(now)}).has_value();
}

bool BookingRepository::set_payment_status(db::Connection& c, const BookingId& id, PaymentStatus status, Instant now) {
  return c.execute(kSetPaymentStatus, {id.str(), str(status), epoch_seconds(now)}) == 1;
}

bool BookingRepository::expire_hold(db::Connection& c, const HoldId& id, Instant now) {
  return c.execute(kExpireHold, {id.str(), epoch_seconds(now)}) == 1;
}

namespace {
std::optional<std::int64_t> opt_seconds(std::optional<Instant> t) {
  if (!t) return std::nullopt;
  return epoch_seconds(*t);
}
}  // namespace

void BookingRepository::insert_booking(db::Connection& c, const Booking& b, std::optional<Instant> no_show_at) {
  c.execute_later(kInsertBooking,
                  {b.id.str(), b.facility_id, b.resource_id, b.user_id, b.created_by, b.type, epoch_seconds(b.start),
                   epoch_seconds(b.end), str(b.status), str(b.approval_status), str(b.payment_status),
                   str(b.payment_method), b.price.amount, b.price.currency, b.note, epoch_seconds(b.created_at),
                   opt_param(b.series_id), db::opt(b.series_date), db::opt(opt_seconds(no_show_at))});
}

std::optional<Booking> BookingRepository::booking(db::Connection& c, const BookingId& id) {
  return db::query_one_as(c, kBooking, {id.str()}, booking_from);
}

std::vector<Booking> BookingRepository::user_bookings(db::Connection& c, const std::string& user_id,
                                                      const std::optional<std::string>& status, Instant after_start,
                                                      const BookingId& after_id, int limit) {
  return db::query_as(c, kUserBookings,
                      {user_id, status.value_or(""), epoch_seconds(after_start), after_id.str(), std::int64_t{limit}},
                      booking_from);
}

std::vector<Booking> BookingRepository::paid_bookings(db::Connection& c, const std::string& facility_id,
                                                      Instant since) {
  return db::query_as(c, kPaidBookings, {facility_id, epoch_seconds(since)}, booking_from);
}

std::vector<Booking> BookingRepository::facility_bookings(db::Connection& c, const FacilityBookingSelection& s) {
  return db::query_as(c, kFacilityBookings,
                      {s.facility_id, epoch_seconds(s.from), epoch_seconds(s.to), s.resource_id, s.status,
                       s.approval_status, s.payment_status, s.type, epoch_seconds(s.after_start), s.after_id.str(),
                       s.limit, epoch_seconds(s.from - kLongestClaim)},
                      booking_from);
}

bool BookingRepository::cancel_booking(db::Connection& c, const Booking& b, Instant now) {
  return c.execute(kCancelBooking, {b.id.str(), str(b.payment_status), db::opt(b.cancel_reason),
                                    db::opt(b.cancelled_by), db::opt(b.refund_amount), epoch_seconds(now)}) == 1;
}

std::int64_t BookingRepository::active_count(db::Connection& c, const std::string& user_id, Instant now) {
  return c.query_one(kActiveBookings, {user_id, epoch_seconds(now)})->i64(0) +
         c.query_one(kActiveHolds, {user_id, epoch_seconds(now)})->i64(0);
}

bool BookingRepository::check_in(db::Connection& c, const BookingId& id, Instant now) {
  return c.execute(kCheckIn, {id.str(), epoch_seconds(now)}) == 1;
}

bool BookingRepository::no_show(db::Connection& c, const BookingId& id, std::int64_t fee, Instant now) {
  return c.execute(kNoShow, {id.str(), fee, epoch_seconds(now)}) == 1;
}

bool BookingRepository::complete(db::Connection& c, const BookingId& id, Instant now) {
  return c.execute(kComplete, {id.str(), epoch_seconds(now)}) == 1;
}

bool BookingRepository::set_approval(db::Connection& c, const BookingId& id, const std::string& approval_status,
                                     Instant now) {
  return c.execute(kSetApproval, {id.str(), approval_status, epoch_seconds(now)}) == 1;
}

bool BookingRepository::move(db::Connection& c, const Booking& b, Instant now, std::optional<Instant> no_show_at) {
  return c.execute(kMove, {b.id.str(), b.resource_id, epoch_seconds(b.start), epoch_seconds(b.end), b.price.amount,
                           epoch_seconds(now), db::opt(opt_seconds(no_show_at))}) == 1;
}

bool BookingRepository::any_lifecycle_due(db::Connection& c, Instant now) {
  auto r = c.query_one(kLifecycleDue);
  auto due = [&](std::optional<std::int64_t> at) { return at && *at <= epoch_seconds(now); };
  return due(r->opt_i64(0)) || due(r->opt_i64(1));
}

std::vector<Booking> BookingRepository::no_shows_due(db::Connection& c, Instant now, int limit) {
  const auto sql = c.dialect() == db::Dialect::postgres ? kNoShowsDuePg : kNoShowsDue;
  return db::query_as(c, sql, {epoch_seconds(now), std::int64_t{limit}}, booking_from);
}

std::vector<Booking> BookingRepository::completions_due(db::Connection& c, Instant now, int limit) {
  const auto sql = c.dialect() == db::Dialect::postgres ? kCompletionsDuePg : kCompletionsDue;
  return db::query_as(c, sql, {epoch_seconds(now), std::int64_t{limit}}, booking_from);
}

std::vector<ClaimOwner> BookingRepository::claims_on(db::Connection& c, const std::string& resource_id, Instant start,
                                                     Instant end, Instant now) {
  std::vector<ClaimOwner> out;
  for (const auto& r : c.query(kClaimsOn, overlap_params(resource_id, start, end, now)))
    out.push_back(owner_of(r.text(0), r.text(1)));
  return out;
}

void BookingRepository::insert_block(db::Connection& c, const Block& b, Instant now) {
  c.execute(kInsertBlock, {b.id.str(), b.facility_id, b.resource_id, epoch_seconds(b.start), epoch_seconds(b.end),
                           b.reason, b.created_by, epoch_seconds(now), opt_param(b.series_id), db::opt(b.series_date)});
}

std::optional<Block> BookingRepository::block(db::Connection& c, const BlockId& id) {
  return db::query_one_as(c, kBlock, {id.str()}, block_from);
}

std::vector<Block> BookingRepository::blocks_of(db::Connection& c, const std::string& resource_id, Instant from) {
  return db::query_as(c, kBlocksOf, {resource_id, epoch_seconds(from)}, block_from);
}

std::vector<Block> BookingRepository::facility_blocks(db::Connection& c, const std::string& facility_id, Instant from,
                                                      Instant to) {
  return db::query_as(c, kFacilityBlocks,
                      {facility_id, epoch_seconds(from), epoch_seconds(to), epoch_seconds(from - kLongestClaim)},
                      block_from);
}

std::vector<Block> BookingRepository::series_blocks(db::Connection& c, const SeriesId& series_id) {
  return db::query_as(c, kSeriesBlocks, {series_id.str()}, block_from);
}

std::vector<Booking> BookingRepository::series_bookings(db::Connection& c, const SeriesId& series_id) {
  return db::query_as(c, kSeriesBookings, {series_id.str()}, booking_from);
}

void BookingRepository::set_note(db::Connection& c, const BookingId& booking_id, const std::string& note, Instant now) {
  c.execute(kSetNote, {booking_id.str(), note, epoch_seconds(now)});
}

bool BookingRepository::remove_block(db::Connection& c, const BlockId& id) {
  return c.execute(kRemoveBlock, {id.str()}) == 1;
}

void BookingRepository::insert_entry(db::Connection& c, const WaitlistEntry& e) {
  c.execute(kInsertEntry, {e.id.str(), e.facility_id, e.resource_id, e.user_id, epoch_seconds(e.start),
                           epoch_seconds(e.end), epoch_seconds(e.created_at)});
}

std::optional<WaitlistEntry> BookingRepository::entry(db::Connection& c, const WaitlistEntryId& id) {
  return db::query_one_as(c, kEntry, {id.str()}, entry_from);
}

std::vector<WaitlistEntry> BookingRepository::user_entries(db::Connection& c, const std::string& user_id) {
  return db::query_as(c, kUserEntries, {user_id}, entry_from);
}

bool BookingRepository::has_open_entry(db::Connection& c, const std::string& user_id, const std::string& resource_id,
                                       Instant start, Instant end) {
  return c.query_one(kOpenEntry, {user_id, resource_id, epoch_seconds(start), epoch_seconds(end)}).has_value();
}

std::vector<WaitlistEntry> BookingRepository::waiting_for(db::Connection& c, const std::string& resource_id,
                                                          Instant start, Instant end, Instant now) {
  std::vector<WaitlistEntry> out;
  for (const auto& r :
       c.query(kWaitingFor, {resource_id, epoch_seconds(start), epoch_seconds(end), epoch_seconds(now)}))
    out.push_back(entry_from(r));
  return out;
}

bool BookingRepository::notify_entry(db::Connection& c, const WaitlistEntryId& id, const HoldId& hold_id,
                                     Instant deadline) {
  return c.execute(kNotifyEntry, {id.str(), hold_id.str(), epoch_seconds(deadline)}) == 1;
}

void BookingRepository::settle_offer(db::Connection& c, const HoldId& hold_id, const std::string& status) {
  c.execute_later(kSettleOffer, {hold_id.str(), status});
}

bool BookingRepository::cancel_entry(db::Connection& c, const WaitlistEntryId& id) {
  return c.execute(kCancelEntry, {id.str()}) == 1;
}

}  // namespace slotbase::booking
