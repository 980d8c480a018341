#include "notification/register.h"

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
#include "template_overrides.h"
#include "template_routes.h"
#include "template_service.h"
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
        overrides_(c.db, templates_),
        preferences_(c.db, c.clock),
        facts_(c.services.get<organization::OrganizationService>(), c.services.get<resource::ResourceService>(),
               templates_),
        notifier_(c.clock, c.outbox, c.jobs, c.services.get<identity::IdentityService>(),
                  c.services.get<organization::OrganizationService>(), templates_, overrides_, preferences_,
                  Links{c.config.public_base_url(), unsubscribe_secret_}),
        reminders_(c.db, c.clock, c.jobs, c.services.get<booking::BookingService>(), facts_, notifier_),
        listener_(c.db, c.clock, c.services.get<booking::BookingService>(), facts_, notifier_, reminders_),
        delivery_(c.db, c.clock, c.jobs, mailer_from(c.config), c.config.smtp_from),
        service_(c.db, c.clock, c.services.get<identity::IdentityService>(),
                 c.services.get<organization::OrganizationService>(), preferences_, unsubscribe_secret_),
        template_service_(c.db, c.clock, c.services.get<organization::OrganizationService>(),
                          c.services.get<resource::ResourceService>(), overrides_, notifier_.links()) {
    c.services.provide<NotificationService>(service_);
  }

  std::string_view name() const override { return "notification"; }

  void register_routes(http::Router& router) override {
    register_notification_routes(router, service_, templates_);
    register_template_routes(router, template_service_);
  }

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
  Templates templates_;
  TemplateOverrides overrides_;
  PreferenceStore preferences_;
  Facts facts_;
  Notifier notifier_;
  Reminders reminders_;
  Listener listener_;
  Delivery delivery_;
  NotificationServiceImpl service_;
  TemplateService template_service_;
};

}  // namespace

std::unique_ptr<Module> make_module(ModuleContext& context) {
  return std::make_unique<NotificationModule>(context);
}

}  // namespace slotbase::notification
