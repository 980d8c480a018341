#include "organization_service_impl.h"
#include "platform/core/strings.h"

#include <algorithm>
#include <cctype>

#include "identity/identity_events.h"
#include "organization/organization_events.h"
#include "organization_repository.h"
#include "platform/core/ids.h"
#include "platform/events/dispatcher.h"
#include "rules/currency.h"
#include "rules/policies.h"

namespace slotbase::organization {
namespace {

using identity::Permission;
using identity::Role;
using identity::ScopeType;

std::string slugify(const std::string& name) {
  std::string slug;
  for (unsigned char c : name) {
    if (std::isalnum(c))
      slug.push_back(static_cast<char>(std::tolower(c)));
    else if (!slug.empty() && slug.back() != '-')
      slug.push_back('-');
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  if (slug.size() > 60) slug.resize(60);
  return slug.empty() ? "facility" : slug;
}

}  // namespace

OrganizationServiceImpl::OrganizationServiceImpl(db::Database& db, const Clock& clock, const events::Outbox& outbox,
                                                 identity::IdentityService& identity, const media::MediaStore& media,
                                                 InvitationMailer& invitation_mailer, std::string public_url)
    : db_(db),
      clock_(clock),
      outbox_(outbox),
      identity_(identity),
      media_(media),
      invitation_mailer_(invitation_mailer),
      public_url_(std::move(public_url)) {}

bool OrganizationServiceImpl::can(const Facility& f, Permission p, const Context& ctx) {
  return identity_.check_permission(ctx, p, {f.organization_id.str(), f.id.str()});
}

bool OrganizationServiceImpl::visible(const Context& ctx, const Facility& f) {
  if (f.settings.is_public && f.status == FacilityStatus::active) return true;
  return ctx.user_id && (is_member(f.id, identity::UserId{*ctx.user_id}) || can(f, Permission::facility_view, ctx));
}

Result<Facility> OrganizationServiceImpl::facility_for(const FacilityId& facility_id, Permission p,
                                                       const Context& ctx) {
  auto f = find_facility(facility_id);
  if (!f || !visible(ctx, *f)) return Error::not_found("No such facility.");
  if (!can(*f, p, ctx)) return Error::forbidden("You do not have permission to do this at this facility.");
  return *f;
}

Result<Organization> OrganizationServiceImpl::create_organization(const std::string& name_in, const Context& ctx) {
  const std::string name = trim(name_in);
  if (name.empty() || name.size() > 200) return Error::invalid("name", "must be 1 to 200 characters");
  if (!ctx.user_id) return Error::unauthenticated();
  Organization org{OrganizationId{new_id("org")}, name, clock_.now()};
  return db_.transact([&](db::Connection& tx) -> Result<Organization> {
    OrganizationRepository::insert_organization(tx, org, *ctx.user_id);
    SB_TRY(identity_.assign_role(db::UnitOfWork::of(db_, tx), identity::UserId{*ctx.user_id}, Role::org_owner,
                                 ScopeType::organization, org.id.str(), ctx));
    emit(tx, OrganizationCreated{org.id.str(), org.name}, org.id.str(), std::nullopt, ctx);
    return org;
  });
}

Result<Organization> OrganizationServiceImpl::get_organization(const OrganizationId& id, const Context& ctx) {
  auto org = db_.read([&](db::Connection& c) { return OrganizationRepository::organization(c, id); });
  if (!org || !ctx.user_id || !identity_.check_permission(ctx, Permission::facility_view, {id.str(), std::nullopt}))
    return Error::not_found("No such organization.");
  return *org;
}

std::vector<Organization> OrganizationServiceImpl::my_organizations(const Context& ctx) {
  if (!ctx.user_id) return {};
  std::vector<OrganizationId> ids;
  for (const auto& r : identity_.roles_of(ctx)) {
    OrganizationId id{r.scope_id};
    if (r.scope_type == ScopeType::organization && std::find(ids.begin(), ids.end(), id) == ids.end())
      ids.push_back(std::move(id));
  }
  return db_.read([&](db::Connection& c) { return OrganizationRepository::organizations(c, ids); });
}

Result<Facility> OrganizationServiceImpl::create_facility(const OrganizationId& organization_id, const NewFacility& in,
                                                          const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  auto org = db_.read([&](db::Connection& c) { return OrganizationRepository::organization(c, organization_id); });
  const identity::ScopeRef scope{organization_id.str(), std::nullopt};
  if (!org || !identity_.check_permission(ctx, Permission::facility_view, scope))
    return Error::not_found("No such organization.");
  if (!identity_.check_permission(ctx, Permission::organization_manage, scope))
    return Error::forbidden("Only the organization's owners and admins can add facilities.");

  std::vector<FieldError> errors;
  const std::string name = trim(in.name);
  if (name.empty() || name.size() > 200) errors.push_back({"name", "must be 1 to 200 characters"});
  if (!is_valid_time_zone(in.timezone))
    errors.push_back({"timezone", "must be an IANA time zone such as America/New_York"});
  if (!rules::currency_minor_digits(in.currency))
    errors.push_back({"currency", "must be an ISO 4217 code such as USD"});
  if (!errors.empty()) return Error::invalid(std::move(errors));

  Facility f;
  f.id = FacilityId{new_id("fac")};
  f.organization_id = organization_id;
  f.name = name;
  f.timezone = in.timezone;
  f.currency = in.currency;
  f.address = in.address;
  f.status = FacilityStatus::active;
  f.created_at = f.updated_at = clock_.now();
  // Many clubs share a name. A taken slug gets the random end of the facility's id (its last 14
  // characters are random), longer each time; a concurrent create that took the same slug
  // between the look and the insert makes the database refuse it, and the write is tried again.
  const std::string base = slugify(name);
  constexpr std::size_t kRandomTail = 14;
  for (int attempt = 0;; ++attempt) {
    try {
      return db_.transact([&](db::Connection& tx) -> Result<Facility> {
        f.slug = base;
        for (std::size_t n = 4; OrganizationRepository::slug_taken(tx, f.slug); n += 5) {
          if (n > kRandomTail) return Error::conflict("slug-taken", "No free address for this name; rename it.");
          f.slug = base + "-" + f.id.str().substr(f.id.str().size() - n);
        }
        OrganizationRepository::insert_facility(tx, f);
        emit(tx, FacilityCreated{f.id.str(), organization_id.str(), f.timezone, f.currency}, f.id.str(), f.id.str(),
             ctx);
        return f;
      });
    } catch (const db::DbError& e) {
      if (e.kind() != db::ErrorKind::unique_violation || attempt == 2) throw;
      f.id = FacilityId{new_id("fac")};
    }
  }
}

Result<std::vector<Facility>> OrganizationServiceImpl::organization_facilities(const OrganizationId& organization_id,
                                                                               const Context& ctx) {
  SB_TRY(get_organization(organization_id, ctx));
  return db_.read([&](db::Connection& c) { return OrganizationRepository::facilities_of(c, organization_id); });
}

Page<Facility> OrganizationServiceImpl::public_facilities(const std::optional<std::string>& query, int limit,
                                                          const std::optional<std::string>& cursor) {
  Page<Facility> page;
  std::string like = "%";
  if (query && !trim(*query).empty()) {
    for (char c : lower(trim(*query)))
      if (c != '%' && c != '_') like.push_back(c);
    like += "%";
  }
  auto rows = db_.read([&](db::Connection& c) {
    return OrganizationRepository::public_facilities(c, like, cursor.value_or(""), limit + 1);
  });
  if (static_cast<int>(rows.size()) > limit) {
    rows.resize(limit);
    page.next_cursor = rows.back().id.str();
  }
  page.items = std::move(rows);
  return page;
}

Result<Facility> OrganizationServiceImpl::get_facility(const FacilityId& id, const Context& ctx) {
  auto f = find_facility(id);
  if (!f || !visible(ctx, *f)) return Error::not_found("No such facility.");
  return *f;
}

Result<Facility> OrganizationServiceImpl::update_facility(const FacilityId& id, const FacilityPatch& patch,
                                                          const Context& ctx) {
  SB_ASSIGN_OR_RETURN(Facility f, facility_for(id, Permission::facility_manage, ctx));
  std::vector<std::string> changes;
  if (patch.name) {
    auto name = trim(*patch.name);
    if (name.empty() || name.size() > 200) return Error::invalid("name", "must be 1 to 200 characters");
    f.name = name;
    changes.push_back("name");
  }
  if (patch.address) {
    f.address = *patch.address;
    changes.push_back("address");
  }
  if (patch.settings) {
    f.settings = rules::apply_settings(f.settings, *patch.settings);
    changes.push_back("settings");
  }
  const Membership membership_before = f.policies.membership;
  if (patch.policies) {
    SB_ASSIGN_OR_RETURN(f.policies, rules::apply_policies(f.policies, *patch.policies));
    changes.push_back("policies");
  }
  // The membership policy is the one source of who may book; the older setting is its mirror,
  // and writing the setting alone writes the policy (off: approval, unless it was closer already).
  const auto& setting = patch.settings ? patch.settings->allow_non_member_bookings : std::nullopt;
  const bool policy_given = patch.policies && patch.policies->membership;
  if (setting && policy_given && *setting != (f.policies.membership == Membership::open))
    return Error::invalid("settings.allow_non_member_bookings",
                          "must be true exactly when policies.membership is open");
  if (setting && !policy_given) {
    if (*setting)
      f.policies.membership = Membership::open;
    else if (f.policies.membership == Membership::open)
      f.policies.membership = Membership::approval;
    if (f.policies.membership != membership_before && !patch.policies) changes.push_back("policies");
  }
  f.settings.allow_non_member_bookings = f.policies.membership == Membership::open;
  f.updated_at = clock_.now();
  return db_.transact([&](db::Connection& tx) -> Result<Facility> {
    OrganizationRepository::update_facility(tx, f);
    emit(tx, FacilityUpdated{f.id.str(), changes}, f.id.str(), f.id.str(), ctx);
    return f;
  });
}

Result<Facility> OrganizationServiceImpl::set_logo(const FacilityId& id, std::string_view bytes,
                                                   std::string_view content_type, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(Facility f, facility_for(id, Permission::facility_manage, ctx));
  // The file first: it is named by its bytes, so one written for a write that then fails is
  // only a file nobody points at.
  SB_ASSIGN_OR_RETURN(std::string name, media_.put_image(bytes, content_type, "body"));
  return change_logo(f, name, ctx);
}

Result<Facility> OrganizationServiceImpl::remove_logo(const FacilityId& id, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(Facility f, facility_for(id, Permission::facility_manage, ctx));
  return change_logo(f, std::nullopt, ctx);
}

Result<Facility> OrganizationServiceImpl::change_logo(Facility f, const std::optional<std::string>& logo,
                                                      const Context& ctx) {
  f.logo = logo;
  f.updated_at = clock_.now();
  return db_.transact([&](db::Connection& tx) -> Result<Facility> {
    OrganizationRepository::set_logo(tx, f.id, f.logo, f.updated_at);
    emit(tx, FacilityUpdated{f.id.str(), {"logo"}}, f.id.str(), f.id.str(), ctx);
    return f;
  });
}

Result<OperatingHours> OrganizationServiceImpl::set_hours(const FacilityId& facility_id, const OperatingHours& hours,
                                                          const Context& ctx) {
  SB_ASSIGN_OR_RETURN(Facility f, facility_for(facility_id, Permission::facility_manage, ctx));
  return db_.transact([&](db::Connection& tx) -> Result<OperatingHours> {
    OrganizationRepository::replace_hours(tx, f.id, hours);
    emit(tx, HoursUpdated{f.id.str()}, f.id.str(), f.id.str(), ctx);
    return OrganizationRepository::hours(tx, f.id);
  });
}

Result<OperatingHours> OrganizationServiceImpl::get_hours(const FacilityId& facility_id, const Context& ctx) {
  SB_TRY(get_facility(facility_id, ctx));
  return hours_of(facility_id);
}

Result<StaffEntry> OrganizationServiceImpl::add_staff(const FacilityId& facility_id, const std::string& email_in,
                                                      const std::string& role_text, const Context& ctx) {
  auto role = identity::parse_role(role_text);
  std::vector<FieldError> errors;
  if (!role || (*role != Role::facility_manager && *role != Role::staff && *role != Role::coach))
    errors.push_back({"role", "must be facility_manager, staff or coach"});
  const std::string email = lower(trim(email_in));
  if (email.find('@') == std::string::npos || email.size() > 254)
    errors.push_back({"email", "must be an email address"});
  if (!errors.empty()) return Error::invalid(std::move(errors));
  SB_ASSIGN_OR_RETURN(Facility f, facility_for(facility_id, Permission::staff_manage, ctx));

  auto user = identity_.find_user_by_email(email);
  const Instant now = clock_.now();
  return db_.transact([&](db::Connection& tx) -> Result<StaffEntry> {
    StaffEntry entry{std::nullopt, email, "", role_text, "invited"};
    if (user) {
      SB_TRY(identity_.assign_role(db::UnitOfWork::of(db_, tx), user->id, *role, ScopeType::facility, f.id.str(), ctx));
      entry = {user->id, user->email, user->name, role_text, "active"};
    } else {
      OrganizationRepository::insert_invitation(tx, {InvitationId{new_id("inv")}, f.id, email, "staff", role_text},
                                                ctx.user_id.value_or(""), now);
    }
    emit(tx, StaffAdded{f.id.str(), email, role_text, user ? std::optional<std::string>(user->id.str()) : std::nullopt},
         f.id.str(), f.id.str(), ctx);
    return entry;
  });
}

Result<std::vector<StaffEntry>> OrganizationServiceImpl::list_staff(const FacilityId& facility_id, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(Facility f, facility_for(facility_id, Permission::facility_view, ctx));
  std::vector<StaffEntry> out;
  for (const auto& [user, role] : identity_.holders(ScopeType::facility, f.id.str())) {
    if (role.role == Role::facility_manager || role.role == Role::staff || role.role == Role::coach)
      out.push_back({user.id, user.email, user.name, std::string(identity::to_string(role.role)), "active"});
  }
  auto invitations = db_.read(
      [&](db::Connection& c) { return OrganizationRepository::pending_invitations(c, f.id, "staff", clock_.now()); });
  for (const auto& inv : invitations) out.push_back({std::nullopt, inv.email, "", inv.role, "invited"});
  return out;
}

Result<MemberEntry> OrganizationServiceImpl::add_member(const FacilityId& facility_id, const std::string& email_in,
                                                        const Context& ctx) {
  const std::string email = lower(trim(email_in));
  if (email.find('@') == std::string::npos || email.size() > 254)
    return Error::invalid("email", "must be an email address");
  SB_ASSIGN_OR_RETURN(Facility f, facility_for(facility_id, Permission::members_manage, ctx));
  auto user = identity_.find_user_by_email(email);
  const Instant now = clock_.now();
  return db_.transact([&](db::Connection& tx) -> Result<MemberEntry> {
    MemberEntry entry{std::nullopt, email, "", "invited", std::nullopt};
    if (user) {
      OrganizationRepository::insert_member(tx, f.id, user->id, now);
      SB_TRY(identity_.assign_role(db::UnitOfWork::of(db_, tx), user->id, Role::member, ScopeType::facility, f.id.str(),
                                   ctx));
      entry = {user->id, user->email, user->name, "active", now};
    } else {
      OrganizationRepository::insert_invitation(tx, {InvitationId{new_id("inv")}, f.id, email, "member", "member"},
                                                ctx.user_id.value_or(""), now);
    }
    emit(tx, MemberAdded{f.id.str(), email, user ? std::optional<std::string>(user->id.str()) : std::nullopt},
         f.id.str(), f.id.str(), ctx);
    return entry;
  });
}

Result<Page<MemberEntry>> OrganizationServiceImpl::list_members(const FacilityId& facility_id, int limit,
                                                                const std::optional<std::string>& cursor,
                                                                const Context& ctx) {
  SB_ASSIGN_OR_RETURN(Facility f, facility_for(facility_id, Permission::facility_view, ctx));
  auto rows = db_.read(
      [&](db::Connection& c) { return OrganizationRepository::members(c, f.id, cursor.value_or(""), limit + 1); });
  Page<MemberEntry> page;
  for (int i = 0; i < static_cast<int>(rows.size()) && i < limit; ++i) {
    auto user = identity_.get_user(rows[i].first);
    if (!user.ok()) continue;
    page.items.push_back({user->id, user->email, user->name, "active", rows[i].second});
  }
  if (static_cast<int>(rows.size()) > limit) page.next_cursor = rows[limit - 1].first.str();
  if (!cursor) {
    auto invitations = db_.read([&](db::Connection& c) {
      return OrganizationRepository::pending_invitations(c, f.id, "member", clock_.now());
    });
    for (const auto& inv : invitations) page.items.push_back({std::nullopt, inv.email, "", "invited", std::nullopt});
  }
  return page;
}

std::optional<Facility> OrganizationServiceImpl::find_facility(const FacilityId& id) {
  return db_.read([&](db::Connection& c) { return OrganizationRepository::facility(c, id); });
}

std::shared_ptr<const FacilityConfig> OrganizationServiceImpl::facility_config(const FacilityId& id) {
  auto read = db_.read([&](db::Connection& c) -> std::shared_ptr<const FacilityConfig> {
    // The version alone is one indexed lookup; the facility and its hours only when it moved.
    auto version = OrganizationRepository::config_version(c, id);
    if (!version) return nullptr;
    {
      std::lock_guard lock(configs_mu_);
      if (auto it = configs_.find(id.str()); it != configs_.end() && it->second->version >= *version) return it->second;
    }
    auto f = OrganizationRepository::versioned_facility(c, id);
    if (!f) return nullptr;
    return std::make_shared<const FacilityConfig>(
        FacilityConfig{std::move(f->first), OrganizationRepository::hours(c, id), f->second});
  });
  if (!read) return nullptr;
  std::lock_guard lock(configs_mu_);
  // One entry per facility that was booked since the process started: a few kB each.
  auto& kept = configs_[id.str()];
  if (!kept || kept->version < read->version) kept = read;
  return read;
}

OperatingHours OrganizationServiceImpl::hours_of(const FacilityId& facility_id) {
  return db_.read([&](db::Connection& c) { return OrganizationRepository::hours(c, facility_id); });
}

bool OrganizationServiceImpl::is_member(const FacilityId& facility_id, const identity::UserId& user_id) {
  return db_.read([&](db::Connection& c) { return OrganizationRepository::is_member(c, facility_id, user_id); });
}

void OrganizationServiceImpl::accept_invitations(const events::DomainEvent& e) {
  auto created = events::decode_event<identity::UserCreated>(e);
  if (!created || created->user_id.empty() || created->email.empty()) return;
  const identity::UserId user_id{created->user_id};
  const std::string& email = created->email;
  const Context ctx{user_id.str(), e.correlation_id, ""};
  events::apply_once(db_, "organization.invitations", e, [&](db::Connection& tx) {
    const Instant now = clock_.now();
    for (const auto& inv : OrganizationRepository::pending_invitations_for(tx, email, now)) {
      auto role = identity::parse_role(inv.role).value_or(Role::member);
      if (inv.kind == "member") OrganizationRepository::insert_member(tx, inv.facility_id, user_id, now);
      auto granted = identity_.assign_role(db::UnitOfWork::of(db_, tx), user_id, role, ScopeType::facility,
                                           inv.facility_id.str(), ctx);
      if (!granted.ok()) throw std::runtime_error("could not grant invited role: " + granted.error().detail);
      OrganizationRepository::accept_invitation(tx, inv.id, user_id, now);
    }
  });
}

}  // namespace slotbase::organization
