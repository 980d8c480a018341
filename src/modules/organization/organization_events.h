#pragma once

namespace slotbase::organization::event_names {

inline constexpr const char* kOrganizationCreated = "organization.created";  // {organization_id, name}
inline constexpr const char* kFacilityCreated =
    "facility.created";  // {facility_id, organization_id, timezone, currency}
inline constexpr const char* kFacilityUpdated = "facility.updated";     // {facility_id, changes: [...]}
inline constexpr const char* kHoursUpdated = "facility.hours_updated";  // {facility_id}
inline constexpr const char* kStaffAdded = "facility.staff_added";      // {facility_id, email, role, user_id|null}
inline constexpr const char* kMemberAdded = "facility.member_added";    // {facility_id, email, user_id|null}

}  // namespace slotbase::organization::event_names
