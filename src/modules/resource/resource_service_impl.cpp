#include "resource_service_impl.h"
#include "platform/core/strings.h"

#include <algorithm>
#include <regex>

#include "platform/core/ids.h"
#include "resource/resource_events.h"
#include "resource_repository.h"
#include "rules/pricing.h"

namespace slotbase::resource {
namespace {

using identity::Permission;

bool known_type(const std::string& t) {
  return std::any_of(std::begin(kResourceTypes), std::end(kResourceTypes), [&](const char* k) { return t == k; });
}

/// Colours are "#rgb" or "#rrggbb" so the calendar can use them as they are.
bool valid_color(const std::string& c) {
  static const std::regex kColor("^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$");
  return c.empty() || std::regex_match(c, kColor);
}

std::vector<FieldError> check(const Resource& r) {
  std::vector<FieldError> errors;
  if (r.name.empty() || r.name.size() > 100) errors.push_back({"name", "must be 1 to 100 characters"});
  if (!known_type(r.type)) errors.push_back({"type", "is not a known resource type"});
  if (r.description.size() > 2000) errors.push_back({"description", "must be at most 2000 characters"});
  if (r.surface.size() > 40) errors.push_back({"surface", "must be at most 40 characters"});
  if (!valid_color(r.color)) errors.push_back({"color", "must be a colour like #1e88e5"});
  if (r.display_order < 0 || r.display_order > 10000) errors.push_back({"display_order", "must be 0 to 10000"});
  if (r.capacity && (*r.capacity < 1 || *r.capacity > 1000)) errors.push_back({"capacity", "must be 1 to 1000"});
  return errors;
}

}  // namespace

ResourceServiceImpl::ResourceServiceImpl(db::Database& db, const Clock& clock, const events::Outbox& outbox,
                                         organization::OrganizationService& orgs, const media::MediaStore& media)
    : db_(db), clock_(clock), outbox_(outbox), orgs_(orgs), media_(media) {}

Result<std::pair<Resource, organization::Facility>> ResourceServiceImpl::authorize(const ResourceId& resource_id,
                                                                                   Permission p, const Context& ctx) {
  auto r = find_resource(resource_id);
  if (!r) return Error::not_found("No such resource.");
  auto f = orgs_.facility_for(r->facility_id, p, ctx);
  if (!f.ok()) {
    if (f.error().code == ErrorCode::not_found) return Error::not_found("No such resource.");
    return f.take_error();
  }
  return std::pair{*r, f.value()};
}

Result<Resource> ResourceServiceImpl::create_resource(const organization::FacilityId& facility_id,
                                                      const NewResource& in, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto facility, orgs_.facility_for(facility_id, Permission::facility_manage, ctx));
  Resource r{ResourceId{new_id("res")},
             facility.id,
             trim(in.name),
             in.type,
             in.description,
             in.indoor,
             in.surface,
             in.lighting,
             in.color,
             in.display_order,
             in.capacity,
             ResourceStatus::active,
             clock_.now(),
             std::nullopt};
  if (auto errors = check(r); !errors.empty()) return Error::invalid(std::move(errors));
  return db_.transact([&](db::Connection& tx) -> Result<Resource> {
    ResourceRepository::insert(tx, r);
    emit(tx, ResourceCreated{r.id.str(), r.facility_id.str(), r.type}, r, ctx);
    return r;
  });
}

Result<std::vector<Resource>> ResourceServiceImpl::list_resources(const organization::FacilityId& facility_id,
                                                                  const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto facility, orgs_.get_facility(facility_id, ctx));
  auto all = resources_of(facility.id);
  if (!orgs_.can(facility, Permission::facility_view, ctx))
    std::erase_if(all, [](const Resource& r) { return r.status != ResourceStatus::active; });
  return all;
}

Result<Resource> ResourceServiceImpl::get_resource(const ResourceId& id, const Context& ctx) {
  auto r = find_resource(id);
  if (!r) return Error::not_found("No such resource.");
  auto f = orgs_.get_facility(r->facility_id, ctx);
  if (!f.ok() || (r->status != ResourceStatus::active && !orgs_.can(f.value(), Permission::facility_view, ctx)))
    return Error::not_found("No such resource.");
  return *r;
}

Result<Resource> ResourceServiceImpl::update_resource(const ResourceId& id, const ResourcePatch& patch,
                                                      const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto found, authorize(id, Permission::facility_manage, ctx));
  Resource r = found.first;
  std::vector<std::string> changes;
  auto apply = [&](auto& field, const auto& value, const char* name) {
    if (value && *value != field) {
      field = *value;
      changes.push_back(name);
    }
  };
  if (patch.name) apply(r.name, std::optional(trim(*patch.name)), "name");
  apply(r.description, patch.description, "description");
  apply(r.surface, patch.surface, "surface");
  apply(r.color, patch.color, "color");
  apply(r.status, patch.status, "status");
  apply(r.indoor, patch.indoor, "indoor");
  apply(r.lighting, patch.lighting, "lighting");
  apply(r.display_order, patch.display_order, "display_order");
  if (auto errors = check(r); !errors.empty()) return Error::invalid(std::move(errors));
  return db_.transact([&](db::Connection& tx) -> Result<Resource> {
    ResourceRepository::update(tx, r, clock_.now());
    if (!changes.empty()) emit(tx, ResourceUpdated{r.id.str(), r.facility_id.str(), changes}, r, ctx);
    return r;
  });
}

