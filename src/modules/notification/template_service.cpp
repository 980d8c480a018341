#include "template_service.h"

#include <algorithm>

#include "catalogue.h"

namespace slotbase::notification {
namespace {

using organization::FacilityId;

std::vector<std::string> sorted(const std::set<std::string>& s) {
  return {s.begin(), s.end()};
}

}  // namespace

TemplateEntry TemplateService::entry(const std::string& type, Channel channel, const std::string& locale) const {
  const auto& templates = overrides_.templates();
  TemplateEntry e;
  e.type = type;
  e.label = templates.type_label(type, locale);
  e.critical = type_info(type).critical;
  e.channel = channel;
  e.locale = locale;
  e.standard.subject = templates.source(type, channel, locale, channel == Channel::email ? "subject" : "title");
  e.standard.body = templates.source(type, channel, locale, channel == Channel::email ? "text" : "body").value_or("");
  const auto vocabulary = overrides_.vocabulary(type, channel, locale);
  e.names = sorted(vocabulary.names);
  e.partials = sorted(vocabulary.partials);
  return e;
}

Result<std::vector<TemplateEntry>> TemplateService::list(const std::string& facility_id, const std::string& locale,
                                                         const Context& ctx) {
  SB_TRY(orgs_.facility_for(FacilityId{facility_id}, identity::Permission::facility_view, ctx));
  const auto shipped = overrides_.templates().locales();
  if (std::ranges::find(shipped, locale) == shipped.end()) {
    std::string known;
    for (const auto& l : shipped) known += (known.empty() ? "" : ", ") + l;
    return Error::invalid("locale", "must be one of " + known);
  }
  auto custom = db_.read([&](db::Connection& c) { return TemplateRepository::of_facility(c, facility_id); });
  std::vector<TemplateEntry> out;
  for (const auto& info : catalogue())
    for (Channel channel : kChannels) {
      if (!overrides_.templates().has(info.name, channel, locale)) continue;
      auto e = entry(std::string(info.name), channel, locale);
      for (const auto& o : custom)
        if (o.type == e.type && o.channel == channel && o.locale == locale) e.custom = o;
      out.push_back(std::move(e));
    }
  return out;
}

Result<TemplateEntry> TemplateService::save(const std::string& facility_id, const TemplateRequest& r,
                                            const Context& ctx) {
  SB_TRY(orgs_.facility_for(FacilityId{facility_id}, identity::Permission::facility_manage, ctx));
  SB_TRY(overrides_.check(r.text, r.type, r.channel, r.locale));
  TemplateOverride o{facility_id, r.type, r.channel, r.locale, r.text.subject, r.text.body, ctx.user_id.value_or(""),
                     clock_.now()};
  db_.transact([&](db::Connection& tx) { TemplateRepository::save(tx, o); });
  auto e = entry(r.type, r.channel, r.locale);
  e.custom = std::move(o);
  return e;
}

Result<void> TemplateService::remove(const std::string& facility_id, const std::string& type, Channel channel,
                                     const std::string& locale, const Context& ctx) {
  SB_TRY(orgs_.facility_for(FacilityId{facility_id}, identity::Permission::facility_manage, ctx));
  if (!find_type(type)) return Error::invalid("type", "is not a notification type");
  if (!overrides_.templates().has(type, channel, Templates::kDefaultLocale))
    return Error::invalid("channel", type + " has no template on " + str(channel));
  if (!overrides_.templates().has(type, channel, locale))
    return Error::invalid("locale", "has no templates for " + type + " on " + str(channel));
  db_.transact([&](db::Connection& tx) { TemplateRepository::remove(tx, facility_id, type, channel, locale); });
  return {};
}

SampleSetting TemplateService::setting(const organization::Facility& f, const std::string& locale) const {
  SampleSetting s{f.name, *Zone::find("UTC"), f.currency, "", {}, links_.app(), links_.unsubscribe("preview")};
  if (auto zone = Zone::find(f.timezone)) s.zone = *zone;
  // Tomorrow at 10:00 on the facility's wall clock, on its first court.
  s.start = s.zone.at(Zone::add_days(s.zone.date_of(clock_.now()), 1), LocalTime{10 * 60});
  for (const auto& r : resources_.resources_of(f.id)) {
    s.court = r.name;
    break;
  }
  if (s.court.empty()) s.court = overrides_.templates().samples(locale).value("court", std::string());
  return s;
}

Result<Rendered> TemplateService::preview(const std::string& facility_id, const TemplateRequest& r,
                                          const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto facility,
                      orgs_.facility_for(FacilityId{facility_id}, identity::Permission::facility_view, ctx));
  SB_TRY(overrides_.check(r.text, r.type, r.channel, r.locale));
  return overrides_.render_text(r.text, r.type, r.channel, r.locale,
                                overrides_.sample(r.type, r.channel, r.locale, setting(facility, r.locale)));
}

}  // namespace slotbase::notification
