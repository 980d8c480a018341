#pragma once

namespace slotbase::resource::event_names {

inline constexpr const char* kResourceCreated = "resource.created";         // {resource_id, facility_id, type}
inline constexpr const char* kResourceUpdated = "resource.updated";         // {resource_id, facility_id, changes}
inline constexpr const char* kPricingUpdated = "resource.pricing_updated";  // {resource_id, facility_id}

}  // namespace slotbase::resource::event_names
