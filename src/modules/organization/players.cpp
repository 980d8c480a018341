// The players of a facility: the roster, invitations by link, join requests, players added by
// staff, and the first booking that puts a player on an open facility's roster.
#include <algorithm>
#include <map>
#include <set>

#include "organization_repository.h"
#include "organization_service_impl.h"
#include "platform/core/encoding.h"
#include "platform/core/ids.h"
#include "platform/core/strings.h"
#include "platform/core/zone.h"
#include "platform/events/dispatcher.h"
#include "players_repository.h"

namespace slotbase::organization {
namespace {

using identity::Permission;
using identity::Role;
using identity::ScopeType;

constexpr auto kInvitationTtl = std::chrono::hours(24 * 7);
constexpr int kListLimit = 500;

/// Accounts by their id, as IdentityService::users gives them.
std::map<std::string, identity::User> by_id(std::vector<identity::User> users) {
  std::map<std::string, identity::User> out;
  for (auto& u : users) out.emplace(u.id.str(), std::move(u));
  return out;
}
constexpr std::size_t kMaxText = 1000;
constexpr const char* kSpentInvitation =
    "This invitation was already used, was withdrawn or has expired. Ask the club to send a new one.";

bool plausible_email(const std::string& email) {
  const auto at = email.find('@');
  return at != std::string::npos && at > 0 && at + 1 < email.size() && email.size() <= 254 &&
         email.find_first_of(" \t\r\n") == std::string::npos;
}

/// Trimmed, and empty as none; invalid_argument naming `field` past kMaxText.
Result<std::optional<std::string>> optional_text(const std::optional<std::string>& in, const char* field) {
  if (!in) return std::optional<std::string>{};
  std::string text = trim(*in);
  if (text.size() > kMaxText) return Error::invalid(field, "must be at most 1000 characters");
  if (text.empty()) return std::optional<std::string>{};
  return std::optional<std::string>{std::move(text)};
}

}  // namespace

RosterEntry OrganizationServiceImpl::entry_of(db::Connection& c, const FacilityId& facility_id,
                                              const identity::User& user) {
  RosterEntry e{user.id, user.name, user.email, RosterStatus::active, std::nullopt};
  if (auto status = PlayersRepository::member_status(c, facility_id, user.id)) {
    e.status = *status;
    e.joined_at = PlayersRepository::member_since(c, facility_id, user.id);
  }
  return e;
}

Result<Page<RosterEntry>> OrganizationServiceImpl::roster(const FacilityId& facility_id, const RosterQuery& query,
                                                          const Context& ctx) {
  std::size_t offset = 0;
  if (query.cursor) {
    // The cursor is the position of the next row in the roster's order.
    const std::string& c = *query.cursor;
    if (c.empty() || c.size() > 9 || c.find_first_not_of("0123456789") != std::string::npos)
      return Error::invalid("cursor", "must be a cursor from an earlier page");
    offset = std::stoul(c);
  }
  SB_ASSIGN_OR_RETURN(Facility f, facility_for(facility_id, Permission::members_manage, ctx));
  const Instant now = clock_.now();
  struct Read {
    std::vector<PlayersRepository::Member> members;
    std::vector<PlayersRepository::Waiting> joining, invited;
  };
  const auto read = db_.read([&](db::Connection& c) {
    return Read{PlayersRepository::members(c, f.id), PlayersRepository::pending_join_users(c, f.id),
                PlayersRepository::pending_invited(c, f.id, now)};
  });
  // The accounts of the roster and of those asking to join, in one call (deleted ones left out).
  std::vector<identity::UserId> ids;
  for (const auto& m : read.members) ids.push_back(m.user_id);
  for (const auto& w : read.joining) ids.push_back(*w.user_id);
  const auto accounts = by_id(identity_.users(ids));
  // One row per person: on the roster first, then asking to join, then invited.
  std::vector<RosterEntry> all;
  std::set<std::string> users, emails;
  auto add = [&](const identity::UserId& id, RosterStatus status, std::optional<Instant> since) {
    auto user = accounts.find(id.str());
    if (user == accounts.end() || users.contains(id.str())) return;
    all.push_back({user->second.id, user->second.name, user->second.email, status, since});
    users.insert(id.str());
    emails.insert(user->second.email);
  };
  for (const auto& m : read.members) add(m.user_id, m.status, m.since);
  for (const auto& w : read.joining) add(*w.user_id, RosterStatus::pending, std::nullopt);
  for (const auto& w : read.invited) {
    if (emails.contains(w.email)) continue;
    auto user = identity_.find_user_by_email(w.email);
    if (user && users.contains(user->id.str())) continue;
    all.push_back({user ? std::optional(user->id) : std::nullopt, user ? user->name : "", w.email,
                   RosterStatus::invited, std::nullopt});
    emails.insert(w.email);
  }
  const std::string q = query.q ? lower(trim(*query.q)) : "";
  std::erase_if(all, [&](const RosterEntry& e) {
    if (query.status && e.status != *query.status) return true;
    return !q.empty() && lower(e.name).find(q) == std::string::npos && e.email.find(q) == std::string::npos;
  });
  // By name (people without one, invited addresses, last), then address.
  std::stable_sort(all.begin(), all.end(), [](const RosterEntry& a, const RosterEntry& b) {
    const std::string an = lower(a.name), bn = lower(b.name);
    if (an.empty() != bn.empty()) return bn.empty();
    if (an != bn) return an < bn;
    return a.email < b.email;
  });
  Page<RosterEntry> page;
  const std::size_t end = std::min(all.size(), offset + static_cast<std::size_t>(query.limit));
  for (std::size_t i = std::min(offset, all.size()); i < end; ++i) page.items.push_back(all[i]);
  if (end < all.size()) page.next_cursor = std::to_string(end);
  return page;
}

Result<RosterEntry> OrganizationServiceImpl::add_player(const FacilityId& facility_id, const NewPlayer& p,
                                                        const Context& ctx) {
  // Who may add comes first: an outsider learns nothing from the form's errors.
  SB_ASSIGN_OR_RETURN(Facility f, facility_for(facility_id, Permission::members_manage, ctx));
  const std::string email = lower(trim(p.email));
  const bool creating = p.first_name || p.last_name;
  const std::string first = trim(p.first_name.value_or("")), last = trim(p.last_name.value_or(""));
  std::vector<FieldError> errors;
  if (!plausible_email(email)) errors.push_back({"email", "must be an email address"});
  if (creating && first.empty()) errors.push_back({"first_name", "is required to create an account"});
  if (creating && last.empty()) errors.push_back({"last_name", "is required to create an account"});
  if (first.size() > 50) errors.push_back({"first_name", "must be at most 50 characters"});
  if (last.size() > 50) errors.push_back({"last_name", "must be at most 50 characters"});
  if (p.date_of_birth) {
    const LocalDate today = Zone::find("UTC")->date_of(clock_.now());
    LocalDate adult_from = *p.date_of_birth;
    adult_from.year += 18;
    if (*p.date_of_birth >= today)
      errors.push_back({"date_of_birth", "must be in the past"});
    else if (adult_from > today)
      errors.push_back({"date_of_birth", "belongs to someone under 18: a guardian adds them as their child"});
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  const auto existing = identity_.find_user_by_email(email);
  // The names are for a new account only: an existing one keeps its owner's own.
  if (!existing && !creating)
    return Error::invalid("email", "has no account: give first_name and last_name to create one");
  const Instant now = clock_.now();
  return db_.transact([&](db::Connection& tx) -> Result<RosterEntry> {
    identity::User user;
    if (existing) {
      user = *existing;
    } else {
      SB_ASSIGN_OR_RETURN(user, identity_.create_welcomed_account(db::UnitOfWork::of(db_, tx),
                                                                  {email, first + " " + last, p.phone, f.name}, ctx));
    }
    if (PlayersRepository::member_status(tx, f.id, user.id) == RosterStatus::active)
      return Error::conflict("already-on-roster", "This player is on the roster already.");
    PlayersRepository::set_member(tx, f.id, user.id, RosterStatus::active, now);
    SB_TRY(identity_.assign_role(db::UnitOfWork::of(db_, tx), user.id, Role::member, ScopeType::facility, f.id.str(),
                                 ctx));
    // Added by staff while asking to join: the request is answered by the adding.
    if (auto open = PlayersRepository::open_join_request(tx, f.id, user.id);
        open && open->status == JoinRequestStatus::pending) {
      PlayersRepository::decide_join_request(tx, open->id, JoinRequestStatus::approved, std::nullopt,
                                             ctx.user_id.value_or(""), now);
      emit(tx, JoinRequestDecided{open->id.str(), f.id.str(), user.id.str(), "approved", std::nullopt}, open->id.str(),
           f.id.str(), ctx);
    }
    emit(tx, PlayerAdded{f.id.str(), user.id.str(), "staff", !existing}, f.id.str(), f.id.str(), ctx);
    return entry_of(tx, f.id, user);
  });
}

Result<RosterEntry> OrganizationServiceImpl::set_player_status(const FacilityId& facility_id,
                                                               const identity::UserId& user_id, RosterStatus status,
                                                               const Context& ctx) {
  if (status != RosterStatus::active && status != RosterStatus::inactive)
    return Error::invalid("status", "must be active or inactive");
  SB_ASSIGN_OR_RETURN(Facility f, facility_for(facility_id, Permission::members_manage, ctx));
  auto user = identity_.get_user(user_id);
  if (!user.ok()) return Error::not_found("No such player at this facility.");
  const Instant now = clock_.now();
  return db_.transact([&](db::Connection& tx) -> Result<RosterEntry> {
    if (!PlayersRepository::member_status(tx, f.id, user_id))
      return Error::not_found("No such player at this facility.");
    if (PlayersRepository::set_member(tx, f.id, user_id, status, now))
      emit(tx, PlayerStatusChanged{f.id.str(), user_id.str(), str(status)}, f.id.str(), f.id.str(), ctx);
    return entry_of(tx, f.id, *user);
  });
}

void OrganizationServiceImpl::send_invitation_mail(db::Connection& tx, const PlayerInvitation& inv, const Facility& f,
                                                   const std::string& token, const Context& ctx) {
  std::string inviter;
  if (ctx.user_id)
    if (auto me = identity_.get_user(identity::UserId{*ctx.user_id}); me.ok()) inviter = me->name;
  // Tokens are base64url: nothing in them needs escaping in a query.
  invitation_mailer_.send_invitation(
      db::UnitOfWork::of(db_, tx),
      {inv.id, f.id, f.name, inv.email, public_url_ + "/invitations/accept?token=" + token, *inv.expires_at, inviter});
}

Result<PlayerInvitation> OrganizationServiceImpl::invite_player(const FacilityId& facility_id,
                                                                const std::string& email_in, const Context& ctx) {
  const std::string email = lower(trim(email_in));
  if (!plausible_email(email)) return Error::invalid("email", "must be an email address");
  SB_ASSIGN_OR_RETURN(Facility f, facility_for(facility_id, Permission::members_manage, ctx));
  const auto user = identity_.find_user_by_email(email);
  const Instant now = clock_.now();
  const std::string token = random_token(32);
  try {
    return db_.transact([&](db::Connection& tx) -> Result<PlayerInvitation> {
      if (user && PlayersRepository::member_status(tx, f.id, user->id) == RosterStatus::active)
        return Error::conflict("already-on-roster", "This address belongs to a player on the roster already.");
      if (auto before = PlayersRepository::invitation_for(tx, f.id, email, now)) {
        if (before->status == InvitationStatus::pending && before->expires_at)
          return Error::conflict("already-invited",
                                 "An invitation to this address is pending: send it again from the list.");
        // One row per address: a closed invitation (or one waiting for a sign-up) makes way.
        PlayersRepository::delete_invitation(tx, before->id);
      }
      PlayerInvitation inv;
      inv.id = InvitationId{new_id("inv")};
      inv.facility_id = f.id;
      inv.email = email;
      inv.created_at = now;
      inv.expires_at = now + kInvitationTtl;
      inv.sent_at = now;
      PlayersRepository::insert_invitation(tx, inv, sha256_hex(token), ctx.user_id.value_or(""));
      send_invitation_mail(tx, inv, f, token, ctx);
      emit(tx, InvitationSent{inv.id.str(), f.id.str(), email, false}, inv.id.str(), f.id.str(), ctx);
      return inv;
    });
  } catch (const db::DbError& e) {
    // Two invitations to one address at the same moment: the unique index decides.
    if (e.kind() == db::ErrorKind::unique_violation)
      return Error::conflict("already-invited", "An invitation to this address is pending.");
    throw;
  }
}

Result<std::vector<PlayerInvitation>> OrganizationServiceImpl::invitations(
    const FacilityId& facility_id, const std::optional<InvitationStatus>& status, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(Facility f, facility_for(facility_id, Permission::members_manage, ctx));
  auto all =
      db_.read([&](db::Connection& c) { return PlayersRepository::invitations(c, f.id, kListLimit, clock_.now()); });
  if (status) std::erase_if(all, [&](const PlayerInvitation& i) { return i.status != *status; });
  return all;
}

Result<void> OrganizationServiceImpl::check_insider(const std::optional<Facility>& f, const Context& ctx,
                                                    const char* missing) {
  // Another facility's invitations and requests do not exist for outsiders; the facility's own
  // players and coaches learn only that they may not.
  if (!f || !ctx.user_id) return Error::not_found(missing);
  if (can(*f, Permission::members_manage, ctx)) return Ok{};
  if (can(*f, Permission::facility_view, ctx) || is_member(f->id, identity::UserId{*ctx.user_id}))
    return Error::forbidden("Only the facility's staff can do this.");
  return Error::not_found(missing);
}

Result<std::pair<PlayerInvitation, Facility>> OrganizationServiceImpl::managed_invitation(const InvitationId& id,
                                                                                          const Context& ctx) {
  auto inv = db_.read([&](db::Connection& c) { return PlayersRepository::invitation(c, id, clock_.now()); });
  auto f = inv ? find_facility(inv->facility_id) : std::nullopt;
  SB_TRY(check_insider(f, ctx, "No such invitation."));
  return std::pair{*inv, *f};
}

Result<PlayerInvitation> OrganizationServiceImpl::resend_invitation(const InvitationId& id, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto found, managed_invitation(id, ctx));
  auto& [inv, f] = found;
  if (inv.status == InvitationStatus::accepted || inv.status == InvitationStatus::revoked)
    return Error::conflict("invitation-closed",
                           "This invitation was " + str(inv.status) + ": invite the address anew.");
  const Instant now = clock_.now();
  const std::string token = random_token(32);
  return db_.transact([&](db::Connection& tx) -> Result<PlayerInvitation> {
    // The old link stops working: its token is replaced.
    if (!PlayersRepository::renew_invitation(tx, inv.id, sha256_hex(token), now + kInvitationTtl, now))
      return Error::conflict("invitation-closed", "This invitation was closed meanwhile.");
    auto renewed = *PlayersRepository::invitation(tx, inv.id, now);
    send_invitation_mail(tx, renewed, f, token, ctx);
    emit(tx, InvitationSent{inv.id.str(), f.id.str(), inv.email, true}, inv.id.str(), f.id.str(), ctx);
    return renewed;
  });
}

Result<PlayerInvitation> OrganizationServiceImpl::revoke_invitation(const InvitationId& id, const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto found, managed_invitation(id, ctx));
  auto& [inv, f] = found;
  if (inv.status == InvitationStatus::accepted || inv.status == InvitationStatus::revoked)
    return Error::conflict("invitation-closed", "This invitation was " + str(inv.status) + " already.");
  const Instant now = clock_.now();
  return db_.transact([&](db::Connection& tx) -> Result<PlayerInvitation> {
    if (!PlayersRepository::revoke_invitation(tx, inv.id, now))
      return Error::conflict("invitation-closed", "This invitation was closed meanwhile.");
    emit(tx, InvitationClosed{inv.id.str(), f.id.str(), inv.email, "revoked", std::nullopt}, inv.id.str(), f.id.str(),
         ctx);
    return *PlayersRepository::invitation(tx, inv.id, now);
  });
}

