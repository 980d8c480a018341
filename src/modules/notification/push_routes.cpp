#include "push_routes.h"

#include "platform/http/handler_support.h"

namespace slotbase::notification {
namespace {

using http::JsonBody;
using http::Request;
using nlohmann::json;

json subscription_json(const PushSubscription& s) {
  return {{"id", s.id},
          {"endpoint", s.endpoint},
          {"keys", {{"p256dh", s.p256dh}, {"auth", s.auth}}},
          {"created_at", format_rfc3339(s.created_at)},
          {"last_success_at", s.last_success_at ? json(format_rfc3339(*s.last_success_at)) : json(nullptr)},
          {"failure_count", s.failure_count}};
}

/// {endpoint, keys: {p256dh, auth}} as PushSubscription.toJSON() gives it (expirationTime too,
/// which is ignored); errors name the field.
Result<PushSubscriptionInput> read_subscription(const std::string& text) {
  SB_ASSIGN_OR_RETURN(auto body, JsonBody::parse(text));
  body.only({"endpoint", "keys", "expirationTime"});
  PushSubscriptionInput in;
  if (auto v = body.string("endpoint", true, 4096)) in.endpoint = *v;
  if (const json* keys = body.object("keys", true)) {
    for (const auto& [name, value] : keys->items())
      if (name != "p256dh" && name != "auth") body.fail("keys." + name, "is not a key of a push subscription");
    auto key = [&](const char* name) {
      if (!keys->contains(name) || !(*keys)[name].is_string()) {
        body.fail(std::string("keys.") + name, "is required, a base64url string");
        return std::string();
      }
      return (*keys)[name].get<std::string>();
    };
    in.p256dh = key("p256dh");
    in.auth = key("auth");
  }
  SB_TRY(body.finish());
  return in;
}

}  // namespace

void register_push_routes(http::Router& router, PushSubscriptions& subscriptions, const Vapid& vapid) {
  router.add({"GET", "/api/v1/push/vapid-public-key",
              [&vapid](Request&) {
                return http::Response::json(200, {{"public_key", vapid.public_key}});
              },
              http::Auth::none, http::RateClass::normal,
              "The server's VAPID public key, for PushManager.subscribe's applicationServerKey"});
  router.add({"POST", "/api/v1/me/push-subscriptions",
              [&subscriptions](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto in, read_subscription(req.body), req);
                auto done = subscriptions.subscribe(http::caller(req), in);
                if (!done.ok()) return http::fail(req, done.error());
                return http::Response::json(done->created ? 201 : 200, subscription_json(done->subscription));
              },
              http::Auth::required, http::RateClass::normal,
              "Turn push notifications on for this device (idempotent on the endpoint)"});
  router.add({"DELETE", "/api/v1/me/push-subscriptions",
              [&subscriptions](Request& req) {
                // The endpoint as a query parameter or in a JSON body {endpoint}.
                std::string endpoint = req.query_param("endpoint").value_or("");
                if (!req.body.empty()) {
                  SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                  body.only({"endpoint"});
                  if (auto v = body.string("endpoint", endpoint.empty(), 4096)) endpoint = *v;
                  if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                }
                if (endpoint.empty()) return http::fail(req, Error::invalid("endpoint", "is required"));
                return http::reply_empty(req, subscriptions.unsubscribe(http::caller(req), endpoint));
              },
              http::Auth::required, http::RateClass::normal, "Turn push notifications off for this device"});
}

}  // namespace slotbase::notification
