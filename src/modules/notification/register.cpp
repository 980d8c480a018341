#include "notification/register.h"

#include "account_mail.h"
#include "booking/booking_service.h"
#include "delivery.h"
#include "facts.h"
#include "identity/identity_service.h"
#include "listener.h"
#include "notification_routes.h"
#include "notification_service_impl.h"
#include "notifier.h"
#include "organization/organization_service.h"
#include "platform/config/config.h"
#include "preferences.h"
#include "reminders.h"
#include "resource/resource_service.h"
#include "templates.h"

namespace slotbase::notification {
namespace {

std::unique_ptr<SmtpMailer> mailer_from(const Config& config) {
  if (config.smtp_url.empty()) return nullptr;  // the local outbox
  return std::make_unique<SmtpMailer>(config.smtp_url);
}

class NotificationModule final : public Module {
 public:
  explicit NotificationModule(ModuleContext& c)
      : unsubscribe_secret_(load_or_create_secret(c.config.data_dir, "unsubscribe.key", 32)),
        seal_secret_(load_or_create_secret(c.config.data_dir, "sealed-links.key", 32)),
        preferences_(c.db, c.clock),
        facts_(c.services.get<organization::OrganizationService>(), c.services.get<resource::ResourceService>(),
               templates_),
        notifier_(c.clock, c.outbox, c.jobs, c.services.get<identity::IdentityService>(),
                  c.services.get<organization::OrganizationService>(), templates_, preferences_,
                  Links{c.config.public_base_url(), unsubscribe_secret_}),
        reminders_(c.db, c.clock, c.jobs, c.services.get<booking::BookingService>(), facts_, notifier_),
        listener_(c.db, c.clock, c.services.get<booking::BookingService>(), facts_, notifier_, reminders_),
        delivery_(c.db, c.clock, c.jobs, mailer_from(c.config), c.config.smtp_from, seal_secret_),
        account_mail_(c.db, c.clock, templates_, notifier_, seal_secret_),
        service_(c.db, c.clock, c.services.get<identity::IdentityService>(),
                 c.services.get<organization::OrganizationService>(), preferences_, unsubscribe_secret_) {
    c.services.provide<NotificationService>(service_);
    c.services.provide<identity::AccountMailer>(account_mail_);
  }

  std::string_view name() const override { return "notification"; }

  void register_routes(http::Router& router) override { register_notification_routes(router, service_, templates_); }

  void subscribe(events::EventDispatcher& dispatcher) override {
    dispatcher.subscribe(Listener::kSubscriber, Listener::event_types(),
                         [this](const events::DomainEvent& e) { listener_.on_event(e); });
  }

  void register_jobs(events::JobQueue& jobs) override {
    jobs.handle(kSendEmailJob, [this](const events::Job& job) { delivery_.send_email(job); });
    jobs.handle(kReminderJob, [this](const events::Job& job) { reminders_.run(job); });
  }

 private:
  std::string unsubscribe_secret_;
  std::string seal_secret_;
  Templates templates_;
  PreferenceStore preferences_;
  Facts facts_;
  Notifier notifier_;
  Reminders reminders_;
  Listener listener_;
  Delivery delivery_;
  AccountMail account_mail_;
  NotificationServiceImpl service_;
};

}  // namespace

std::unique_ptr<Module> make_module(ModuleContext& context) {
  return std::make_unique<NotificationModule>(context);
}

}  // namespace slotbase::notification
