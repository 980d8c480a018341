#include "payment_repository.h"

#include "platform/core/ids.h"
#include "platform/db/query_as.h"

namespace slotbase::payment {
namespace {

constexpr std::string_view kAccount = R"sql(
SELECT facility_id, provider, account_id, charges_enabled, payouts_enabled, details_submitted
FROM payment_accounts WHERE facility_id = $1)sql";
constexpr std::string_view kAccountById = R"sql(
SELECT facility_id, provider, account_id, charges_enabled, payouts_enabled, details_submitted
FROM payment_accounts WHERE account_id = $1)sql";
constexpr std::string_view kInsertAccount = R"sql(
INSERT INTO payment_accounts (facility_id, provider, account_id, charges_enabled, payouts_enabled, details_submitted,
                              created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $7))sql";
constexpr std::string_view kUpdateAccount = R"sql(
UPDATE payment_accounts SET charges_enabled = $2, payouts_enabled = $3, details_submitted = $4, updated_at = $5
WHERE account_id = $1)sql";
constexpr std::string_view kPlatformFee = "SELECT basis_points FROM platform_fees WHERE facility_id = $1";
constexpr std::string_view kSetPlatformFee = R"sql(
INSERT INTO platform_fees (facility_id, basis_points, updated_by, updated_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (facility_id) DO UPDATE SET basis_points = excluded.basis_points, updated_by = excluded.updated_by,
                                        updated_at = excluded.updated_at)sql";
constexpr std::string_view kCustomer = "SELECT customer_id FROM payment_customers WHERE user_id = $1 AND provider = $2";
constexpr std::string_view kInsertCustomer =
    "INSERT INTO payment_customers (user_id, provider, customer_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";

#define SB_INTENT_COLUMNS                                                                                   \
  "id, facility_id, user_id, target_kind, target_id, booking_id, amount, currency, credit_amount, status, " \
  "provider, provider_intent_id, client_secret, next_action_url, error_code, decline_code, error_message, " \
  "outcome, expires_at, created_at"
constexpr std::string_view kInsertIntent = R"sql(
INSERT INTO payment_intents (id, facility_id, user_id, target_kind, target_id, amount, currency, credit_amount,
                             platform_fee, status, provider, client_secret, outcome, expires_at, created_at,
                             updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, '', 'open', $12, $13, $13))sql";
constexpr std::string_view kIntent = "SELECT " SB_INTENT_COLUMNS " FROM payment_intents WHERE id = $1";
constexpr std::string_view kIntentByProvider =
    "SELECT " SB_INTENT_COLUMNS " FROM payment_intents WHERE provider = $1 AND provider_intent_id = $2";
constexpr std::string_view kOpenIntent = "SELECT " SB_INTENT_COLUMNS R"sql( FROM payment_intents
WHERE target_kind = $1 AND target_id = $2 AND amount = $3
  AND status IN ('requires_payment_method', 'requires_action', 'processing', 'failed'))sql";
constexpr std::string_view kSetProviderIntent = R"sql(
UPDATE payment_intents SET provider_intent_id = $2, client_secret = $3, updated_at = $4 WHERE id = $1)sql";
constexpr std::string_view kUpdateIntent = R"sql(
UPDATE payment_intents SET status = $2, next_action_url = $3, error_code = $4, decline_code = $5,
  error_message = $6, updated_at = $7
WHERE id = $1 AND status <> 'succeeded')sql";
constexpr std::string_view kSettleIntent = R"sql(
UPDATE payment_intents SET outcome = $2, booking_id = COALESCE($3, booking_id), updated_at = $4 WHERE id = $1)sql";
constexpr std::string_view kUnsettledIntents = "SELECT " SB_INTENT_COLUMNS R"sql( FROM payment_intents
WHERE outcome = 'open' AND (expires_at <= $1 OR status = 'succeeded') ORDER BY expires_at LIMIT $2)sql";
constexpr std::string_view kUserIntents =
    "SELECT " SB_INTENT_COLUMNS " FROM payment_intents WHERE user_id = $1 ORDER BY created_at DESC LIMIT 200";

#define SB_PAYMENT_COLUMNS                                                                                      \
  "id, facility_id, user_id, booking_id, fee_id, intent_id, kind, method, amount, currency, refunded, status, " \
  "reference, note, platform_fee, recorded_by, created_at"
