#include "template_routes.h"

#include "platform/http/handler_support.h"

namespace slotbase::notification {
namespace {

using http::JsonBody;
using http::Request;
using nlohmann::json;

json opt(const std::optional<std::string>& v) {
  return v ? json(*v) : json(nullptr);
}

json entry_json(const TemplateEntry& e) {
  json custom = nullptr;
  if (e.custom)
    custom = {{"subject", opt(e.custom->subject)},
              {"body", e.custom->body},
              {"updated_by", e.custom->updated_by},
              {"updated_at", format_rfc3339(e.custom->updated_at)}};
  return {{"type", e.type},         {"label", e.label},
          {"critical", e.critical}, {"channel", str(e.channel)},
          {"locale", e.locale},     {"default", {{"subject", opt(e.standard.subject)}, {"body", e.standard.body}}},
          {"override", custom},     {"names", e.names},
          {"partials", e.partials}};
}

std::optional<Channel> read_channel(JsonBody& body, const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  auto channel = enum_from<Channel>(*text);
  if (!channel) body.fail("channel", "must be one of email, in_app, sms, push");
  return channel;
}

/// {channel, locale, subject?, body} for the template of the path's type.
Result<TemplateRequest> read_template(const Request& req) {
  SB_ASSIGN_OR_RETURN(auto body, JsonBody::parse(req.body));
  body.only({"channel", "locale", "subject", "body"});
  TemplateRequest r;
  r.type = req.param("type");
  auto channel = read_channel(body, body.string("channel", true, 20));
  auto locale = body.string("locale", true, 35);
  if (!body.is_null("subject")) r.text.subject = body.string("subject", false, TemplateOverrides::kMaxSubject);
  auto text = body.string("body", true, TemplateOverrides::kMaxBody);
  SB_TRY(body.finish());
  r.channel = *channel;
  r.locale = *locale;
  r.text.body = *text;
  return r;
}

}  // namespace

void register_template_routes(http::Router& router, TemplateService& templates) {
  router.add(
      {"GET", "/api/v1/facilities/{facility_id}/notification-templates",
       [&templates](Request& req) {
         const std::string locale = req.query_param("locale").value_or(std::string(Templates::kDefaultLocale));
         return http::reply(req, 200, templates.list(req.param("facility_id"), locale, http::context_of(req)),
                            [](const std::vector<TemplateEntry>& entries) {
                              json items = json::array();
                              for (const auto& e : entries) items.push_back(entry_json(e));
                              return json{{"items", items}};
                            });
       },
       http::Auth::required, http::RateClass::normal,
       "The facility's notification templates in one locale: each type and channel, the default and its own (staff)"});
  router.add({"PUT", "/api/v1/facilities/{facility_id}/notification-templates/{type}",
              [&templates](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto r, read_template(req), req);
                return http::reply(req, 200, templates.save(req.param("facility_id"), r, http::context_of(req)),
                                   entry_json);
              },
              http::Auth::required, http::RateClass::normal,
              "Word a notification type the facility's own way (facility managers)"});
  router.add({"DELETE", "/api/v1/facilities/{facility_id}/notification-templates/{type}",
              [&templates](Request& req) {
                const auto channel = enum_from<Channel>(req.query_param("channel").value_or(""));
                if (!channel)
                  return http::fail(req, Error::invalid("channel", "must be one of email, in_app, sms, push"));
                const auto locale = req.query_param("locale").value_or("");
                if (locale.empty()) return http::fail(req, Error::invalid("locale", "is required"));
                return http::reply_empty(req, templates.remove(req.param("facility_id"), req.param("type"), *channel,
                                                               locale, http::context_of(req)));
              },
              http::Auth::required, http::RateClass::normal,
              "Go back to the default wording of a notification type (facility managers)"});
  router.add({"POST", "/api/v1/facilities/{facility_id}/notification-templates/{type}/preview",
              [&templates](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto r, read_template(req), req);
                return http::reply(req, 200, templates.preview(req.param("facility_id"), r, http::context_of(req)),
                                   [](const Rendered& m) {
                                     return json{{"subject", m.title}, {"text", m.text}, {"html", opt(m.html)}};
                                   });
              },
              http::Auth::required, http::RateClass::normal,
              "A wording of a notification type rendered with a sample booking at the facility (staff)"});
}

}  // namespace slotbase::notification