Result<Facility> OrganizationServiceImpl::invitation_facility(const std::string& token) {
  if (token.empty()) return Error::invalid("token", "is required");
  const Instant now = clock_.now();
  auto inv =
      db_.read([&](db::Connection& c) { return PlayersRepository::invitation_by_token(c, sha256_hex(token), now); });
  if (!inv || inv->status != InvitationStatus::pending) return Error::expired(kSpentInvitation);
  auto f = find_facility(inv->facility_id);
  if (!f) return Error::expired(kSpentInvitation);
  return *f;
}

Result<RosterEntry> OrganizationServiceImpl::accept_invitation(const std::string& token, const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  if (token.empty()) return Error::invalid("token", "is required");
  SB_ASSIGN_OR_RETURN(auto user, identity_.get_user(identity::UserId{*ctx.user_id}));
  const std::string hash = sha256_hex(token);
  const Instant now = clock_.now();
  return db_.transact([&](db::Connection& tx) -> Result<RosterEntry> {
    auto inv = PlayersRepository::invitation_by_token(tx, hash, now);
    if (!inv || inv->status != InvitationStatus::pending) return Error::expired(kSpentInvitation);
    // Spent in the transaction that uses it: of two uses at once, one wins and one is 410.
    if (!PlayersRepository::accept_invitation(tx, inv->id, user.id, now)) return Error::expired(kSpentInvitation);
    // Whoever holds the link may join with the account they are signed in to: people are often
    // invited at one address and play under another.
    const bool changed = PlayersRepository::set_member(tx, inv->facility_id, user.id, RosterStatus::active, now);
    SB_TRY(identity_.assign_role(db::UnitOfWork::of(db_, tx), user.id, Role::member, ScopeType::facility,
                                 inv->facility_id.str(), ctx));
    emit(tx, InvitationClosed{inv->id.str(), inv->facility_id.str(), inv->email, "accepted", user.id.str()},
         inv->id.str(), inv->facility_id.str(), ctx);
    if (changed)
      emit(tx, PlayerAdded{inv->facility_id.str(), user.id.str(), "invitation", false}, inv->facility_id.str(),
           inv->facility_id.str(), ctx);
    return entry_of(tx, inv->facility_id, user);
  });
}

