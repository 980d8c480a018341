#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/context.h"
#include "platform/core/result.h"
#include "resource/resource_types.h"

namespace slotbase::resource {

/// Courts, lanes and fields, and their prices. Thread-safe.
class ResourceService {
 public:
  virtual ~ResourceService() = default;

  /// Facility managers and owners. invalid_argument for an unknown type or a bad attribute.
  virtual Result<Resource> create_resource(const organization::FacilityId& facility_id, const NewResource& r,
                                           const Context& ctx) = 0;
  /// Active resources in display order; staff also see inactive ones.
  virtual Result<std::vector<Resource>> list_resources(const organization::FacilityId& facility_id,
                                                       const Context& ctx) = 0;
  virtual Result<Resource> get_resource(const ResourceId& id, const Context& ctx) = 0;
  /// Name, attributes, display order, and status (active | inactive).
  virtual Result<Resource> update_resource(const ResourceId& id, const ResourcePatch& patch, const Context& ctx) = 0;
  /// Facility managers and owners. Stores the image and makes it the resource's picture:
  /// unsupported_media_type (field "body") unless `bytes` are a PNG, JPEG or WebP image of the
  /// `content_type` given, payload_too_large over media::kMaxImageBytes.
  virtual Result<Resource> set_image(const ResourceId& id, std::string_view bytes, std::string_view content_type,
                                     const Context& ctx) = 0;
  /// Facility managers and owners. The resource has no picture afterwards.
  virtual Result<Resource> remove_image(const ResourceId& id, const Context& ctx) = 0;
  /// invalid_argument ("base.currency") unless the prices are in the facility's currency.
  virtual Result<Pricing> set_pricing(const ResourceId& resource_id, const Pricing& pricing, const Context& ctx) = 0;
  virtual Result<Pricing> get_pricing(const ResourceId& resource_id, const Context& ctx) = 0;

  // For other modules: no permission checks.
  virtual std::optional<Resource> find_resource(const ResourceId& id) = 0;
  /// Every resource of a facility (active or not), in display order.
  virtual std::vector<Resource> resources_of(const organization::FacilityId& facility_id) = 0;
  /// The resource's pricing; a resource without one is free.
  virtual Pricing pricing_of(const ResourceId& resource_id, const std::string& currency) = 0;
  /// The resource with its pricing, in one read (the stored price list is parsed once per
  /// distinct document, so this is cheap enough for every hold).
  virtual std::optional<PricedResource> find_priced_resource(const ResourceId& id) = 0;
  /// The price of [start, end) under `pricing`: every minute costs its rate (the first rule
  /// covering that local minute and weekday, else the base; the member rate for members) divided
  /// by per_minutes, times the day's multiplier (a holiday's, else a weekend's); the sum is
  /// rounded once, half up, to a minor unit. Pure: no reads, cheap enough to call per slot.
  virtual std::int64_t price(const Pricing& pricing, bool member, Instant start, Instant end,
                             const PriceContext& context) const = 0;
  /// Whether members pay other prices than everyone else under `pricing`; if not, nobody need
  /// ask who is one.
  virtual bool has_member_prices(const Pricing& pricing) const = 0;
  /// Every resource's pricing at a facility, by resource id, in one query.
  virtual std::map<ResourceId, Pricing> pricing_of_facility(const organization::FacilityId& facility_id,
                                                            const std::string& currency) = 0;
};

}  // namespace slotbase::resource
