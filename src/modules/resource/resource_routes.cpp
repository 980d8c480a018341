#include "resource_routes.h"

#include "platform/http/handler_support.h"
#include "platform/media/media_store.h"
#include "rules/pricing.h"

namespace slotbase::resource {
namespace {

using http::JsonBody;
using http::Request;
using http::Response;
using nlohmann::json;

json resource_json(const Resource& r) {
  return {{"id", r.id.str()},
          {"facility_id", r.facility_id.str()},
          {"name", r.name},
          {"type", r.type},
          {"description", r.description},
          {"indoor", r.indoor},
          {"surface", r.surface},
          {"lighting", r.lighting},
          {"color", r.color},
          {"display_order", r.display_order},
          {"capacity", r.capacity ? json(*r.capacity) : json(nullptr)},
          {"status", str(r.status)},
          {"image_url", r.image ? json(media::MediaStore::url_of(*r.image)) : json(nullptr)},
          {"created_at", format_rfc3339(r.created_at)}};
}

json pricing_json(const Pricing& p) {
  return rules::to_json(p);
}

}  // namespace

void register_resource_routes(http::Router& router, ResourceService& resources) {
  router.add({"POST", "/api/v1/facilities/{facility_id}/resources",
              [&resources](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"name", "type", "description", "indoor", "surface", "lighting", "color", "display_order",
                           "capacity"});
                NewResource r;
                r.name = body.string("name", true, 100).value_or("");
                r.type = body.string("type", true, 40).value_or("");
                r.description = body.string("description", false, 2000).value_or("");
                r.indoor = body.boolean("indoor", false).value_or(false);
                r.surface = body.string("surface", false, 40).value_or("");
                r.lighting = body.boolean("lighting", false).value_or(false);
                r.color = body.string("color", false, 7).value_or("");
                r.display_order = static_cast<int>(body.integer("display_order", false, 0, 10000).value_or(0));
                if (auto c = body.integer("capacity", false, 1, 1000)) r.capacity = static_cast<int>(*c);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(req, 201,
                                   resources.create_resource(organization::FacilityId{req.param("facility_id")}, r,
                                                             http::context_of(req)),
                                   resource_json);
              },
              http::Auth::required, http::RateClass::normal, "Add a court, lane or field"});

  router.add({"GET", "/api/v1/facilities/{facility_id}/resources",
              [&resources](Request& req) {
                auto list =
                    resources.list_resources(organization::FacilityId{req.param("facility_id")}, http::context_of(req));
                if (!list.ok()) return http::fail(req, list.error());
                json items = json::array();
                for (const auto& r : list.value()) items.push_back(resource_json(r));
                return Response::json(200, {{"items", items}, {"next_cursor", nullptr}});
              },
              http::Auth::optional, http::RateClass::normal, "A facility's resources in display order"});

  router.add({"GET", "/api/v1/resources/{resource_id}",
              [&resources](Request& req) {
                return http::reply(req, 200,
                                   resources.get_resource(ResourceId{req.param("resource_id")}, http::context_of(req)),
                                   resource_json);
              },
              http::Auth::optional, http::RateClass::normal, "One resource"});

  router.add({"PATCH", "/api/v1/resources/{resource_id}",
              [&resources](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"name", "description", "indoor", "surface", "lighting", "color", "display_order", "status"});
                ResourcePatch p;
                p.name = body.string("name", false, 100);
                p.description = body.string("description", false, 2000);
                p.surface = body.string("surface", false, 40);
                p.color = body.string("color", false, 7);
                if (auto status = body.string("status", false, 20)) {
                  p.status = enum_from<ResourceStatus>(*status);
                  if (!p.status) body.fail("status", "must be active or inactive");
                }
                p.indoor = body.boolean("indoor", false);
                p.lighting = body.boolean("lighting", false);
                if (auto d = body.integer("display_order", false, 0, 10000)) p.display_order = static_cast<int>(*d);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(
                    req, 200, resources.update_resource(ResourceId{req.param("resource_id")}, p, http::context_of(req)),
                    resource_json);
              },
              http::Auth::required, http::RateClass::normal, "Change a resource; status activates or deactivates it"});

  router.add({"PUT", "/api/v1/resources/{resource_id}/image",
              [&resources](Request& req) {
                auto result = resources.set_image(ResourceId{req.param("resource_id")}, req.body,
                                                  req.header("Content-Type").value_or(""), http::context_of(req));
                return http::reply(req, 200, result, resource_json);
              },
              http::Auth::required, http::RateClass::normal, "Upload the resource's picture (the image as the body)",
              std::string(media::kImageBodyTypes), media::kImageRouteBodyLimit});

  router.add({"DELETE", "/api/v1/resources/{resource_id}/image",
              [&resources](Request& req) {
                return http::reply(req, 200,
                                   resources.remove_image(ResourceId{req.param("resource_id")}, http::context_of(req)),
                                   resource_json);
              },
              http::Auth::required, http::RateClass::normal, "Remove the resource's picture"});

  router.add({"PUT", "/api/v1/resources/{resource_id}/pricing",
              [&resources](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                SB_ASSIGN_OR_RETURN_RESPONSE(auto pricing, rules::parse_pricing(body.doc()), req);
                return http::reply(
                    req, 200,
                    resources.set_pricing(ResourceId{req.param("resource_id")}, pricing, http::context_of(req)),
                    pricing_json);
              },
              http::Auth::required, http::RateClass::normal, "Set base price and peak rules"});

  router.add({"GET", "/api/v1/resources/{resource_id}/pricing",
              [&resources](Request& req) {
                return http::reply(req, 200,
                                   resources.get_pricing(ResourceId{req.param("resource_id")}, http::context_of(req)),
                                   pricing_json);
              },
              http::Auth::optional, http::RateClass::normal, "A resource's prices"});
}

}  // namespace slotbase::resource
