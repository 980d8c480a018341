#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/core/enum_names.h"
#include "platform/core/money.h"
#include "platform/core/time.h"

namespace slotbase::payment {

/// An online payment's state, as the contract names it (Stripe's "requires_payment_method"
/// after a decline is our `failed`: the player may try another card).
enum class IntentStatus { requires_payment_method, requires_action, processing, succeeded, failed, canceled };
constexpr EnumNames<IntentStatus, 6> names_of(IntentStatus) {
  return {{{{IntentStatus::requires_payment_method, "requires_payment_method"},
            {IntentStatus::requires_action, "requires_action"},
            {IntentStatus::processing, "processing"},
            {IntentStatus::succeeded, "succeeded"},
            {IntentStatus::failed, "failed"},
            {IntentStatus::canceled, "canceled"}}}};
}

enum class PaymentKind { card, offline, credit };
constexpr EnumNames<PaymentKind, 3> names_of(PaymentKind) {
  return {{{{PaymentKind::card, "card"}, {PaymentKind::offline, "offline"}, {PaymentKind::credit, "credit"}}}};
}

/// A payment record's state: a card's or credit's payment `succeeded`; one recorded at the desk
/// is `recorded`, then `verified`, `disputed` or `void` (final, its amount taken back).
enum class RecordStatus { succeeded, recorded, verified, disputed, voided };
constexpr EnumNames<RecordStatus, 5> names_of(RecordStatus) {
  return {{{{RecordStatus::succeeded, "succeeded"},
            {RecordStatus::recorded, "recorded"},
            {RecordStatus::verified, "verified"},
            {RecordStatus::disputed, "disputed"},
            {RecordStatus::voided, "void"}}}};
}

enum class RefundStatus { pending, processing, completed, failed };
constexpr EnumNames<RefundStatus, 4> names_of(RefundStatus) {
  return {{{{RefundStatus::pending, "pending"},
            {RefundStatus::processing, "processing"},
            {RefundStatus::completed, "completed"},
            {RefundStatus::failed, "failed"}}}};
}

/// Where a refund goes: back the way it came (the card; cash at the desk for an offline payment)
/// or onto the player's account credit.
enum class RefundDestination { original, credit };
constexpr EnumNames<RefundDestination, 2> names_of(RefundDestination) {
  return {{{{RefundDestination::original, "original"}, {RefundDestination::credit, "credit"}}}};
}

enum class FeeKind { no_show, late_cancel };
constexpr EnumNames<FeeKind, 2> names_of(FeeKind) {
  return {{{{FeeKind::no_show, "no_show"}, {FeeKind::late_cancel, "late_cancel"}}}};
}

enum class FeeStatus { pending, paid, waived };
constexpr EnumNames<FeeStatus, 3> names_of(FeeStatus) {
  return {{{{FeeStatus::pending, "pending"}, {FeeStatus::paid, "paid"}, {FeeStatus::waived, "waived"}}}};
}

enum class AccountStatus { not_connected, pending, active, restricted };
constexpr EnumNames<AccountStatus, 4> names_of(AccountStatus) {
  return {{{{AccountStatus::not_connected, "not_connected"},
            {AccountStatus::pending, "pending"},
            {AccountStatus::active, "active"},
            {AccountStatus::restricted, "restricted"}}}};
}

struct PaymentIntent {
  std::string id;
  std::string facility_id;
  std::string user_id;
  std::string target_kind;  // hold | fee
  std::string target_id;
  std::optional<std::string> booking_id;  // the booking it paid for, once it succeeded
  Money amount;                           // charged to the card
  std::int64_t credit_amount = 0;         // account credit spent with it
  IntentStatus status = IntentStatus::requires_payment_method;
  std::string provider;
  std::optional<std::string> provider_intent_id;
  std::string client_secret;
  std::optional<std::string> next_action_url;
  std::optional<std::string> error_code;
  std::optional<std::string> decline_code;
  std::optional<std::string> error_message;
  std::string outcome;  // open | settled | refunded (paid too late) | abandoned
  Instant expires_at;
  Instant created_at;
};

struct Payment {
  std::string id;
  std::string facility_id;
  std::string user_id;
  std::optional<std::string> booking_id;
  std::optional<std::string> fee_id;
  std::optional<std::string> intent_id;
  PaymentKind kind = PaymentKind::offline;
  std::string method;  // card | credit | cash | check | bank_transfer | venmo | zelle | other
  Money amount;
  std::int64_t refunded = 0;
  RecordStatus status = RecordStatus::recorded;
  std::optional<std::string> reference;
  std::optional<std::string> note;
  std::int64_t platform_fee = 0;
  std::optional<std::string> recorded_by;
  Instant created_at;
};

struct RefundRecord {
  std::string id;
  std::string payment_id;
  std::string facility_id;
  std::string user_id;
  std::optional<std::string> booking_id;
  Money amount;
  RefundDestination destination = RefundDestination::original;
  RefundStatus status = RefundStatus::pending;
  std::string source;  // staff | policy | late_payment | provider
  std::string reason;
  std::optional<std::string> failure_reason;
  Instant created_at;
  std::optional<std::string> retried_as;  // a failed refund tried again: the refund in its place
};

struct Fee {
  std::string id;
  std::string facility_id;
  std::string user_id;
  std::string booking_id;
  FeeKind kind = FeeKind::no_show;
  Money amount;
  FeeStatus status = FeeStatus::pending;
  std::optional<std::string> waive_reason;
  Instant created_at;
};

/// One movement of a player's account credit at a facility.
struct CreditEntry {
  std::string id;
  std::string facility_id;
  std::string user_id;
  Money amount;      // signed: credit added is positive
  std::string kind;  // refund | adjustment | spend | spend_reversed
  std::optional<std::string> reason;
  std::optional<std::string> created_by;
  Instant created_at;
};

/// A card saved at the provider, as it describes it (never its number).
struct SavedCard {
  std::string id;  // "pm_..."
  std::string brand;
  std::string last4;
  int exp_month = 0;
  int exp_year = 0;
};

struct AccountState {
  AccountStatus status = AccountStatus::not_connected;
  bool charges_enabled = false;
  bool payouts_enabled = false;
  std::string provider;
  std::int64_t platform_fee_basis_points = 0;  // the platform's share of each card payment
  std::optional<std::string> publishable_key;  // for the provider's card form in the browser
};

struct OfflinePaymentRequest {
  std::int64_t amount = 0;
  std::optional<std::string> currency;  // when sent, it must be the booking's
  std::string method;
  std::optional<std::string> reference;
  std::optional<std::string> note;
};

struct RefundRequest {
  std::optional<std::int64_t> amount;  // what is left of the payment when absent
  RefundDestination destination = RefundDestination::original;
  std::string reason;
};

/// A player's money at SlotBase: every payment, refund, fee and credit movement.
struct PaymentHistory {
  std::vector<Payment> payments;
  std::vector<RefundRecord> refunds;
  std::vector<Fee> fees;
  std::vector<CreditEntry> credit;
};

/// A booking's money as its player and the desk see it.
struct BookingMoneyView {
  std::vector<Payment> payments;
  std::vector<RefundRecord> refunds;
  std::vector<Fee> fees;
};

/// The staff's payments list.
struct PaymentFilter {
  std::optional<std::string> method;
  std::optional<std::string> status;
  std::optional<std::string> date;  // a local date of the facility
  int limit = 100;
};

/// A facility's takings of one list: per method, what came in less what went back.
struct Takings {
  std::string method;
  Money amount;
};

/// What the provider and our books disagree on at a facility: payments the provider took that we
/// have no record of, and bookings marked paid that no money paid for.
struct Reconciliation {
  struct UnrecordedPayment {
    std::string provider_intent_id;
    Money amount;
    std::string status;
    std::optional<std::string> our_intent_id;  // the intent it was made for, when its metadata says
  };
  struct UnpaidBooking {
    std::string booking_id;
    Money price;
    std::int64_t received = 0;
  };
  std::vector<UnrecordedPayment> unrecorded_payments;
  std::vector<UnpaidBooking> paid_bookings_without_payment;
};

struct FacilityPayments {
  std::vector<Payment> items;
  std::vector<Takings> takings;
};

}  // namespace slotbase::payment
