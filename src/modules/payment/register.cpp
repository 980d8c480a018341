#include "payment/register.h"

#include <stdexcept>

#include "booking/booking_events.h"
#include "booking/booking_payments.h"
#include "booking/payment_gateway.h"
#include "books.h"
#include "desk.h"
#include "online.h"
#include "organization/organization_service.h"
#include "payment_routes.h"
#include "payment_service_impl.h"
#include "platform/config/config.h"
#include "rules/webhook_signature.h"
#include "sandbox_provider.h"
#include "stripe_provider.h"

namespace slotbase::payment {
namespace {

class PaymentModule final : public Module {
 public:
  explicit PaymentModule(ModuleContext& c)
      : sandbox_secret_(load_or_create_secret(c.config.data_dir, "sandbox_webhook.key", 32)),
        provider_(make_provider(c)),
        books_(c.db, c.clock, c.outbox, c.jobs, c.services.get<booking::BookingPayments>()),
        online_(books_, *provider_, c.services.get<organization::OrganizationService>(),
                c.config.payments == "stripe" ? c.config.stripe_webhook_secret : sandbox_secret_),
        desk_(books_, c.services.get<organization::OrganizationService>(), c.services.get<identity::IdentityService>()),
        service_(online_, desk_),
        clock_(c.clock) {
    c.services.provide<PaymentService>(service_);
    c.services.provide<booking::PaymentGateway>(online_);
  }

  std::string_view name() const override { return "payment"; }

  void register_routes(http::Router& router) override { register_payment_routes(router, service_, sandbox_); }

  void subscribe(events::EventDispatcher& dispatcher) override {
    dispatcher.subscribe(
        "payment.charges", {booking::BookingConfirmed::kType},
        [this](const events::DomainEvent& e) { online_.on_confirmed(e); },
        [this](const std::vector<events::DomainEvent>& batch) { online_.on_confirmed_all(batch); });
    dispatcher.subscribe("payment.bookings", {booking::BookingCancelled::kType, booking::BookingNoShow::kType},
                         [this](const events::DomainEvent& e) {
                           if (e.type == booking::BookingCancelled::kType)
                             desk_.on_cancelled(e);
                           else
                             desk_.on_no_show(e);
                         });
  }

  void register_jobs(events::JobQueue& jobs) override {
    jobs.handle(kSendRefundJob, [this](const events::Job& job) { online_.send_refund(job.payload.at("refund_id")); });
    jobs.handle(kChargeFeeJob, [this](const events::Job& job) { online_.charge_fee(job.payload.at("fee_id")); });
    jobs.handle(kChargeBookingJob,
                [this](const events::Job& job) { online_.charge_booking(job.payload.at("booking_id")); });
    // The sandbox's webhooks reach the same code as Stripe's: signed, checked, applied once.
    jobs.handle(kSandboxWebhookJob, [this](const events::Job& job) {
      const std::string payload = job.payload.at("event");
      const auto signature = rules::sign_webhook(payload, sandbox_secret_, epoch_seconds(clock_.now()));
      auto received = service_.receive_webhook("sandbox", payload, signature);
      if (!received.ok()) throw std::runtime_error("sandbox webhook not taken: " + received.error().detail);
    });
  }

  void run_background_once() override { online_.reconcile(); }

 private:
  std::unique_ptr<PaymentProvider> make_provider(ModuleContext& c) {
    if (c.config.payments == "stripe") {
      // Without its keys Stripe would refuse every call, or we every webhook: refuse to start.
      // Without the publishable key no player could enter a card.
      if (c.config.stripe_secret_key.empty() || c.config.stripe_webhook_secret.empty() ||
          c.config.stripe_publishable_key.empty())
        throw std::invalid_argument(
            "payments=stripe needs stripe_secret_key, stripe_webhook_secret and stripe_publishable_key "
            "(SLOTBASE_STRIPE_SECRET_KEY, SLOTBASE_STRIPE_WEBHOOK_SECRET, SLOTBASE_STRIPE_PUBLISHABLE_KEY)");
      StripeOptions options;
      options.secret_key = c.config.stripe_secret_key;
      options.api_base = c.config.stripe_api_base;
      options.publishable_key = c.config.stripe_publishable_key;
      return make_stripe_provider(std::move(options));
    }
    auto sandbox = std::make_unique<SandboxProvider>(c.db, c.clock, c.jobs);
    sandbox_ = sandbox.get();
    return sandbox;
  }

  std::string sandbox_secret_;
  SandboxProvider* sandbox_ = nullptr;  // the provider, when it is the sandbox
  std::unique_ptr<PaymentProvider> provider_;
  Books books_;
  Online online_;
  Desk desk_;
  PaymentServiceImpl service_;
  const Clock& clock_;
};

}  // namespace

std::unique_ptr<Module> make_module(ModuleContext& context) {
  return std::make_unique<PaymentModule>(context);
}

}  // namespace slotbase::payment