Result<Resource> ResourceServiceImpl::set_image(const ResourceId& id, std::string_view bytes,
                                                std::string_view content_type, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto found, authorize(id, Permission::facility_manage, ctx));
  // The file first: it is named by its bytes, so one written for a write that then fails is
  // only a file nobody points at.
  SB_ASSIGN_OR_RETURN(std::string name, media_.put_image(bytes, content_type, "body"));
  return change_image(found.first, name, ctx);
}

Result<Resource> ResourceServiceImpl::remove_image(const ResourceId& id, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto found, authorize(id, Permission::facility_manage, ctx));
  return change_image(found.first, std::nullopt, ctx);
}

Result<Resource> ResourceServiceImpl::change_image(Resource r, const std::optional<std::string>& image,
                                                   const Context& ctx) {
  r.image = image;
  return db_.transact([&](db::Connection& tx) -> Result<Resource> {
    ResourceRepository::set_image(tx, r.id, r.image, clock_.now());
    emit(tx, ResourceUpdated{r.id.str(), r.facility_id.str(), {"image"}}, r, ctx);
    return r;
  });
}

Result<Pricing> ResourceServiceImpl::set_pricing(const ResourceId& resource_id, const Pricing& pricing,
                                                 const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto found, authorize(resource_id, Permission::facility_manage, ctx));
  if (pricing.base.currency != found.second.currency)
    return Error::invalid("base.currency", "must be the facility's currency, " + found.second.currency);
  return db_.transact([&](db::Connection& tx) -> Result<Pricing> {
    ResourceRepository::set_pricing(tx, resource_id, rules::to_json(pricing), clock_.now());
    emit(tx, PricingUpdated{found.first.id.str(), found.first.facility_id.str()}, found.first, ctx);
    return pricing;
  });
}

Result<Pricing> ResourceServiceImpl::get_pricing(const ResourceId& resource_id, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto r, get_resource(resource_id, ctx));
  auto f = orgs_.find_facility(r.facility_id);
  return pricing_of(r.id, f ? f->currency : "");
}

std::optional<Resource> ResourceServiceImpl::find_resource(const ResourceId& id) {
  return db_.read([&](db::Connection& c) { return ResourceRepository::find(c, id); });
}

std::vector<Resource> ResourceServiceImpl::resources_of(const organization::FacilityId& facility_id) {
  return db_.read([&](db::Connection& c) { return ResourceRepository::of_facility(c, facility_id); });
}

namespace {

/// Price lists longer than this are parsed on each read instead of kept: the cache's 512 entries
/// then stay within a few MB. A list of a dozen rules is about 2 kB.
constexpr std::size_t kCachedPricingBytes = 8 * 1024;

std::optional<Pricing> parse_stored(const std::string& text) {
  auto parsed = rules::parse_pricing(nlohmann::json::parse(text));
  if (!parsed.ok()) return std::nullopt;
  return std::move(parsed).value();
}

}  // namespace

std::optional<Pricing> ResourceServiceImpl::stored_pricing(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  // A hold reads its resource's prices on every request, and they rarely change.
  if (text->size() > kCachedPricingBytes) return parse_stored(*text);
  return pricings_.get(*text, parse_stored);
}

Pricing ResourceServiceImpl::pricing_of(const ResourceId& resource_id, const std::string& currency) {
  auto text = db_.read([&](db::Connection& c) { return ResourceRepository::pricing(c, resource_id); });
  return stored_pricing(text).value_or(Pricing::free_in(currency));
}

std::optional<PricedResource> ResourceServiceImpl::find_priced_resource(const ResourceId& id) {
  auto found = db_.read([&](db::Connection& c) { return ResourceRepository::find_priced(c, id); });
  if (!found) return std::nullopt;
  return PricedResource{std::move(found->first), stored_pricing(found->second)};
}

std::map<ResourceId, Pricing> ResourceServiceImpl::pricing_of_facility(const organization::FacilityId& facility_id,
                                                                       const std::string& currency) {
  std::map<ResourceId, Pricing> out;
  for (const auto& [id, text] :
       db_.read([&](db::Connection& c) { return ResourceRepository::facility_pricing(c, facility_id); }))
    out.emplace(id, stored_pricing(text).value_or(Pricing::free_in(currency)));
  return out;
}

std::int64_t ResourceServiceImpl::price(const Pricing& pricing, bool member, Instant start, Instant end,
                                        const PriceContext& context) const {
  return rules::price(pricing, member, start, end, context);
}

bool ResourceServiceImpl::has_member_prices(const Pricing& pricing) const {
  return rules::has_member_prices(pricing);
}

}  // namespace slotbase::resource
