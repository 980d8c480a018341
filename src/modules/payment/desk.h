#pragma once

#include <string>
#include <vector>

#include "books.h"
#include "identity/identity_service.h"
#include "organization/organization_service.h"
#include "payment/payment_types.h"
#include "platform/events/domain_event.h"

namespace slotbase::payment {

/// Money at the desk and after the fact: payments recorded by staff and their statuses, waivers,
/// refunds (by staff, and by the cancellation policy when a booking is cancelled), fees for
/// no-shows and late cancellations, account credit, and the lists that show it all. Thread-safe.
class Desk {
 public:
  Desk(Books& books, organization::OrganizationService& orgs, identity::IdentityService& identity)
      : books_(books), orgs_(orgs), identity_(identity) {}

  Result<Payment> record_booking_payment(const std::string& booking_id, const OfflinePaymentRequest& r,
                                         const Context& ctx);
  Result<Payment> set_record_status(const std::string& payment_id, RecordStatus status, const Context& ctx);
  Result<std::string> waive_booking(const std::string& booking_id, const std::string& reason, const Context& ctx);
  Result<BookingMoneyView> booking_payments(const std::string& booking_id, const Context& ctx);
  Result<RefundRecord> refund(const std::string& payment_id, const RefundRequest& r, const Context& ctx);
  Result<RefundRecord> retry_refund(const std::string& refund_id, RefundDestination destination, const Context& ctx);
  Result<Fee> waive_fee(const std::string& fee_id, const std::string& reason, const Context& ctx);
  Result<Money> credit_balance(const std::string& facility_id, const Context& ctx);
  Result<CreditEntry> adjust_credit(const std::string& facility_id, const std::string& user_id, std::int64_t amount,
                                    const std::string& reason, const Context& ctx);
  Result<std::vector<CreditEntry>> credit_ledger(const std::string& facility_id, const std::string& user_id,
                                                 const Context& ctx);
  Result<PaymentHistory> my_payments(const Context& ctx);
  Result<std::int64_t> set_platform_fee(const std::string& facility_id, std::int64_t basis_points, const Context& ctx);
  Result<FacilityPayments> facility_payments(const std::string& facility_id, const PaymentFilter& f,
                                             const Context& ctx);

  /// booking.cancelled: the policy's refund of what was paid (by the way it was paid), or, when
  /// nothing was paid, the late-cancellation fee the policy keeps.
  void on_cancelled(const events::DomainEvent& e);
  /// booking.no_show: the no-show fee, less what was paid for the booking.
  void on_no_show(const events::DomainEvent& e);

 private:
  /// The facility if the caller is its desk (bookings_manage): permission_denied for who sees the
  /// money (the player whose it is, the facility's other staff such as a coach), not_found for
  /// anyone else (another tenant's staff included).
  Result<organization::Facility> staff_of(const std::string& facility_id, const std::string& owner_id,
                                          const Context& ctx);
  /// Writes a fee and asks for its charge to a saved card.
  void charge(db::Connection& tx, const Fee& fee) const;

  Books& books_;
  organization::OrganizationService& orgs_;
  identity::IdentityService& identity_;
};

}  // namespace slotbase::payment
