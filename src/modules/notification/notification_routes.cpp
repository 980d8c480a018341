#include "notification_routes.h"

#include "catalogue.h"
#include "platform/http/handler_support.h"

namespace slotbase::notification {
namespace {

using http::JsonBody;
using http::Request;
using http::Response;
using nlohmann::json;

template <class T>
json opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json opt_time(const std::optional<Instant>& t) {
  return t ? json(format_rfc3339(*t)) : json(nullptr);
}

/// What a client may see of what it is about (the unsubscribe link is the e-mail's own; what a
/// batch needs to say is the module's).
json public_data(const json& data) {
  json out = data;
  out.erase("unsubscribe_url");
  out.erase("batch_item");
  out.erase("batch_context");
  return out;
}

json inbox_item_json(const Notification& n) {
  return {{"id", n.id.str()},
          {"type", n.type},
          {"title", n.title},
          {"body", n.body},
          {"data", public_data(n.data)},
          {"facility_id", opt(n.facility_id)},
          {"read", n.read_at.has_value()},
          {"read_at", opt_time(n.read_at)},
          {"created_at", format_rfc3339(n.created_at)}};
}

json attempt_json(const DeliveryAttempt& a) {
  return {{"at", format_rfc3339(a.at)}, {"provider", a.provider}, {"outcome", a.outcome}, {"error", opt(a.error)}};
}

json delivery_json(const Notification& n, const std::vector<DeliveryAttempt>& attempts,
                   const std::optional<std::string>& recipient_name) {
  json log = json::array();
  for (const auto& a : attempts) log.push_back(attempt_json(a));
  return {{"id", n.id.str()},
          {"type", n.type},
          {"channel", str(n.channel)},
          {"user_id", n.user_id},
          {"recipient", n.recipient},
          {"recipient_name", opt(recipient_name)},
          {"status", str(n.status)},
          {"attempts", n.attempts},
          {"attempt_log", log},
          {"error", opt(n.error)},
          {"undeliverable", n.undeliverable},
          {"critical", n.critical},
          {"subject", n.title},
          {"body", n.body},
          {"data", public_data(n.data)},
          {"send_after", format_rfc3339(n.send_after)},
          {"sent_at", opt_time(n.sent_at)},
          {"created_at", format_rfc3339(n.created_at)}};
}

json switches_json(const ChannelSwitches& s) {
  json out = json::object();
  for (Channel c : kChannels) {
    auto it = s.find(c);
    out[std::string(to_string(c))] = it != s.end() && it->second;
  }
  return out;
}

json preferences_json(const Preferences& p, const Templates& templates) {
  json types = json::object();
  for (const auto& [type, switches] : p.types) types[type] = switches_json(switches);
  // The types for people, in the catalogue's order; critical ones are always in the inbox.
  json listed = json::array();
  for (const auto& t : catalogue())
    listed.push_back({{"type", t.name},
                      {"label", templates.type_label(t.name, Templates::kDefaultLocale)},
                      {"critical", t.critical}});
  return {{"channels", switches_json(p.channels)},
          {"types", types},
          {"catalogue", listed},
          {"quiet_hours",
           {{"enabled", p.quiet_hours},
            {"start", p.quiet_start.str()},
            {"end", p.quiet_end.str()},
            {"timezone", opt(p.timezone)}}}};
}

/// {email, sms, push, in_app} as booleans; errors name "<field>.<channel>".
std::optional<ChannelSwitches> read_switches(JsonBody& body, const json& doc, const std::string& field) {
  if (!doc.is_object()) {
    body.fail(field, "must be an object of channels (email, sms, push, in_app) to true or false");
    return std::nullopt;
  }
  ChannelSwitches out;
  for (const auto& [name, on] : doc.items()) {
    auto channel = enum_from<Channel>(name);
    if (!channel)
      body.fail(field + "." + name, "is not a channel (email, sms, push, in_app)");
    else if (!on.is_boolean())
      body.fail(field + "." + name, "must be true or false");
    else
      out[*channel] = on.get<bool>();
  }
  return out;
}

Result<PreferencesPatch> read_preferences(const std::string& text) {
  SB_ASSIGN_OR_RETURN(auto body, JsonBody::parse(text));
  body.only({"channels", "types", "quiet_hours"});
  PreferencesPatch patch;
  const json& doc = body.doc();
  if (doc.contains("channels")) patch.channels = read_switches(body, doc["channels"], "channels");
  if (doc.contains("types")) {
    if (!doc["types"].is_object())
      body.fail("types", "must be an object of notification types");
    else
      for (const auto& [type, switches] : doc["types"].items())
        if (auto s = read_switches(body, switches, "types." + type)) patch.types[type] = *s;
  }
  if (doc.contains("quiet_hours")) {
    const json& q = doc["quiet_hours"];
    if (!q.is_object()) {
      body.fail("quiet_hours", "must be an object {enabled, start, end, timezone}");
    } else {
      for (const auto& [name, value] : q.items())
        if (name != "enabled" && name != "start" && name != "end" && name != "timezone")
          body.fail("quiet_hours." + name, "is not a field of quiet_hours");
      auto time = [&](const char* name) -> std::optional<LocalTime> {
        if (!q.contains(name)) return std::nullopt;
        auto t = q[name].is_string() ? LocalTime::parse(q[name].get<std::string>()) : std::nullopt;
        if (!t || t->minutes >= 1440) body.fail(std::string("quiet_hours.") + name, "must be a time HH:MM");
        return t;
      };
      patch.quiet_start = time("start");
      patch.quiet_end = time("end");
      if (q.contains("enabled")) {
        if (q["enabled"].is_boolean())
          patch.quiet_hours = q["enabled"].get<bool>();
        else
          body.fail("quiet_hours.enabled", "must be true or false");
      }
      if (q.contains("timezone")) {
        if (q["timezone"].is_null())
          patch.timezone = std::optional<std::string>();
        else if (q["timezone"].is_string())
          patch.timezone = std::optional<std::string>(q["timezone"].get<std::string>());
        else
          body.fail("quiet_hours.timezone", "must be an IANA time zone or null");
      }
    }
  }
  SB_TRY(body.finish());
  return patch;
}

Result<std::optional<std::string>> query_enum_status(const Request& req) {
  auto text = req.query_param("status");
  if (!text || text->empty()) return std::optional<std::string>();
  if (!enum_from<DeliveryStatus>(*text))
    return Error::invalid("status", "must be one of queued, sent, delivered, failed, suppressed");
  return std::optional<std::string>(*text);
}

/// The delivery log's type, channel and date filters (empty: any), into `q`.
Result<void> read_log_filters(const Request& req, DeliveryQuery& q) {
  if (auto text = req.query_param("type"); text && !text->empty()) {
    if (!find_type(*text)) return Error::invalid("type", "is not a notification type");
    q.type = *text;
  }
  if (auto text = req.query_param("channel"); text && !text->empty()) {
    q.channel = enum_from<Channel>(*text);
    if (!q.channel) return Error::invalid("channel", "must be one of email, in_app, sms, push");
  }
  if (auto text = req.query_param("date"); text && !text->empty()) {
    q.date = LocalDate::parse(*text);
    if (!q.date) return Error::invalid("date", "must be a date YYYY-MM-DD");
  }
  return {};
}

Response html_page(int status, std::string body) {
  auto r = Response::text(status, std::move(body), "text/html; charset=utf-8");
  r.headers["Cache-Control"] = "no-store";
  r.headers["Referrer-Policy"] = "no-referrer";
  return r;
}

bool wants_html(const Request& req) {
  return req.header("Accept").value_or("").find("text/html") != std::string::npos;
}

void add_inbox_routes(http::Router& router, NotificationService& notifications) {
  router.add(
      {"GET", "/api/v1/me/notifications",
       [&notifications](Request& req) {
         InboxQuery q;
         const auto unread = req.query_param("unread").value_or("false");
         if (unread != "true" && unread != "false")
           return http::fail(req, Error::invalid("unread", "must be true or false"));
         q.unread_only = unread == "true";
         SB_ASSIGN_OR_RETURN_RESPONSE(q.limit, http::query_int(req, "limit", 50, 1, 200), req);
         q.cursor = req.query_param("cursor");
         return http::reply(req, 200, notifications.inbox(q, http::context_of(req)), [](const Inbox& inbox) {
           json items = json::array();
           for (const auto& n : inbox.items) items.push_back(inbox_item_json(n));
           return json{{"items", items}, {"unread_count", inbox.unread_count}, {"next_cursor", opt(inbox.next_cursor)}};
         });
       },
       http::Auth::required, http::RateClass::normal, "The caller's in-app notifications"});
  router.add({"POST", "/api/v1/notifications/{notification_id}/read",
              [&notifications](Request& req) {
                return http::reply(
                    req, 200,
                    notifications.mark_read(NotificationId{req.param("notification_id")}, http::context_of(req)),
                    inbox_item_json);
              },
              http::Auth::required, http::RateClass::normal, "Mark one of the caller's notifications read"});
  router.add({"POST", "/api/v1/me/notifications/read-all",
              [&notifications](Request& req) {
                return http::reply(req, 200, notifications.mark_all_read(http::context_of(req)), [](std::int64_t n) {
                  return json{{"marked", n}};
                });
              },
              http::Auth::required, http::RateClass::normal, "Mark all of the caller's notifications read"});
}

void add_preference_routes(http::Router& router, NotificationService& notifications, const Templates& templates) {
  router.add({"GET", "/api/v1/me/notification-preferences",
              [&notifications, &templates](Request& req) {
                return http::reply(req, 200, notifications.preferences(http::context_of(req)),
                                   [&](const Preferences& p) { return preferences_json(p, templates); });
              },
              http::Auth::required, http::RateClass::normal, "The caller's notification preferences"});
  router.add({"PUT", "/api/v1/me/notification-preferences",
              [&notifications, &templates](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto patch, read_preferences(req.body), req);
                return http::reply(req, 200, notifications.update_preferences(patch, http::context_of(req)),
                                   [&](const Preferences& p) { return preferences_json(p, templates); });
              },
              http::Auth::required, http::RateClass::normal, "Change the caller's notification preferences"});
  // The link in an e-mail opens a page that asks; only its POST (or a mail client's RFC 8058
  // one-click POST) acts. A scanner or a link preview following the link changes nothing.
  router.add({"GET", "/api/v1/unsubscribe",
              [&notifications, &templates](Request& req) {
                const std::string token = req.query_param("token").value_or("");
                auto target = notifications.unsubscribe_target(token);
                if (!target.ok()) return html_page(404, templates.page("unsubscribe", "en", {{"invalid", true}}));
                return html_page(200, templates.page("unsubscribe", target->locale,
                                                     {{"confirm", true},
                                                      {"label", templates.type_label(target->type, target->locale)},
                                                      {"action", "/api/v1/unsubscribe?token=" + token}}));
              },
              http::Auth::none, http::RateClass::normal, "The page an unsubscribe link opens (changes nothing)"});
  router.add({"POST", "/api/v1/unsubscribe",
              [&notifications, &templates](Request& req) {
                auto done = notifications.unsubscribe(req.query_param("token").value_or(""), http::context_of(req));
                if (wants_html(req)) {
                  if (!done.ok()) return html_page(404, templates.page("unsubscribe", "en", {{"invalid", true}}));
                  return html_page(
                      200, templates.page("unsubscribe", done->locale,
                                          {{"done", true}, {"label", templates.type_label(done->type, done->locale)}}));
                }
                return http::reply(req, 200, done, [](const Unsubscribed& u) {
                  return json{{"unsubscribed", true}, {"type", u.type}, {"channel", "email"}};
                });
              },
              http::Auth::none, http::RateClass::normal, "One-click unsubscribe (RFC 8058)",
              "application/x-www-form-urlencoded, multipart/form-data"});
}

void add_staff_routes(http::Router& router, NotificationService& notifications) {
  router.add({"GET", "/api/v1/facilities/{facility_id}/notifications",
              [&notifications](Request& req) {
                DeliveryQuery q;
                SB_ASSIGN_OR_RETURN_RESPONSE(auto status, query_enum_status(req), req);
                if (status) q.status = enum_from<DeliveryStatus>(*status);
                q.user_id = req.query_param("user_id");
                if (q.user_id && q.user_id->empty()) q.user_id.reset();
                if (auto filters = read_log_filters(req, q); !filters.ok()) return http::fail(req, filters.error());
                SB_ASSIGN_OR_RETURN_RESPONSE(q.limit, http::query_int(req, "limit", 100, 1, 500), req);
                q.cursor = req.query_param("cursor");
                return http::reply(
                    req, 200, notifications.delivery_log(req.param("facility_id"), q, http::context_of(req)),
                    [](const DeliveryLog& log) {
                      json items = json::array();
                      static const std::vector<DeliveryAttempt> none;
                      for (const auto& n : log.items) {
                        auto it = log.attempts.find(n.id.str());
                        auto name = log.names.find(n.user_id);
                        items.push_back(delivery_json(
                            n, it == log.attempts.end() ? none : it->second,
                            name == log.names.end() ? std::nullopt : std::optional<std::string>(name->second)));
                      }
                      return json{{"items", items}, {"next_cursor", opt(log.next_cursor)}};
                    });
              },
              http::Auth::required, http::RateClass::normal, "The facility's notification delivery log (staff)"});
  router.add({"GET", "/api/v1/facilities/{facility_id}/notifications/{notification_id}",
              [&notifications](Request& req) {
                return http::reply(
                    req, 200,
                    notifications.delivery(req.param("facility_id"), NotificationId{req.param("notification_id")},
                                           http::context_of(req)),
                    [](const DeliveryRecord& r) {
                      json out = delivery_json(r.notification, r.attempts, r.recipient_name);
                      out["html"] = opt(r.notification.html);
                      return out;
                    });
              },
              http::Auth::required, http::RateClass::normal,
              "One of the facility's messages as it was sent, with its HTML (staff)"});
  router.add({"GET", "/api/v1/admin/outbox",
              [&notifications](Request& req) {
                OutboxQuery q;
                q.to = req.query_param("to");
                if (q.to && q.to->empty()) q.to.reset();
                SB_ASSIGN_OR_RETURN_RESPONSE(q.limit, http::query_int(req, "limit", 50, 1, 200), req);
                q.cursor = req.query_param("cursor");
                return http::reply(req, 200, notifications.outbox(q, http::context_of(req)), [](const OutboxPage& p) {
                  json items = json::array();
                  for (const auto& m : p.items)
                    items.push_back({{"id", m.id},
                                     {"channel", m.channel},
                                     {"notification_id", m.notification_id},
                                     {"to", m.to},
                                     {"from", m.from},
                                     {"subject", m.subject},
                                     {"text", m.text},
                                     {"html", m.html},
                                     {"headers", m.headers},
                                     {"message", m.message},
                                     {"created_at", format_rfc3339(m.created_at)}});
                  return json{{"items", items}, {"next_cursor", opt(p.next_cursor)}};
                });
              },
              http::Auth::required, http::RateClass::normal,
              "E-mails and text messages kept in the local outbox (platform administrators)"});
  router.add({"POST", "/api/v1/webhooks/resend",
              [&notifications](Request& req) {
                auto received = notifications.receive_resend_webhook(
                    req.body, {req.header("svix-id").value_or(""), req.header("svix-timestamp").value_or(""),
                               req.header("svix-signature").value_or("")});
                if (!received.ok()) return http::fail(req, received.error());
                return Response::json(200, {{"received", true}});
              },
              http::Auth::none, http::RateClass::exempt,
              "Events from Resend: bounces, complaints, deliveries (Svix-signed; a repeat changes nothing)"});
}

}  // namespace

void register_notification_routes(http::Router& router, NotificationService& notifications,
                                  const Templates& templates) {
  add_inbox_routes(router, notifications);
  add_preference_routes(router, notifications, templates);
  add_staff_routes(router, notifications);
}

}  // namespace slotbase::notification