constexpr std::string_view kInsertPayment = R"sql(
INSERT INTO payments (id, facility_id, user_id, booking_id, fee_id, intent_id, kind, method, amount, currency,
                      refunded, status, reference, note, platform_fee, recorded_by, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, $12, $13, $14, $15, $16, $16))sql";
constexpr std::string_view kPayment = "SELECT " SB_PAYMENT_COLUMNS " FROM payments WHERE id = $1";
constexpr std::string_view kPaymentOfIntent = "SELECT " SB_PAYMENT_COLUMNS " FROM payments WHERE intent_id = $1";
constexpr std::string_view kBookingPayments =
    "SELECT " SB_PAYMENT_COLUMNS " FROM payments WHERE booking_id = $1 ORDER BY created_at, id";
constexpr std::string_view kUserPayments =
    "SELECT " SB_PAYMENT_COLUMNS " FROM payments WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 200";
constexpr std::string_view kFacilityPayments = "SELECT " SB_PAYMENT_COLUMNS R"sql( FROM payments
WHERE facility_id = $1 AND created_at >= $2 AND created_at < $3 ORDER BY created_at DESC, id DESC LIMIT $4)sql";
constexpr std::string_view kAddRefunded = R"sql(
UPDATE payments SET refunded = refunded + $2, updated_at = $3
WHERE id = $1 AND status <> 'void' AND refunded + $2 <= amount AND refunded + $2 >= 0)sql";
constexpr std::string_view kSetPaymentStatus = R"sql(
UPDATE payments SET status = $2, updated_at = $3 WHERE id = $1 AND status <> 'void' AND kind = 'offline')sql";
constexpr std::string_view kAttachBooking = "UPDATE payments SET booking_id = $2 WHERE id = $1";

#define SB_REFUND_COLUMNS                                                                                     \
  "id, payment_id, facility_id, user_id, booking_id, amount, currency, destination, status, source, reason, " \
  "failure_reason, created_at, retried_as"
constexpr std::string_view kInsertRefund = R"sql(
INSERT INTO refunds (id, payment_id, facility_id, user_id, booking_id, amount, currency, destination, status, source,
                     reason, created_by, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13))sql";
constexpr std::string_view kRefund = "SELECT " SB_REFUND_COLUMNS " FROM refunds WHERE id = $1";
constexpr std::string_view kRefundByProvider =
    "SELECT " SB_REFUND_COLUMNS " FROM refunds WHERE provider_refund_id = $1";
constexpr std::string_view kMoveRefund = R"sql(
UPDATE refunds SET status = $3, provider_refund_id = COALESCE($4, provider_refund_id),
  failure_reason = $5, updated_at = $6
WHERE id = $1 AND status = $2)sql";
constexpr std::string_view kBookingRefunds =
    "SELECT " SB_REFUND_COLUMNS " FROM refunds WHERE booking_id = $1 ORDER BY created_at, id";
constexpr std::string_view kMarkRetried =
    "UPDATE refunds SET retried_as = $2 WHERE id = $1 AND status = 'failed' AND retried_as IS NULL";
constexpr std::string_view kUserRefunds =
    "SELECT " SB_REFUND_COLUMNS " FROM refunds WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 200";
constexpr std::string_view kRefundedTheWayItCame = R"sql(
SELECT payment_id, SUM(amount) FROM refunds
WHERE facility_id = $1 AND destination = 'original' AND status <> 'failed' AND created_at >= $2
GROUP BY payment_id)sql";

#define SB_FEE_COLUMNS "id, facility_id, user_id, booking_id, kind, amount, currency, status, waive_reason, created_at"
constexpr std::string_view kInsertFee = R"sql(
INSERT INTO fees (id, facility_id, user_id, booking_id, kind, amount, currency, status, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) ON CONFLICT DO NOTHING)sql";
constexpr std::string_view kFee = "SELECT " SB_FEE_COLUMNS " FROM fees WHERE id = $1";
constexpr std::string_view kSetFeeStatus = R"sql(
UPDATE fees SET status = $3, waive_reason = COALESCE($4, waive_reason), updated_at = $5 WHERE id = $1 AND status = $2)sql";
constexpr std::string_view kBookingFees =
    "SELECT " SB_FEE_COLUMNS " FROM fees WHERE booking_id = $1 ORDER BY created_at, id";
