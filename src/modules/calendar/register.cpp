#include "calendar/register.h"

#include "booking/booking_service.h"
#include "calendar_routes.h"
#include "calendar_service_impl.h"
#include "entries.h"
#include "feeds.h"
#include "organization/organization_service.h"
#include "platform/config/config.h"
#include "resource/resource_service.h"

namespace slotbase::calendar {
namespace {

class CalendarModule final : public Module {
 public:
  explicit CalendarModule(ModuleContext& c)
      : feeds_(c.db, c.clock, load_or_create_secret(c.config.data_dir, "calendar_feed.key", 32)),
        entries_(c.db, c.services.get<booking::BookingService>()),
        service_(c.db, c.clock, feeds_, entries_, c.services.get<organization::OrganizationService>(),
                 c.services.get<resource::ResourceService>()) {
    c.services.provide<CalendarService>(service_);
  }

  std::string_view name() const override { return "calendar"; }

  void register_routes(http::Router& router) override { register_calendar_routes(router, service_); }

  void subscribe(events::EventDispatcher& dispatcher) override {
    dispatcher.subscribe(
        "calendar.entries", Entries::event_types(), [this](const events::DomainEvent& e) { entries_.apply(e); },
        [this](const std::vector<events::DomainEvent>& batch) { entries_.apply_all(batch); });
  }

 private:
  Feeds feeds_;
  Entries entries_;
  CalendarServiceImpl service_;
};

}  // namespace

std::unique_ptr<Module> make_module(ModuleContext& context) {
  return std::make_unique<CalendarModule>(context);
}

}  // namespace slotbase::calendar
