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
          {"name", u.name},
          {"status", u.status},
          {"phone", u.phone ? json(*u.phone) : json(nullptr)},
          {"created_at", format_rfc3339(u.created_at)}};
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
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(req, 201,
                                   identity.register_user({*email, *password, *name, phone}, http::context_of(req)),
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

  router.add({"GET", "/api/v1/me",
              [&identity](Request& req) {
                return http::reply(req, 200, identity.profile(UserId{http::caller(req)}), profile_json);
              },
              http::Auth::required, http::RateClass::normal, "The caller's profile and roles"});

  router.add({"PATCH", "/api/v1/me",
              [&identity](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"name", "password", "current_password", "phone"});
                UserUpdate update{body.string("name", false), body.string("password", false, 1024),
                                  body.string("current_password", false, 1024)};
                if (body.is_null("phone"))
                  update.phone = std::optional<std::string>();
                else if (auto phone = body.string("phone", false, 40))
                  update.phone = phone;
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(req, 200,
                                   identity.update_user(UserId{http::caller(req)}, update, http::context_of(req)),
                                   user_json);
              },
              http::Auth::required, http::RateClass::normal, "Change the caller's name, password or phone number"});

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
