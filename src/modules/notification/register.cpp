#include "notification/register.h"

#include "account_mail.h"
#include "batching.h"
#include "booking/booking_service.h"
#include "bounces.h"
#include "delivery.h"
#include "facts.h"
#include "identity/identity_service.h"
#include "listener.h"
#include "notification_routes.h"
#include "notification_service_impl.h"
#include "notifier.h"
#include "organization/organization_service.h"
#include "platform/config/config.h"
#include "platform/log/log.h"
#include "preferences.h"
#include "push_routes.h"
#include "push_subscriptions.h"
#include "reminders.h"
#include "resend_mailer.h"
#include "resource/resource_service.h"
#include "smtp_mailer.h"
#include "template_overrides.h"
#include "template_routes.h"
#include "template_service.h"
#include "templates.h"
#include "twilio_sms.h"
#include "web_push.h"

namespace slotbase::notification {
namespace {

// SMTP when both are configured: a mail server of one's own is the deliberate choice
// (docs/decisions.md).
std::unique_ptr<EmailSender> mailer_from(const Config& config) {
  if (!config.smtp_url.empty()) {
    if (!config.resend_api_key.empty()) log::warn("both smtp_url and resend_api_key are set: e-mail goes over SMTP");
    return std::make_unique<SmtpMailer>(config.smtp_url);
  }
  if (!config.resend_api_key.empty())
    return std::make_unique<ResendMailer>(ResendOptions{config.resend_api_key, config.resend_api_base});
  return nullptr;  // the local outbox
}

std::unique_ptr<SmsSender> texter_from(const Config& config) {
  if (config.twilio_account_sid.empty() || config.twilio_auth_token.empty() || config.twilio_from.empty())
    return nullptr;  // the local outbox
  return std::make_unique<TwilioSms>(
      TwilioOptions{config.twilio_account_sid, config.twilio_auth_token, config.twilio_from, config.twilio_api_base});
}

Limits limits_from(const Config& config) {
  Limits limits;
  limits.hourly_cap = config.notification_hourly_cap;
  return limits;
}

/// The contact VAPID tokens name: the configured one, else the platform's sender address.
std::string vapid_subject(const Config& config) {
  if (!config.vapid_subject.empty()) return config.vapid_subject;
  const auto open = config.smtp_from.find('<'), close = config.smtp_from.find('>');
  if (open != std::string::npos && close != std::string::npos && close > open)
    return "mailto:" + config.smtp_from.substr(open + 1, close - open - 1);
  return "mailto:" + config.smtp_from;
}

class NotificationModule final : public Module {
 public:
  explicit NotificationModule(ModuleContext& c)
      : unsubscribe_secret_(load_or_create_secret(c.config.data_dir, "unsubscribe.key", 32)),
        seal_secret_(load_or_create_secret(c.config.data_dir, "sealed-links.key", 32)),
        overrides_(c.db, templates_),
        preferences_(c.db, c.clock),
        vapid_(load_or_create_vapid(c.config.data_dir, vapid_subject(c.config))),
        push_subscriptions_(c.db, c.clock, c.config.push_allow_loopback_http),
        facts_(c.services.get<organization::OrganizationService>(), c.services.get<resource::ResourceService>()),
        notifier_(c.clock, c.outbox, c.jobs, c.services.get<identity::IdentityService>(),
                  c.services.get<organization::OrganizationService>(), templates_, overrides_, preferences_,
                  Links{c.config.public_base_url(), unsubscribe_secret_}, push_subscriptions_, limits_from(c.config)),
        reminders_(c.db, c.clock, c.jobs, c.services.get<booking::BookingService>(),
                   c.services.get<organization::OrganizationService>(), facts_, notifier_),
        listener_(c.db, c.clock, c.services.get<booking::BookingService>(),
                  c.services.get<organization::OrganizationService>(), c.services.get<identity::IdentityService>(),
                  facts_, notifier_, reminders_),
        delivery_(c.db, c.clock, c.jobs, mailer_from(c.config), c.config.smtp_from, seal_secret_, texter_from(c.config),
                  c.config.twilio_from.empty() ? "SlotBase" : c.config.twilio_from),
        push_delivery_(c.db, c.clock, c.jobs, push_subscriptions_, vapid_,
                       WebPushClient(c.config.push_allow_loopback_http)),
        batcher_(c.db, c.clock, c.jobs, templates_, limits_from(c.config)),
        resend_(c.db, c.clock, c.config.resend_webhook_secret),
        account_mail_(c.db, c.clock, templates_, notifier_, seal_secret_),
        service_(c.db, c.clock, c.services.get<identity::IdentityService>(),
                 c.services.get<organization::OrganizationService>(), preferences_, unsubscribe_secret_, resend_),
        template_service_(c.db, c.clock, c.services.get<organization::OrganizationService>(),
                          c.services.get<resource::ResourceService>(), overrides_, notifier_.links()) {
    c.services.provide<NotificationService>(service_);
    c.services.provide<identity::AccountMailer>(account_mail_);
    c.services.provide<organization::InvitationMailer>(account_mail_);
  }

  std::string_view name() const override { return "notification"; }

  void register_routes(http::Router& router) override {
    register_notification_routes(router, service_, templates_);
    register_template_routes(router, template_service_);
    register_push_routes(router, push_subscriptions_, vapid_);
  }

  void subscribe(events::EventDispatcher& dispatcher) override {
    dispatcher.subscribe(
        Listener::kSubscriber, Listener::event_types(), [this](const events::DomainEvent& e) { listener_.on_event(e); },
        [this](const std::vector<events::DomainEvent>& batch) { listener_.on_events(batch); });
  }

  void register_jobs(events::JobQueue& jobs) override {
    jobs.handle(kSendEmailJob, [this](const events::Job& job) { delivery_.send_email(job); });
    jobs.handle(kSendPushJob, [this](const events::Job& job) { push_delivery_.send(job); });
    jobs.handle(kSendSmsJob, [this](const events::Job& job) { delivery_.send_sms(job); });
    jobs.handle(kFlushBatchJob, [this](const events::Job& job) { batcher_.flush(job); });
    jobs.handle(kReminderJob, [this](const events::Job& job) { reminders_.run(job); });
  }

 private:
  std::string unsubscribe_secret_;
  std::string seal_secret_;
  Templates templates_;
  TemplateOverrides overrides_;
  PreferenceStore preferences_;
  Vapid vapid_;
  PushSubscriptions push_subscriptions_;
  Facts facts_;
  Notifier notifier_;
  Reminders reminders_;
  Listener listener_;
  Delivery delivery_;
  PushDelivery push_delivery_;
  Batcher batcher_;
  ResendWebhooks resend_;
  AccountMail account_mail_;
  NotificationServiceImpl service_;
  TemplateService template_service_;
};

}  // namespace

std::unique_ptr<Module> make_module(ModuleContext& context) {
  return std::make_unique<NotificationModule>(context);
}

}  // namespace slotbase::notification
