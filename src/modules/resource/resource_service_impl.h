#pragma once

#include "organization/organization_service.h"
#include "platform/clock/clock.h"
#include "platform/core/parse_cache.h"
#include "platform/db/database.h"
#include "platform/events/outbox.h"
#include "platform/media/media_store.h"
#include "resource/resource_events.h"
#include "resource/resource_service.h"

namespace slotbase::resource {

class ResourceServiceImpl final : public ResourceService {
 public:
  ResourceServiceImpl(db::Database& db, const Clock& clock, const events::Outbox& outbox,
                      organization::OrganizationService& orgs, const media::MediaStore& media);

  Result<Resource> create_resource(const organization::FacilityId& facility_id, const NewResource& r,
                                   const Context& ctx) override;
  Result<std::vector<Resource>> list_resources(const organization::FacilityId& facility_id,
                                               const Context& ctx) override;
  Result<Resource> get_resource(const ResourceId& id, const Context& ctx) override;
  Result<Resource> update_resource(const ResourceId& id, const ResourcePatch& patch, const Context& ctx) override;
  Result<Resource> set_image(const ResourceId& id, std::string_view bytes, std::string_view content_type,
                             const Context& ctx) override;
  Result<Resource> remove_image(const ResourceId& id, const Context& ctx) override;
  Result<Pricing> set_pricing(const ResourceId& resource_id, const Pricing& pricing, const Context& ctx) override;
  Result<Pricing> get_pricing(const ResourceId& resource_id, const Context& ctx) override;
  std::optional<Resource> find_resource(const ResourceId& id) override;
  std::vector<Resource> resources_of(const organization::FacilityId& facility_id) override;
  Pricing pricing_of(const ResourceId& resource_id, const std::string& currency) override;
  std::optional<PricedResource> find_priced_resource(const ResourceId& id) override;
  std::int64_t price(const Pricing& pricing, bool member, Instant start, Instant end,
                     const PriceContext& context) const override;
  bool has_member_prices(const Pricing& pricing) const override;
  std::map<ResourceId, Pricing> pricing_of_facility(const organization::FacilityId& facility_id,
                                                    const std::string& currency) override;

 private:
  Result<Resource> change_image(Resource r, const std::optional<std::string>& image, const Context& ctx);
  /// The resource and its facility, if the caller may see the facility and holds `p` there.
  Result<std::pair<Resource, organization::Facility>> authorize(const ResourceId& resource_id, identity::Permission p,
                                                                const Context& ctx);
  /// The prices stored as `text`; none when there is no text, or it is not a price list.
  std::optional<Pricing> stored_pricing(const std::optional<std::string>& text);
  /// Appends `event` (one of resource_events.h) about `r` to `tx`'s outbox.
  template <class E>
  void emit(db::Connection& tx, const E& event, const Resource& r, const Context& ctx) const {
    outbox_.append(
        tx, events::new_event(event, "resource", r.id.str(), r.facility_id.str(), ctx.user_id, ctx.correlation_id));
  }

  db::Database& db_;
  const Clock& clock_;
  const events::Outbox& outbox_;
  organization::OrganizationService& orgs_;
  const media::MediaStore& media_;
  ParseCache<std::optional<Pricing>> pricings_{512};  // by stored text
};

}  // namespace slotbase::resource