Result<JoinRequest> OrganizationServiceImpl::request_to_join(const FacilityId& facility_id,
                                                             const std::optional<std::string>& message_in,
                                                             const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  SB_ASSIGN_OR_RETURN(auto message, optional_text(message_in, "message"));
  // A private facility shows itself to its inactive players too: they may ask to come back.
  auto found = find_facility(facility_id);
  if (!found || (!visible(ctx, *found) && !roster_status(found->id, identity::UserId{*ctx.user_id})))
    return Error::not_found("No such facility.");
  const Facility& f = *found;
  if (f.policies.membership == Membership::invite_only)
    return Error::rule_violation("invite-only", "This club takes new players by invitation only.");
  SB_ASSIGN_OR_RETURN(auto user, identity_.get_user(identity::UserId{*ctx.user_id}));
  JoinRequest r{JoinRequestId{new_id("jrq")}, f.id,         f.name,       user.id,     user.name, user.email, message,
                JoinRequestStatus::pending,   std::nullopt, clock_.now(), std::nullopt};
  try {
    return db_.transact([&](db::Connection& tx) -> Result<JoinRequest> {
      if (PlayersRepository::member_status(tx, f.id, user.id) == RosterStatus::active)
        return Error::conflict("already-on-roster", "You are a player of this club already.");
      if (auto open = PlayersRepository::open_join_request(tx, f.id, user.id)) {
        if (open->status == JoinRequestStatus::rejected)
          return Error::conflict("join-request-rejected",
                                 "The club turned down your request " + open->id.str() + ": its decision is final.");
        return Error::conflict("join-request-pending",
                               "Your request " + open->id.str() + " is waiting for the club's answer.");
      }
      PlayersRepository::insert_join_request(tx, r);
      emit(tx, JoinRequested{r.id.str(), f.id.str(), user.id.str(), message}, r.id.str(), f.id.str(), ctx);
      return r;
    });
  } catch (const db::DbError& e) {
    if (e.kind() == db::ErrorKind::unique_violation)
      return Error::conflict("join-request-pending", "Your request is waiting for the club's answer.");
    throw;
  }
}