constexpr std::string_view kUserFees =
    "SELECT " SB_FEE_COLUMNS " FROM fees WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 200";

constexpr std::string_view kAppend = R"sql(
INSERT INTO ledger_entries (id, facility_id, user_id, account, booking_id, fee_id, kind, amount, currency, payment_id,
                            refund_id, reason, created_by, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14))sql";
constexpr std::string_view kBookingMoney = R"sql(
SELECT COALESCE(SUM(CASE WHEN kind IN ('payment', 'void') THEN amount ELSE 0 END), 0),
       COALESCE(SUM(CASE WHEN kind IN ('refund', 'refund_failed') THEN -amount ELSE 0 END), 0),
       COALESCE(MAX(CASE WHEN kind = 'waived' THEN 1 ELSE 0 END), 0)
FROM ledger_entries WHERE booking_id = $1 AND account = 'booking')sql";
constexpr std::string_view kCreditBalance = R"sql(
SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE facility_id = $1 AND user_id = $2 AND account = 'credit')sql";
#define SB_CREDIT_COLUMNS "id, facility_id, user_id, amount, currency, kind, reason, created_by, created_at"
constexpr std::string_view kCreditEntries = "SELECT " SB_CREDIT_COLUMNS R"sql( FROM ledger_entries
WHERE facility_id = $1 AND user_id = $2 AND account = 'credit' ORDER BY created_at DESC, id DESC LIMIT 500)sql";
constexpr std::string_view kUserCreditEntries = "SELECT " SB_CREDIT_COLUMNS R"sql( FROM ledger_entries
WHERE user_id = $1 AND account = 'credit' ORDER BY created_at DESC, id DESC LIMIT 200)sql";

constexpr std::string_view kRecordEvent = R"sql(
INSERT INTO webhook_events (provider, event_id, type, received_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING)sql";

StoredAccount account_from(const db::Row& r) {
  return {r.text(0), r.text(1), r.text(2), r.boolean(3), r.boolean(4), r.boolean(5)};
}

PaymentIntent intent_from(const db::Row& r) {
  PaymentIntent i;
  i.id = r.text(0);
  i.facility_id = r.text(1);
  i.user_id = r.text(2);
  i.target_kind = r.text(3);
  i.target_id = r.text(4);
  i.booking_id = r.opt_text(5);
  i.amount = {r.i64(6), r.text(7)};
  i.credit_amount = r.i64(8);
  i.status = enum_at<IntentStatus>(r.text(9));
  i.provider = r.text(10);
  i.provider_intent_id = r.opt_text(11);
  i.client_secret = r.opt_text(12).value_or("");
  i.next_action_url = r.opt_text(13);
  i.error_code = r.opt_text(14);
  i.decline_code = r.opt_text(15);
  i.error_message = r.opt_text(16);
  i.outcome = r.text(17);
  i.expires_at = from_epoch_seconds(r.i64(18));
  i.created_at = from_epoch_seconds(r.i64(19));
  return i;
}

Payment payment_from(const db::Row& r) {
  Payment p;
  p.id = r.text(0);
  p.facility_id = r.text(1);
  p.user_id = r.text(2);
  p.booking_id = r.opt_text(3);
  p.fee_id = r.opt_text(4);
  p.intent_id = r.opt_text(5);
  p.kind = enum_at<PaymentKind>(r.text(6));
  p.method = r.text(7);
  p.amount = {r.i64(8), r.text(9)};
  p.refunded = r.i64(10);
  p.status = enum_at<RecordStatus>(r.text(11));
  p.reference = r.opt_text(12);
  p.note = r.opt_text(13);
  p.platform_fee = r.i64(14);
  p.recorded_by = r.opt_text(15);
  p.created_at = from_epoch_seconds(r.i64(16));
  return p;
}

RefundRecord refund_from(const db::Row& r) {
  RefundRecord f;
  f.id = r.text(0);
  f.payment_id = r.text(1);
  f.facility_id = r.text(2);
  f.user_id = r.text(3);
  f.booking_id = r.opt_text(4);
  f.amount = {r.i64(5), r.text(6)};
  f.destination = enum_at<RefundDestination>(r.text(7));
  f.status = enum_at<RefundStatus>(r.text(8));
  f.source = r.text(9);
  f.reason = r.text(10);
  f.failure_reason = r.opt_text(11);
  f.created_at = from_epoch_seconds(r.i64(12));
  f.retried_as = r.opt_text(13);
  return f;
}

