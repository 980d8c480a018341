#include "resource_repository.h"

#include "platform/db/query_as.h"

namespace slotbase::resource {
namespace {

constexpr std::string_view kInsert = R"sql(
INSERT INTO resources (id, facility_id, name, type, description, indoor, surface, lighting, color, display_order,
                       capacity, status, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13))sql";
// A resource's columns as from_row reads them, then its pricing as stored (find_priced).
constexpr std::string_view kFind = R"sql(
SELECT id, facility_id, name, type, description, indoor, surface, lighting, color, display_order, capacity, status,
       created_at, image, pricing
FROM resources WHERE id = $1)sql";
constexpr std::string_view kOfFacility = R"sql(
SELECT id, facility_id, name, type, description, indoor, surface, lighting, color, display_order, capacity, status,
       created_at, image
FROM resources WHERE facility_id = $1 ORDER BY display_order, name, id)sql";
constexpr std::string_view kUpdate = R"sql(
UPDATE resources SET name = $2, description = $3, indoor = $4, surface = $5, lighting = $6, color = $7,
  display_order = $8, status = $9, updated_at = $10
WHERE id = $1)sql";
constexpr std::string_view kSetPricing = "UPDATE resources SET pricing = $2, updated_at = $3 WHERE id = $1";
constexpr std::string_view kSetImage = "UPDATE resources SET image = $2, updated_at = $3 WHERE id = $1";
constexpr std::string_view kPricing = "SELECT pricing FROM resources WHERE id = $1";
constexpr std::string_view kFacilityPricing = "SELECT id, pricing FROM resources WHERE facility_id = $1";

Resource from_row(const db::Row& r) {
  Resource x;
  x.id = ResourceId{r.text(0)};
  x.facility_id = organization::FacilityId{r.text(1)};
  x.name = r.text(2);
  x.type = r.text(3);
  x.description = r.text(4);
  x.indoor = r.boolean(5);
  x.surface = r.text(6);
  x.lighting = r.boolean(7);
  x.color = r.text(8);
  x.display_order = static_cast<int>(r.i64(9));
  if (!r.is_null(10)) x.capacity = static_cast<int>(r.i64(10));
  x.status = enum_at<ResourceStatus>(r.text(11));
  x.created_at = from_epoch_seconds(r.i64(12));
  x.image = r.opt_text(13);
  return x;
}

}  // namespace

void ResourceRepository::insert(db::Connection& c, const Resource& r) {
  std::optional<std::int64_t> capacity;
  if (r.capacity) capacity = *r.capacity;
  c.execute(kInsert,
            {r.id.str(), r.facility_id.str(), r.name, r.type, r.description, r.indoor, r.surface, r.lighting, r.color,
             std::int64_t{r.display_order}, db::opt(capacity), str(r.status), epoch_seconds(r.created_at)});
}

std::optional<Resource> ResourceRepository::find(db::Connection& c, const ResourceId& id) {
  return db::query_one_as(c, kFind, {id.str()}, from_row);
}

std::vector<Resource> ResourceRepository::of_facility(db::Connection& c, const organization::FacilityId& facility_id) {
  return db::query_as(c, kOfFacility, {facility_id.str()}, from_row);
}

void ResourceRepository::update(db::Connection& c, const Resource& r, Instant now) {
  c.execute(kUpdate, {r.id.str(), r.name, r.description, r.indoor, r.surface, r.lighting, r.color,
                      std::int64_t{r.display_order}, str(r.status), epoch_seconds(now)});
}

void ResourceRepository::set_pricing(db::Connection& c, const ResourceId& id, const nlohmann::json& pricing,
                                     Instant now) {
  c.execute(kSetPricing, {id.str(), pricing.dump(), epoch_seconds(now)});
}

std::optional<std::pair<Resource, std::optional<std::string>>> ResourceRepository::find_priced(db::Connection& c,
                                                                                               const ResourceId& id) {
  return db::query_one_as(c, kFind, {id.str()}, [](const db::Row& r) {
    return std::pair{from_row(r), r.opt_text(14)};
  });
}

void ResourceRepository::set_image(db::Connection& c, const ResourceId& id, const std::optional<std::string>& image,
                                   Instant now) {
  c.execute(kSetImage, {id.str(), db::opt(image), epoch_seconds(now)});
}

std::optional<std::string> ResourceRepository::pricing(db::Connection& c, const ResourceId& id) {
  return db::query_one_as(c, kPricing, {id.str()}, [](const db::Row& r) { return r.opt_text(0); })
      .value_or(std::nullopt);
}

std::vector<std::pair<ResourceId, std::optional<std::string>>> ResourceRepository::facility_pricing(
    db::Connection& c, const organization::FacilityId& facility_id) {
  return db::query_as(c, kFacilityPricing, {facility_id.str()}, [](const db::Row& r) {
    return std::pair{ResourceId{r.text(0)}, r.opt_text(1)};
  });
}

}  // namespace slotbase::resource