Result<std::vector<JoinRequest>> OrganizationServiceImpl::join_requests(const FacilityId& facility_id,
                                                                        const std::optional<JoinRequestStatus>& status,
                                                                        const Context& ctx) {
  SB_ASSIGN_OR_RETURN(Facility f, facility_for(facility_id, Permission::members_manage, ctx));
  auto rows =
      db_.read([&](db::Connection& c) { return PlayersRepository::join_requests(c, f.id, status, kListLimit); });
  std::vector<identity::UserId> ids;
  for (const auto& r : rows) ids.push_back(r.user_id);
  const auto accounts = by_id(identity_.users(ids));
  for (auto& r : rows)
    if (auto user = accounts.find(r.user_id.str()); user != accounts.end()) {
      r.name = user->second.name;
      r.email = user->second.email;
    }
  return rows;
}

Result<std::vector<JoinRequest>> OrganizationServiceImpl::my_join_requests(const Context& ctx) {
  if (!ctx.user_id) return Error::unauthenticated();
  SB_ASSIGN_OR_RETURN(auto user, identity_.get_user(identity::UserId{*ctx.user_id}));
  auto rows = db_.read([&](db::Connection& c) { return PlayersRepository::join_requests_of(c, user.id, kListLimit); });
  for (auto& r : rows) {
    r.name = user.name;
    r.email = user.email;
  }
  return rows;
}