Fee fee_from(const db::Row& r) {
  Fee f;
  f.id = r.text(0);
  f.facility_id = r.text(1);
  f.user_id = r.text(2);
  f.booking_id = r.text(3);
  f.kind = enum_at<FeeKind>(r.text(4));
  f.amount = {r.i64(5), r.text(6)};
  f.status = enum_at<FeeStatus>(r.text(7));
  f.waive_reason = r.opt_text(8);
  f.created_at = from_epoch_seconds(r.i64(9));
  return f;
}

CreditEntry credit_from(const db::Row& r) {
  return {r.text(0), r.text(1),     r.text(2),     {r.i64(3), r.text(4)},
          r.text(5), r.opt_text(6), r.opt_text(7), from_epoch_seconds(r.i64(8))};
}

}  // namespace

std::optional<StoredAccount> PaymentRepository::account(db::Connection& c, const std::string& facility_id) {
  return db::query_one_as(c, kAccount, {facility_id}, account_from);
}

std::optional<StoredAccount> PaymentRepository::account_by_id(db::Connection& c, const std::string& account_id) {
  return db::query_one_as(c, kAccountById, {account_id}, account_from);
}

void PaymentRepository::insert_account(db::Connection& c, const StoredAccount& a, Instant now) {
  c.execute(kInsertAccount, {a.facility_id, a.provider, a.account_id, a.charges_enabled, a.payouts_enabled,
                             a.details_submitted, epoch_seconds(now)});
}

bool PaymentRepository::update_account(db::Connection& c, const std::string& account_id, bool charges, bool payouts,
                                       bool details, Instant now) {
  return c.execute(kUpdateAccount, {account_id, charges, payouts, details, epoch_seconds(now)}) == 1;
}

std::int64_t PaymentRepository::intent_platform_fee(db::Connection& c, const std::string& intent_id) {
  auto rows = c.query("SELECT platform_fee FROM payment_intents WHERE id = $1", {intent_id});
  return rows.empty() ? 0 : rows[0].i64(0);
}

std::int64_t PaymentRepository::platform_fee_basis_points(db::Connection& c, const std::string& facility_id) {
  auto rows = c.query(kPlatformFee, {facility_id});
  return rows.empty() ? 0 : rows[0].i64(0);
}

void PaymentRepository::set_platform_fee(db::Connection& c, const std::string& facility_id, std::int64_t basis_points,
                                         const std::string& by, Instant now) {
  c.execute(kSetPlatformFee, {facility_id, basis_points, by, epoch_seconds(now)});
}

std::optional<std::string> PaymentRepository::customer(db::Connection& c, const std::string& user_id,
                                                       const std::string& provider) {
  return db::query_one_as(c, kCustomer, {user_id, provider}, [](const db::Row& r) { return r.text(0); });
}

void PaymentRepository::insert_customer(db::Connection& c, const std::string& user_id, const std::string& provider,
                                        const std::string& customer_id) {
  c.execute(kInsertCustomer, {user_id, provider, customer_id});
}

void PaymentRepository::insert_intent(db::Connection& c, const PaymentIntent& i, std::int64_t platform_fee) {
  c.execute(kInsertIntent, {i.id, i.facility_id, i.user_id, i.target_kind, i.target_id, i.amount.amount,
                            i.amount.currency, i.credit_amount, platform_fee, str(i.status), i.provider,
                            epoch_seconds(i.expires_at), epoch_seconds(i.created_at)});
}

std::optional<PaymentIntent> PaymentRepository::intent(db::Connection& c, const std::string& id) {
  return db::query_one_as(c, kIntent, {id}, intent_from);
}

std::optional<PaymentIntent> PaymentRepository::intent_by_provider(db::Connection& c, const std::string& provider,
                                                                   const std::string& provider_intent_id) {
  return db::query_one_as(c, kIntentByProvider, {provider, provider_intent_id}, intent_from);
}

std::optional<PaymentIntent> PaymentRepository::open_intent(db::Connection& c, const std::string& target_kind,
                                                            const std::string& target_id, std::int64_t amount) {
  return db::query_one_as(c, kOpenIntent, {target_kind, target_id, amount}, intent_from);
}

