#pragma once

#include "desk.h"
#include "online.h"
#include "payment/payment_service.h"

namespace slotbase::payment {

/// PaymentService as the routes and other modules see it: each call goes to the part that does it.
class PaymentServiceImpl final : public PaymentService {
 public:
  PaymentServiceImpl(Online& online, Desk& desk) : online_(online), desk_(desk) {}

  Result<std::string> connect(const std::string& facility_id, const Context& ctx) override {
    return online_.connect(facility_id, ctx);
  }
  Result<AccountState> account(const std::string& facility_id, const Context& ctx) override {
    return online_.account(facility_id, ctx);
  }
  Result<std::int64_t> set_platform_fee(const std::string& facility_id, std::int64_t basis_points,
                                        const Context& ctx) override {
    return desk_.set_platform_fee(facility_id, basis_points, ctx);
  }
  Result<PaymentIntent> create_intent_for_hold(const std::string& hold_id, const Context& ctx) override {
    return online_.create_for_hold(hold_id, ctx);
  }
  Result<PaymentIntent> confirm_intent(const std::string& intent_id, const std::string& payment_method, bool save_card,
                                       const Context& ctx) override {
    return online_.confirm(intent_id, payment_method, save_card, ctx);
  }
  Result<PaymentIntent> get_intent(const std::string& intent_id, const Context& ctx) override {
    return online_.get(intent_id, ctx);
  }
  Result<void> receive_webhook(const std::string& provider, const std::string& payload,
                               const std::string& signature) override {
    return online_.receive_webhook(provider, payload, signature);
  }
  Result<Payment> record_booking_payment(const std::string& booking_id, const OfflinePaymentRequest& r,
                                         const Context& ctx) override {
    return desk_.record_booking_payment(booking_id, r, ctx);
  }
  Result<Payment> set_record_status(const std::string& payment_id, RecordStatus status, const Context& ctx) override {
    return desk_.set_record_status(payment_id, status, ctx);
  }
  Result<std::string> waive_booking(const std::string& booking_id, const std::string& reason,
                                    const Context& ctx) override {
    return desk_.waive_booking(booking_id, reason, ctx);
  }
  Result<BookingMoneyView> booking_payments(const std::string& booking_id, const Context& ctx) override {
    return desk_.booking_payments(booking_id, ctx);
  }
  Result<RefundRecord> refund(const std::string& payment_id, const RefundRequest& r, const Context& ctx) override {
    return desk_.refund(payment_id, r, ctx);
  }
  Result<RefundRecord> retry_refund(const std::string& refund_id, RefundDestination destination,
                                    const Context& ctx) override {
    return desk_.retry_refund(refund_id, destination, ctx);
  }
  Result<Fee> waive_fee(const std::string& fee_id, const std::string& reason, const Context& ctx) override {
    return desk_.waive_fee(fee_id, reason, ctx);
  }
  Result<Money> credit_balance(const std::string& facility_id, const Context& ctx) override {
    return desk_.credit_balance(facility_id, ctx);
  }
  Result<CreditEntry> adjust_credit(const std::string& facility_id, const std::string& user_id, std::int64_t amount,
                                    const std::string& reason, const Context& ctx) override {
    return desk_.adjust_credit(facility_id, user_id, amount, reason, ctx);
  }
  Result<std::vector<CreditEntry>> credit_ledger(const std::string& facility_id, const std::string& user_id,
                                                 const Context& ctx) override {
    return desk_.credit_ledger(facility_id, user_id, ctx);
  }
  Result<PaymentHistory> my_payments(const Context& ctx) override { return desk_.my_payments(ctx); }
  Result<std::vector<SavedCard>> saved_cards(const Context& ctx) override { return online_.saved_cards(ctx); }
  Result<Reconciliation> reconciliation(const std::string& facility_id, const Context& ctx) override {
    return online_.reconciliation(facility_id, ctx);
  }
  Result<FacilityPayments> facility_payments(const std::string& facility_id, const PaymentFilter& f,
                                             const Context& ctx) override {
    return desk_.facility_payments(facility_id, f, ctx);
  }

 private:
  Online& online_;
  Desk& desk_;
};

}  // namespace slotbase::payment