Result<JoinRequest> OrganizationServiceImpl::decide_join_request(const JoinRequestId& id, bool approve,
                                                                 const std::optional<std::string>& reason_in,
                                                                 const Context& ctx) {
  SB_ASSIGN_OR_RETURN(auto reason, optional_text(reason_in, "reason"));
  auto r = db_.read([&](db::Connection& c) { return PlayersRepository::join_request(c, id); });
  auto found = r ? find_facility(r->facility_id) : std::nullopt;
  SB_TRY(check_insider(found, ctx, "No such join request."));
  const Facility& f = *found;
  if (r->status != JoinRequestStatus::pending)
    return Error::conflict("join-request-decided", "This request was " + str(r->status) + " already.");
  const Instant now = clock_.now();
  const JoinRequestStatus status = approve ? JoinRequestStatus::approved : JoinRequestStatus::rejected;
  auto decided = db_.transact([&](db::Connection& tx) -> Result<JoinRequest> {
    if (!PlayersRepository::decide_join_request(tx, r->id, status, reason, ctx.user_id.value_or(""), now))
      return Error::conflict("join-request-decided", "This request was decided meanwhile.");
    if (approve) {
      PlayersRepository::set_member(tx, f.id, r->user_id, RosterStatus::active, now);
      SB_TRY(identity_.assign_role(db::UnitOfWork::of(db_, tx), r->user_id, Role::member, ScopeType::facility,
                                   f.id.str(), ctx));
      emit(tx, PlayerAdded{f.id.str(), r->user_id.str(), "join_request", false}, f.id.str(), f.id.str(), ctx);
    }
    emit(tx, JoinRequestDecided{r->id.str(), f.id.str(), r->user_id.str(), str(status), reason}, r->id.str(),
         f.id.str(), ctx);
    return *PlayersRepository::join_request(tx, r->id);
  });
  if (decided.ok())
    if (auto user = identity_.get_user(decided->user_id); user.ok()) {
      decided->name = user->name;
      decided->email = user->email;
    }
  return decided;
}