void PaymentRepository::set_provider_intent(db::Connection& c, const std::string& id,
                                            const std::string& provider_intent_id, const std::string& client_secret,
                                            Instant now) {
  c.execute(kSetProviderIntent, {id, provider_intent_id, client_secret, epoch_seconds(now)});
}

bool PaymentRepository::update_intent(db::Connection& c, const PaymentIntent& i, Instant now) {
  return c.execute(kUpdateIntent, {i.id, str(i.status), db::opt(i.next_action_url), db::opt(i.error_code),
                                   db::opt(i.decline_code), db::opt(i.error_message), epoch_seconds(now)}) == 1;
}

void PaymentRepository::settle_intent(db::Connection& c, const std::string& id, const std::string& outcome,
                                      const std::optional<std::string>& booking_id, Instant now) {
  c.execute(kSettleIntent, {id, outcome, db::opt(booking_id), epoch_seconds(now)});
}

std::vector<PaymentIntent> PaymentRepository::unsettled_intents(db::Connection& c, Instant now, int limit) {
  return db::query_as(c, kUnsettledIntents, {epoch_seconds(now), std::int64_t{limit}}, intent_from);
}

std::vector<PaymentIntent> PaymentRepository::user_intents(db::Connection& c, const std::string& user_id) {
  return db::query_as(c, kUserIntents, {user_id}, intent_from);
}

void PaymentRepository::insert_payment(db::Connection& c, const Payment& p) {
  c.execute(kInsertPayment,
            {p.id, p.facility_id, p.user_id, db::opt(p.booking_id), db::opt(p.fee_id), db::opt(p.intent_id),
             str(p.kind), p.method, p.amount.amount, p.amount.currency, str(p.status), db::opt(p.reference),
             db::opt(p.note), p.platform_fee, db::opt(p.recorded_by), epoch_seconds(p.created_at)});
}

std::optional<Payment> PaymentRepository::payment(db::Connection& c, const std::string& id) {
  return db::query_one_as(c, kPayment, {id}, payment_from);
}

std::optional<Payment> PaymentRepository::payment_of_intent(db::Connection& c, const std::string& intent_id) {
  return db::query_one_as(c, kPaymentOfIntent, {intent_id}, payment_from);
}

std::vector<Payment> PaymentRepository::booking_payments(db::Connection& c, const std::string& booking_id) {
  return db::query_as(c, kBookingPayments, {booking_id}, payment_from);
}

std::vector<Payment> PaymentRepository::user_payments(db::Connection& c, const std::string& user_id) {
  return db::query_as(c, kUserPayments, {user_id}, payment_from);
}

std::vector<Payment> PaymentRepository::facility_payments(db::Connection& c, const std::string& facility_id,
                                                          Instant from, Instant to, int limit) {
  return db::query_as(c, kFacilityPayments, {facility_id, epoch_seconds(from), epoch_seconds(to), std::int64_t{limit}},
                      payment_from);
}

bool PaymentRepository::add_refunded(db::Connection& c, const std::string& payment_id, std::int64_t amount,
                                     Instant now) {
  return c.execute(kAddRefunded, {payment_id, amount, epoch_seconds(now)}) == 1;
}

bool PaymentRepository::set_payment_status(db::Connection& c, const std::string& payment_id, RecordStatus status,
                                           Instant now) {
  return c.execute(kSetPaymentStatus, {payment_id, str(status), epoch_seconds(now)}) == 1;
}

void PaymentRepository::attach_booking(db::Connection& c, const std::string& payment_id,
                                       const std::string& booking_id) {
  c.execute(kAttachBooking, {payment_id, booking_id});
}

void PaymentRepository::insert_refund(db::Connection& c, const RefundRecord& r,
                                      const std::optional<std::string>& created_by) {
  c.execute(kInsertRefund,
            {r.id, r.payment_id, r.facility_id, r.user_id, db::opt(r.booking_id), r.amount.amount, r.amount.currency,
             str(r.destination), str(r.status), r.source, r.reason, db::opt(created_by), epoch_seconds(r.created_at)});
}

std::optional<RefundRecord> PaymentRepository::refund(db::Connection& c, const std::string& id) {
  return db::query_one_as(c, kRefund, {id}, refund_from);
}

std::optional<RefundRecord> PaymentRepository::refund_by_provider(db::Connection& c,
                                                                  const std::string& provider_refund_id) {
  return db::query_one_as(c, kRefundByProvider, {provider_refund_id}, refund_from);
}

