#include "organization_routes.h"

#include "platform/http/handler_support.h"
#include "platform/media/media_store.h"
#include "rules/address.h"
#include "rules/hours.h"
#include "rules/policies.h"

namespace slotbase::organization {
namespace {

using http::JsonBody;
using http::Request;
using http::Response;
using nlohmann::json;

json organization_json(const Organization& o) {
  return {{"id", o.id.str()}, {"name", o.name}, {"created_at", format_rfc3339(o.created_at)}};
}

json facility_json(const Facility& f) {
  return {{"id", f.id.str()},
          {"organization_id", f.organization_id.str()},
          {"name", f.name},
          {"slug", f.slug},
          {"timezone", f.timezone},
          {"currency", f.currency},
          {"address", rules::to_json(f.address)},
          {"status", str(f.status)},
          {"settings", rules::to_json(f.settings)},
          {"policies", rules::to_json(f.policies)},
          {"logo_url", f.logo ? json(media::MediaStore::url_of(*f.logo)) : json(nullptr)},
          {"created_at", format_rfc3339(f.created_at)},
          {"updated_at", format_rfc3339(f.updated_at)}};
}

json staff_json(const StaffEntry& s) {
  return {{"user_id", s.user_id ? json(s.user_id->str()) : json(nullptr)},
          {"email", s.email},
          {"name", s.name},
          {"role", s.role},
          {"status", s.status}};
}

json member_json(const MemberEntry& m) {
  return {{"user_id", m.user_id ? json(m.user_id->str()) : json(nullptr)},
          {"email", m.email},
          {"name", m.name},
          {"status", m.status},
          {"since", m.since ? json(format_rfc3339(*m.since)) : json(nullptr)}};
}

template <class T, class F>
json list_json(const std::vector<T>& items, F encode, const std::optional<std::string>& next = std::nullopt) {
  json out = {{"items", json::array()}, {"next_cursor", next ? json(*next) : json(nullptr)}};
  for (const auto& i : items) out["items"].push_back(encode(i));
  return out;
}

}  // namespace

void register_organization_routes(http::Router& router, OrganizationService& orgs) {
  router.add({"POST", "/api/v1/organizations",
              [&orgs](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                auto name = body.string("name", true, 200);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(req, 201, orgs.create_organization(*name, http::context_of(req)), organization_json);
              },
              http::Auth::required, http::RateClass::normal, "Create an organization; the caller becomes its owner"});

  router.add({"GET", "/api/v1/organizations",
              [&orgs](Request& req) {
                return Response::json(200, list_json(orgs.my_organizations(http::context_of(req)), organization_json));
              },
              http::Auth::required, http::RateClass::normal, "Organizations where the caller has a role"});

  router.add({"GET", "/api/v1/organizations/{org_id}",
              [&orgs](Request& req) {
                return http::reply(req, 200,
                                   orgs.get_organization(OrganizationId{req.param("org_id")}, http::context_of(req)),
                                   organization_json);
              },
              http::Auth::required, http::RateClass::normal, "One organization"});

  router.add({"POST", "/api/v1/organizations/{org_id}/facilities",
              [&orgs](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"name", "timezone", "currency", "address"});
                auto name = body.string("name", true, 200);
                auto timezone = body.string("timezone", true, 64);
                auto currency = body.string("currency", true, 3);
                const json* address = body.object("address", false);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                NewFacility f{*name, *timezone, *currency, std::nullopt};
                if (address) {
                  SB_ASSIGN_OR_RETURN_RESPONSE(f.address, rules::parse_address(*address), req);
                }
                return http::reply(req, 201,
                                   orgs.create_facility(OrganizationId{req.param("org_id")}, f, http::context_of(req)),
                                   facility_json);
              },
              http::Auth::required, http::RateClass::normal, "Create a facility (organization owners and admins)"});

  router.add({"GET", "/api/v1/organizations/{org_id}/facilities",
              [&orgs](Request& req) {
                auto result = orgs.organization_facilities(OrganizationId{req.param("org_id")}, http::context_of(req));
                if (!result.ok()) return http::fail(req, result.error());
                return Response::json(200, list_json(result.value(), facility_json));
              },
              http::Auth::required, http::RateClass::normal, "An organization's facilities"});

  router.add({"GET", "/api/v1/facilities",
              [&orgs](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(int limit, http::query_int(req, "limit", 50, 1, 100), req);
                auto page = orgs.public_facilities(req.query_param("q"), limit, req.query_param("cursor"));
                return Response::json(200, list_json(page.items, facility_json, page.next_cursor));
              },
              http::Auth::optional, http::RateClass::normal, "Find public facilities by name"});

  router.add({"GET", "/api/v1/facilities/{facility_id}",
              [&orgs](Request& req) {
                return http::reply(req, 200,
                                   orgs.get_facility(FacilityId{req.param("facility_id")}, http::context_of(req)),
                                   facility_json);
              },
              http::Auth::optional, http::RateClass::normal, "A facility with its settings and policies"});

  router.add(
      {"PATCH", "/api/v1/facilities/{facility_id}",
       [&orgs](Request& req) {
         SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
         body.only({"name", "address", "settings", "policies"});
         FacilityPatch patch;
         patch.name = body.string("name", false, 200);
         const json* settings = body.object("settings", false);
         const json* policies = body.object("policies", false);
         if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
         if (body.has("address")) {
           SB_ASSIGN_OR_RETURN_RESPONSE(patch.address, rules::parse_address(body.doc()["address"]), req);
         }
         if (settings) {
           SB_ASSIGN_OR_RETURN_RESPONSE(patch.settings, rules::parse_settings(*settings), req);
         }
         if (policies) {
           SB_ASSIGN_OR_RETURN_RESPONSE(patch.policies, rules::parse_policies(*policies), req);
         }
         return http::reply(req, 200,
                            orgs.update_facility(FacilityId{req.param("facility_id")}, patch, http::context_of(req)),
                            facility_json);
       },
       http::Auth::required, http::RateClass::normal, "Change a facility's name, address, settings or policies"});

  router.add({"PUT", "/api/v1/facilities/{facility_id}/logo",
              [&orgs](Request& req) {
                auto result = orgs.set_logo(FacilityId{req.param("facility_id")}, req.body,
                                            req.header("Content-Type").value_or(""), http::context_of(req));
                return http::reply(req, 200, result, facility_json);
              },
              http::Auth::required, http::RateClass::normal, "Upload the facility's logo (the image as the body)",
              std::string(media::kImageBodyTypes), media::kImageRouteBodyLimit});

  router.add({"DELETE", "/api/v1/facilities/{facility_id}/logo",
              [&orgs](Request& req) {
                return http::reply(req, 200,
                                   orgs.remove_logo(FacilityId{req.param("facility_id")}, http::context_of(req)),
                                   facility_json);
              },
              http::Auth::required, http::RateClass::normal, "Remove the facility's logo"});

  router.add({"PUT", "/api/v1/facilities/{facility_id}/hours",
              [&orgs](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                SB_ASSIGN_OR_RETURN_RESPONSE(auto hours, rules::parse_hours(body.doc()), req);
                auto result = orgs.set_hours(FacilityId{req.param("facility_id")}, hours, http::context_of(req));
                return http::reply(req, 200, result, [](const OperatingHours& h) { return rules::to_json(h); });
              },
              http::Auth::required, http::RateClass::normal, "Replace weekly opening hours and holidays"});

  router.add({"GET", "/api/v1/facilities/{facility_id}/hours",
              [&orgs](Request& req) {
                auto result = orgs.get_hours(FacilityId{req.param("facility_id")}, http::context_of(req));
                return http::reply(req, 200, result, [](const OperatingHours& h) { return rules::to_json(h); });
              },
              http::Auth::optional, http::RateClass::normal, "Weekly opening hours and holidays"});

  router.add({"POST", "/api/v1/facilities/{facility_id}/staff",
              [&orgs](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                auto email = body.string("email", true, 254);
                auto role = body.string("role", true, 40);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(
                    req, 201,
                    orgs.add_staff(FacilityId{req.param("facility_id")}, *email, *role, http::context_of(req)),
                    staff_json);
              },
              http::Auth::required, http::RateClass::normal, "Assign or invite staff by email"});

  router.add({"GET", "/api/v1/facilities/{facility_id}/staff",
              [&orgs](Request& req) {
                auto result = orgs.list_staff(FacilityId{req.param("facility_id")}, http::context_of(req));
                if (!result.ok()) return http::fail(req, result.error());
                return Response::json(200, list_json(result.value(), staff_json));
              },
              http::Auth::required, http::RateClass::normal, "A facility's staff and pending invitations"});

  router.add({"POST", "/api/v1/facilities/{facility_id}/members",
              [&orgs](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                auto email = body.string("email", true, 254);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(req, 201,
                                   orgs.add_member(FacilityId{req.param("facility_id")}, *email, http::context_of(req)),
                                   member_json);
              },
              http::Auth::required, http::RateClass::normal, "Add or invite a member by email"});

  router.add({"GET", "/api/v1/facilities/{facility_id}/members",
              [&orgs](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(int limit, http::query_int(req, "limit", 50, 1, 100), req);
                auto result = orgs.list_members(FacilityId{req.param("facility_id")}, limit, req.query_param("cursor"),
                                                http::context_of(req));
                if (!result.ok()) return http::fail(req, result.error());
                return Response::json(200, list_json(result->items, member_json, result->next_cursor));
              },
              http::Auth::required, http::RateClass::normal, "A facility's members"});
}

}  // namespace slotbase::organization