std::optional<RosterStatus> OrganizationServiceImpl::roster_status(const FacilityId& facility_id,
                                                                   const identity::UserId& user_id) {
  return db_.read([&](db::Connection& c) { return PlayersRepository::member_status(c, facility_id, user_id); });
}

std::vector<identity::UserId> OrganizationServiceImpl::player_managers(const FacilityId& facility_id) {
  auto f = find_facility(facility_id);
  if (!f) return {};
  std::vector<identity::UserId> out;
  auto add = [&](const identity::UserId& id) {
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  };
  for (const auto& [user, role] : identity_.holders(ScopeType::facility, f->id.str()))
    if (role.role == Role::facility_manager || role.role == Role::staff) add(user.id);
  for (const auto& [user, role] : identity_.holders(ScopeType::organization, f->organization_id.str()))
    if (role.role == Role::org_owner || role.role == Role::org_admin) add(user.id);
  return out;
}

void OrganizationServiceImpl::join_on_booking(const events::DomainEvent& e) {
  // booking.confirmed, read by its type's documented members (booking_events.h): organization
  // comes before booking in the module graph and does not include it.
  const std::string facility_id = e.payload.value("facility_id", "");
  const std::string user_id = e.payload.value("user_id", "");
  if (facility_id.empty() || user_id.empty()) return;
  auto f = find_facility(FacilityId{facility_id});
  if (!f || f->policies.membership != Membership::open) return;
  // A booking for someone without an account (or one deleted since) puts nobody on the roster.
  auto player = identity_.get_user(identity::UserId{user_id});
  if (!player.ok() || player->status == "deleted") return;
  const Context ctx{e.metadata.user_id.value_or(user_id), e.correlation_id, ""};
  events::apply_once(db_, "organization.roster", e, [&](db::Connection& tx) {
    const identity::UserId uid{user_id};
    // On the roster already, or inactive: a booking changes neither.
    if (PlayersRepository::member_status(tx, f->id, uid)) return;
    PlayersRepository::set_member(tx, f->id, uid, RosterStatus::active, clock_.now());
    auto granted =
        identity_.assign_role(db::UnitOfWork::of(db_, tx), uid, Role::member, ScopeType::facility, f->id.str(), ctx);
    if (!granted.ok()) throw std::runtime_error("could not grant the member role: " + granted.error().detail);
    emit(tx, PlayerAdded{f->id.str(), uid.str(), "booking", false}, f->id.str(), f->id.str(), ctx);
  });
}

}  // namespace slotbase::organization
