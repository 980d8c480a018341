#include "identity_routes.h"

#include "platform/http/handler_support.h"

namespace slotbase::identity {
namespace {

using http::JsonBody;
using http::Request;
using http::Response;
using nlohmann::json;

json user_json(const User& u) {
  return {{"id", u.id.str()},
          {"email", u.email},
          {"email_verified", u.email_verified},
          {"pending_email", u.pending_email ? json(*u.pending_email) : json(nullptr)},
          {"name", u.name},
          {"status", u.status},
          {"phone", u.phone ? json(*u.phone) : json(nullptr)},
          {"locale", u.locale},
          {"created_at", format_rfc3339(u.created_at)}};
}

/// 202 with what happens next, or the error.
Response accepted(const Request& req, const Result<void>& result, const char* detail) {
  if (!result.ok()) return http::fail(req, result.error());
  return Response::json(202, {{"status", "accepted"}, {"detail", detail}});
}

json role_json(const RoleAssignment& r) {
  return {{"id", r.id.str()},
          {"role", std::string(to_string(r.role))},
          {"scope_type", std::string(to_string(r.scope_type))},
          {"scope_id", r.scope_id.empty() ? json(nullptr) : json(r.scope_id)}};
}

json auth_json(const AuthResult& a) {
  return {{"user", user_json(a.user)},
          {"access_token", a.access_token},
          {"refresh_token", a.refresh_token},
          {"token_type", "Bearer"},
          {"expires_at", format_rfc3339(a.access_expires_at)}};
}

json profile_json(const Profile& p) {
  json j = user_json(p.user);
  j["roles"] = json::array();
  for (const auto& r : p.roles) j["roles"].push_back(role_json(r));
  return j;
}

}  // namespace

void register_identity_routes(http::Router& router, IdentityService& identity) {
  router.add({"POST", "/api/v1/auth/register",
              [&identity](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                auto email = body.string("email", true, 254);
                auto password = body.string("password", true, 1024);
                auto name = body.string("name", true, 200);
                auto phone = body.string("phone", false, 40);
                auto locale = body.string("locale", false, 35);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(
                    req, 201,
                    identity.register_user({*email, *password, *name, false, phone, locale}, http::context_of(req)),
                    auth_json);
              },
              http::Auth::none, http::RateClass::auth, "Create an account and log in"});

  router.add({"POST", "/api/v1/auth/login",
              [&identity](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                auto email = body.string("email", true, 254);
                auto password = body.string("password", true, 1024);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(req, 200, identity.login(*email, *password, http::context_of(req)), auth_json);
              },
              http::Auth::none, http::RateClass::auth, "Log in with email and password"});

  router.add({"POST", "/api/v1/auth/refresh",
              [&identity](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                auto token = body.string("refresh_token", true, 512);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(req, 200, identity.refresh(*token, http::context_of(req)), auth_json);
              },
              http::Auth::none, http::RateClass::auth, "Exchange a refresh token for a new token pair"});

  router.add({"POST", "/api/v1/auth/logout",
              [&identity](Request& req) {
                return http::reply_empty(req,
                                         identity.logout(SessionId{req.principal->session_id}, http::context_of(req)));
              },
              http::Auth::required, http::RateClass::normal, "End the current session"});

  router.add({"POST", "/api/v1/auth/password-reset",
              [&identity](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"email", "app"});
                auto email = body.string("email", true, 254);
                auto app = body.string("app", false, 10);
                if (app && *app != "player" && *app != "admin") body.fail("app", "must be player or admin");
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return accepted(req,
                                identity.request_password_reset(
                                    *email, app == "admin" ? LinkApp::admin : LinkApp::player, http::context_of(req)),
                                "If an account has this address, a link to set a new password is on its way.");
              },
              http::Auth::none, http::RateClass::auth, "Ask for a link to set a new password"});

  router.add({"POST", "/api/v1/auth/password-reset/confirm",
              [&identity](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"token", "password"});
                auto token = body.string("token", true, 128);
                auto password = body.string("password", true, 1024);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(req, 200, identity.reset_password(*token, *password, http::context_of(req)),
                                   user_json);
              },
              http::Auth::none, http::RateClass::auth, "Set a new password with a reset link's token"});

  router.add({"POST", "/api/v1/auth/verify-email",
              [&identity](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"token"});
                auto token = body.string("token", true, 128);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(req, 200, identity.verify_email(*token, http::context_of(req)), user_json);
              },
              http::Auth::optional, http::RateClass::auth, "Prove an e-mail address with a verification link's token"});

  router.add({"POST", "/api/v1/auth/verify-email/resend",
              [&identity](Request& req) {
                return accepted(req, identity.resend_verification(UserId{http::caller(req)}, http::context_of(req)),
                                "A new verification link is on its way.");
              },
              http::Auth::required, http::RateClass::normal, "Send the caller a new verification link"});

  router.add({"GET", "/api/v1/me",
              [&identity](Request& req) {
                return http::reply(req, 200, identity.profile(UserId{http::caller(req)}), profile_json);
              },
              http::Auth::required, http::RateClass::normal, "The caller's profile and roles"});

  router.add(
      {"PATCH", "/api/v1/me",
       [&identity](Request& req) {
         SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
         body.only({"name", "email", "password", "current_password", "phone", "locale"});
         UserUpdate update{body.string("name", false), body.string("password", false, 1024),
                           body.string("current_password", false, 1024), body.string("email", false, 254)};
         if (body.is_null("phone"))
           update.phone = std::optional<std::string>();
         else if (auto phone = body.string("phone", false, 40))
           update.phone = phone;
         // A language cannot be removed: null is refused as an unknown one is.
         update.locale = body.is_null("locale") ? std::optional<std::string>("") : body.string("locale", false, 35);
         if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
         return http::reply(req, 200, identity.update_user(UserId{http::caller(req)}, update, http::context_of(req)),
                            user_json);
       },
       http::Auth::required, http::RateClass::normal,
       "Change the caller's name, password, phone number or language, or ask to change their email"});

  router.add({"DELETE", "/api/v1/me",
              [&identity](Request& req) {
                return http::reply_empty(req, identity.delete_user(UserId{http::caller(req)}, http::context_of(req)));
              },
              http::Auth::required, http::RateClass::normal, "Delete the caller's account"});

  router.add({"POST", "/api/v1/admin/users/{user_id}/roles",
              [&identity](Request& req) {
                if (!identity.check_permission(http::context_of(req), Permission::platform_manage, {}))
                  return http::fail(req, Error::forbidden("Only platform administrators can grant roles here."));
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                auto role_text = body.string("role", true, 40);
                auto scope_text = body.string("scope_type", true, 40);
                auto scope_id = body.string("scope_id", false, 100);
                auto role = role_text ? parse_role(*role_text) : std::nullopt;
                auto scope = scope_text ? parse_scope_type(*scope_text) : std::nullopt;
                if (role_text && !role) body.fail("role", "is not a known role");
                if (scope_text && !scope) body.fail("scope_type", "must be platform, organization or facility");
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(req, 201,
                                   identity.grant_role(UserId{req.param("user_id")}, *role, *scope,
                                                       scope_id.value_or(""), http::context_of(req)),
                                   role_json);
              },
              http::Auth::required, http::RateClass::normal, "Grant a role (platform administrators)"});

  router.add({"DELETE", "/api/v1/admin/users/{user_id}/roles/{role_id}",
              [&identity](Request& req) {
                if (!identity.check_permission(http::context_of(req), Permission::platform_manage, {}))
                  return http::fail(req, Error::forbidden("Only platform administrators can remove roles here."));
                return http::reply_empty(
                    req, identity.remove_role(UserId{req.param("user_id")}, RoleAssignmentId{req.param("role_id")},
                                              http::context_of(req)));
              },
              http::Auth::required, http::RateClass::normal, "Remove a role (platform administrators)"});
}

}  // namespace slotbase::identity
