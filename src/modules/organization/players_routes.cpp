#include "players_routes.h"

#include "platform/http/handler_support.h"

namespace slotbase::organization {
namespace {

using http::JsonBody;
using http::Request;
using http::Response;
using nlohmann::json;

json time_or_null(const std::optional<Instant>& t) {
  return t ? json(format_rfc3339(*t)) : json(nullptr);
}

json roster_json(const RosterEntry& e) {
  return {{"user_id", e.user_id ? json(e.user_id->str()) : json(nullptr)},
          {"name", e.name},
          {"email", e.email},
          {"status", str(e.status)},
          {"joined_at", time_or_null(e.joined_at)}};
}

json invitation_json(const PlayerInvitation& i) {
  return {{"id", i.id.str()},
          {"facility_id", i.facility_id.str()},
          {"email", i.email},
          {"status", str(i.status)},
          {"created_at", format_rfc3339(i.created_at)},
          {"expires_at", time_or_null(i.expires_at)},
          {"sent_at", time_or_null(i.sent_at)},
          {"accepted_at", time_or_null(i.accepted_at)}};
}

json join_request_json(const JoinRequest& r) {
  return {{"id", r.id.str()},
          {"facility_id", r.facility_id.str()},
          {"facility_name", r.facility_name},
          {"user_id", r.user_id.str()},
          {"name", r.name},
          {"email", r.email},
          {"message", r.message ? json(*r.message) : json(nullptr)},
          {"status", str(r.status)},
          {"reason", r.reason ? json(*r.reason) : json(nullptr)},
          {"created_at", format_rfc3339(r.created_at)},
          {"decided_at", time_or_null(r.decided_at)}};
}

template <class T, class F>
json items_json(const std::vector<T>& items, F encode, const std::optional<std::string>& next = std::nullopt) {
  json out = {{"items", json::array()}, {"next_cursor", next ? json(*next) : json(nullptr)}};
  for (const auto& i : items) out["items"].push_back(encode(i));
  return out;
}

/// The `status` query parameter as one of E's words, if given.
template <class E>
Result<std::optional<E>> status_filter(const Request& req, const char* words) {
  auto text = req.query_param("status");
  if (!text || text->empty()) return std::optional<E>{};
  if (auto e = enum_from<E>(*text)) return std::optional<E>{*e};
  return Error::invalid("status", std::string("must be one of ") + words);
}

}  // namespace

void register_players_routes(http::Router& router, OrganizationService& orgs) {
  router.add({"GET", "/api/v1/facilities/{facility_id}/players",
              [&orgs](Request& req) {
                RosterQuery q;
                SB_ASSIGN_OR_RETURN_RESPONSE(
                    q.status, status_filter<RosterStatus>(req, "active, pending, invited, minor, inactive"), req);
                SB_ASSIGN_OR_RETURN_RESPONSE(q.limit, http::query_int(req, "limit", 50, 1, 200), req);
                q.q = req.query_param("q");
                if (q.q && q.q->size() > 200)
                  return http::fail(req, Error::invalid("q", "must be at most 200 characters"));
                q.cursor = req.query_param("cursor");
                auto result = orgs.roster(FacilityId{req.param("facility_id")}, q, http::context_of(req));
                if (!result.ok()) return http::fail(req, result.error());
                return Response::json(200, items_json(result->items, roster_json, result->next_cursor));
              },
              http::Auth::required, http::RateClass::normal, "A facility's players: the roster (staff)"});

  router.add({"POST", "/api/v1/facilities/{facility_id}/players",
              [&orgs](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"email", "first_name", "last_name", "phone", "date_of_birth"});
                NewPlayer p;
                auto email = body.string("email", true, 254);
                p.first_name = body.string("first_name", false, 50);
                p.last_name = body.string("last_name", false, 50);
                p.phone = body.string("phone", false, 32);
                auto dob = body.string("date_of_birth", false, 10);
                if (dob) {
                  p.date_of_birth = LocalDate::parse(*dob);
                  if (!p.date_of_birth) body.fail("date_of_birth", "must be a date as YYYY-MM-DD");
                }
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                p.email = *email;
                return http::reply(req, 201,
                                   orgs.add_player(FacilityId{req.param("facility_id")}, p, http::context_of(req)),
                                   roster_json);
              },
              http::Auth::required, http::RateClass::normal,
              "Add a player: an existing account by e-mail, or a new one with a welcome e-mail (staff)"});

  router.add({"PATCH", "/api/v1/facilities/{facility_id}/players/{user_id}",
              [&orgs](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"status"});
                auto text = body.string("status", true, 20);
                std::optional<RosterStatus> status;
                if (text) {
                  status = enum_from<RosterStatus>(*text);
                  if (status != RosterStatus::active && status != RosterStatus::inactive)
                    body.fail("status", "must be active or inactive");
                }
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(
                    req, 200,
                    orgs.set_player_status(FacilityId{req.param("facility_id")}, identity::UserId{req.param("user_id")},
                                           *status, http::context_of(req)),
                    roster_json);
              },
              http::Auth::required, http::RateClass::normal, "Set a player active or inactive (staff)"});

  router.add({"POST", "/api/v1/facilities/{facility_id}/invitations",
              [&orgs](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"email"});
                auto email = body.string("email", true, 254);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(
                    req, 201, orgs.invite_player(FacilityId{req.param("facility_id")}, *email, http::context_of(req)),
                    invitation_json);
              },
              http::Auth::required, http::RateClass::normal, "Invite a player by e-mail (staff)"});

  router.add({"GET", "/api/v1/facilities/{facility_id}/invitations",
              [&orgs](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(
                    auto status, status_filter<InvitationStatus>(req, "pending, accepted, expired, revoked"), req);
                auto result = orgs.invitations(FacilityId{req.param("facility_id")}, status, http::context_of(req));
                if (!result.ok()) return http::fail(req, result.error());
                return Response::json(200, items_json(result.value(), invitation_json));
              },
              http::Auth::required, http::RateClass::normal, "A facility's player invitations (staff)"});

  router.add({"POST", "/api/v1/invitations/{invitation_id}/resend",
              [&orgs](Request& req) {
                return http::reply(
                    req, 200, orgs.resend_invitation(InvitationId{req.param("invitation_id")}, http::context_of(req)),
                    invitation_json);
              },
              http::Auth::required, http::RateClass::normal, "Send an invitation again with a new link (staff)"});

  router.add({"POST", "/api/v1/invitations/{invitation_id}/revoke",
              [&orgs](Request& req) {
                return http::reply(
                    req, 200, orgs.revoke_invitation(InvitationId{req.param("invitation_id")}, http::context_of(req)),
                    invitation_json);
              },
              http::Auth::required, http::RateClass::normal, "Withdraw an invitation (staff)"});

  router.add({"POST", "/api/v1/invitations/accept",
              [&orgs](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"token"});
                auto token = body.string("token", true, 200);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(req, 200, orgs.accept_invitation(*token, http::context_of(req)), roster_json);
              },
              http::Auth::required, http::RateClass::normal, "Accept an invitation: the caller joins the facility"});

  router.add({"POST", "/api/v1/invitations/preview",
              [&orgs](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"token"});
                auto token = body.string("token", true, 200);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(req, 200, orgs.invitation_facility(*token), [](const Facility& f) {
                  return json{{"facility_id", f.id.str()}, {"facility_name", f.name}};
                });
              },
              http::Auth::optional, http::RateClass::normal,
              "The facility an invitation's link is for, without accepting it"});

  router.add({"POST", "/api/v1/facilities/{facility_id}/join-requests",
              [&orgs](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"message"});
                auto message = body.string("message", false, 1000);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(
                    req, 201,
                    orgs.request_to_join(FacilityId{req.param("facility_id")}, message, http::context_of(req)),
                    join_request_json);
              },
              http::Auth::required, http::RateClass::normal, "Ask to join a facility's players"});

  router.add({"GET", "/api/v1/facilities/{facility_id}/join-requests",
              [&orgs](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto status,
                                             status_filter<JoinRequestStatus>(req, "pending, approved, rejected"), req);
                auto result = orgs.join_requests(FacilityId{req.param("facility_id")}, status, http::context_of(req));
                if (!result.ok()) return http::fail(req, result.error());
                return Response::json(200, items_json(result.value(), join_request_json));
              },
              http::Auth::required, http::RateClass::normal, "A facility's join requests (staff)"});

  router.add({"GET", "/api/v1/me/join-requests",
              [&orgs](Request& req) {
                auto result = orgs.my_join_requests(http::context_of(req));
                if (!result.ok()) return http::fail(req, result.error());
                return Response::json(200, items_json(result.value(), join_request_json));
              },
              http::Auth::required, http::RateClass::normal, "The caller's join requests"});

  for (const bool approve : {true, false}) {
    router.add({"POST", std::string("/api/v1/join-requests/{join_request_id}/") + (approve ? "approve" : "reject"),
                [&orgs, approve](Request& req) {
                  SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                  body.only({"reason"});
                  auto reason = body.string("reason", false, 1000);
                  if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                  return http::reply(req, 200,
                                     orgs.decide_join_request(JoinRequestId{req.param("join_request_id")}, approve,
                                                              reason, http::context_of(req)),
                                     join_request_json);
                },
                http::Auth::required, http::RateClass::normal,
                approve ? "Approve a join request: the player becomes active (staff)"
                        : "Turn down a join request, for good (staff)"});
  }
}

}  // namespace slotbase::organization
