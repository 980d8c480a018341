#pragma once

#include <mutex>
#include "identity/identity_service.h"
#include "organization/organization_events.h"
#include "organization/organization_service.h"

#include "platform/clock/clock.h"
#include "platform/core/strings.h"
#include "platform/db/database.h"
#include "platform/events/domain_event.h"
#include "platform/events/outbox.h"
#include "platform/media/media_store.h"

namespace slotbase::organization {

class OrganizationServiceImpl final : public OrganizationService {
 public:
  OrganizationServiceImpl(db::Database& db, const Clock& clock, const events::Outbox& outbox,
                          identity::IdentityService& identity, const media::MediaStore& media);

  Result<Organization> create_organization(const std::string& name, const Context& ctx) override;
  Result<Organization> get_organization(const OrganizationId& id, const Context& ctx) override;
  std::vector<Organization> my_organizations(const Context& ctx) override;
  Result<Facility> create_facility(const OrganizationId& organization_id, const NewFacility& f,
                                   const Context& ctx) override;
  Result<std::vector<Facility>> organization_facilities(const OrganizationId& organization_id,
                                                        const Context& ctx) override;
  Page<Facility> public_facilities(const std::optional<std::string>& query, int limit,
                                   const std::optional<std::string>& cursor) override;
  Result<Facility> get_facility(const FacilityId& id, const Context& ctx) override;
  Result<Facility> update_facility(const FacilityId& id, const FacilityPatch& patch, const Context& ctx) override;
  Result<Facility> set_logo(const FacilityId& id, std::string_view bytes, std::string_view content_type,
                            const Context& ctx) override;
  Result<Facility> remove_logo(const FacilityId& id, const Context& ctx) override;
  Result<OperatingHours> set_hours(const FacilityId& facility_id, const OperatingHours& hours,
                                   const Context& ctx) override;
  Result<OperatingHours> get_hours(const FacilityId& facility_id, const Context& ctx) override;
  Result<StaffEntry> add_staff(const FacilityId& facility_id, const std::string& email, const std::string& role,
                               const Context& ctx) override;
  Result<std::vector<StaffEntry>> list_staff(const FacilityId& facility_id, const Context& ctx) override;
  Result<MemberEntry> add_member(const FacilityId& facility_id, const std::string& email, const Context& ctx) override;
  Result<Page<MemberEntry>> list_members(const FacilityId& facility_id, int limit,
                                         const std::optional<std::string>& cursor, const Context& ctx) override;
  Result<Facility> facility_for(const FacilityId& facility_id, identity::Permission permission,
                                const Context& ctx) override;
  bool can(const Facility& facility, identity::Permission permission, const Context& ctx) override;
  bool visible(const Context& ctx, const Facility& f) override;
  std::optional<Facility> find_facility(const FacilityId& id) override;
  std::shared_ptr<const FacilityConfig> facility_config(const FacilityId& id) override;
  OperatingHours hours_of(const FacilityId& facility_id) override;
  bool is_member(const FacilityId& facility_id, const identity::UserId& user_id) override;

  /// Subscriber to user.created: honours the invitations waiting for the new account's email.
  void accept_invitations(const events::DomainEvent& user_created);

 private:
  Result<Facility> change_logo(Facility f, const std::optional<std::string>& logo, const Context& ctx);
  /// Appends `event` (one of organization_events.h) about `aggregate_id` to `tx`'s outbox.
  template <class E>
  void emit(db::Connection& tx, const E& event, const std::string& aggregate_id,
            const std::optional<std::string>& facility_id, const Context& ctx) const {
    outbox_.append(
        tx, events::new_event(event, "organization", aggregate_id, facility_id, ctx.user_id, ctx.correlation_id));
  }

  db::Database& db_;
  const Clock& clock_;
  const events::Outbox& outbox_;
  identity::IdentityService& identity_;
  const media::MediaStore& media_;
  std::mutex configs_mu_;
  TextMap<std::shared_ptr<const FacilityConfig>> configs_;  // by facility id, the newest read
};

}  // namespace slotbase::organization