bool PaymentRepository::move_refund(db::Connection& c, const std::string& id, RefundStatus from, RefundStatus to,
                                    const std::optional<std::string>& provider_refund_id,
                                    const std::optional<std::string>& failure_reason, Instant now) {
  return c.execute(kMoveRefund, {id, str(from), str(to), db::opt(provider_refund_id), db::opt(failure_reason),
                                 epoch_seconds(now)}) == 1;
}

bool PaymentRepository::mark_retried(db::Connection& c, const std::string& id, const std::string& retried_as) {
  return c.execute(kMarkRetried, {id, retried_as}) == 1;
}

std::vector<RefundRecord> PaymentRepository::booking_refunds(db::Connection& c, const std::string& booking_id) {
  return db::query_as(c, kBookingRefunds, {booking_id}, refund_from);
}

std::vector<RefundRecord> PaymentRepository::user_refunds(db::Connection& c, const std::string& user_id) {
  return db::query_as(c, kUserRefunds, {user_id}, refund_from);
}

std::map<std::string, std::int64_t> PaymentRepository::refunded_the_way_it_came(db::Connection& c,
                                                                                const std::string& facility_id,
                                                                                Instant since) {
  std::map<std::string, std::int64_t> out;
  for (const auto& r : c.query(kRefundedTheWayItCame, {facility_id, epoch_seconds(since)})) out[r.text(0)] = r.i64(1);
  return out;
}

bool PaymentRepository::insert_fee(db::Connection& c, const Fee& f) {
  return c.execute(kInsertFee, {f.id, f.facility_id, f.user_id, f.booking_id, str(f.kind), f.amount.amount,
                                f.amount.currency, str(f.status), epoch_seconds(f.created_at)}) == 1;
}

std::optional<Fee> PaymentRepository::fee(db::Connection& c, const std::string& id) {
  return db::query_one_as(c, kFee, {id}, fee_from);
}

bool PaymentRepository::set_fee_status(db::Connection& c, const std::string& id, FeeStatus from, FeeStatus to,
                                       const std::optional<std::string>& reason, Instant now) {
  return c.execute(kSetFeeStatus, {id, str(from), str(to), db::opt(reason), epoch_seconds(now)}) == 1;
}

std::vector<Fee> PaymentRepository::booking_fees(db::Connection& c, const std::string& booking_id) {
  return db::query_as(c, kBookingFees, {booking_id}, fee_from);
}

std::vector<Fee> PaymentRepository::user_fees(db::Connection& c, const std::string& user_id) {
  return db::query_as(c, kUserFees, {user_id}, fee_from);
}

void PaymentRepository::append(db::Connection& c, const LedgerEntry& e, Instant now) {
  c.execute(kAppend, {new_id("led"), e.facility_id, e.user_id, e.account, db::opt(e.booking_id), db::opt(e.fee_id),
                      e.kind, e.amount.amount, e.amount.currency, db::opt(e.payment_id), db::opt(e.refund_id),
                      db::opt(e.reason), db::opt(e.created_by), epoch_seconds(now)});
}

BookingMoney PaymentRepository::booking_money(db::Connection& c, const std::string& booking_id) {
  auto row = c.query_one(kBookingMoney, {booking_id});
  return {row->i64(0), row->i64(1), row->i64(2) != 0};
}

std::int64_t PaymentRepository::credit_balance(db::Connection& c, const std::string& facility_id,
                                               const std::string& user_id) {
  return c.query_one(kCreditBalance, {facility_id, user_id})->i64(0);
}

std::vector<CreditEntry> PaymentRepository::credit_entries(db::Connection& c, const std::string& facility_id,
                                                           const std::string& user_id) {
  return db::query_as(c, kCreditEntries, {facility_id, user_id}, credit_from);
}

std::vector<CreditEntry> PaymentRepository::user_credit_entries(db::Connection& c, const std::string& user_id) {
  return db::query_as(c, kUserCreditEntries, {user_id}, credit_from);
}

bool PaymentRepository::record_event(db::Connection& c, const std::string& provider, const std::string& event_id,
                                     const std::string& type, Instant now) {
  return c.execute(kRecordEvent, {provider, event_id, type, epoch_seconds(now)}) == 1;
}

}  // namespace slotbase::payment
