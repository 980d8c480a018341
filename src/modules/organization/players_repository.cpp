#include "players_repository.h"

#include "platform/db/query_as.h"

namespace slotbase::organization {
namespace {

// facility_members by its primary key (facility_id, user_id); a facility's rows by its prefix.
constexpr std::string_view kMembers = R"sql(
SELECT user_id, status, created_at FROM facility_members WHERE facility_id = $1 ORDER BY created_at, user_id)sql";
constexpr std::string_view kMemberStatus = R"sql(
SELECT status, created_at FROM facility_members WHERE facility_id = $1 AND user_id = $2)sql";
constexpr std::string_view kSetMember = R"sql(
INSERT INTO facility_members (facility_id, user_id, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
ON CONFLICT (facility_id, user_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at
WHERE facility_members.status <> excluded.status)sql";

// facility_join_requests_facility (facility_id, status, created_at).
constexpr std::string_view kPendingJoinUsers = R"sql(
SELECT user_id, created_at FROM facility_join_requests WHERE facility_id = $1 AND status = 'pending'
ORDER BY created_at, id)sql";
// facility_invitations_facility (facility_id, kind, created_at).
constexpr std::string_view kPendingInvited = R"sql(
SELECT email, created_at FROM facility_invitations
WHERE facility_id = $1 AND kind = 'member' AND accepted_at IS NULL AND revoked_at IS NULL
  AND (expires_at IS NULL OR expires_at > $2)
ORDER BY created_at, id)sql";

constexpr std::string_view kInvitation = R"sql(
SELECT id, facility_id, email, created_at, expires_at, sent_at, accepted_at, accepted_by, revoked_at
FROM facility_invitations WHERE id = $1 AND kind = 'member')sql";
// facility_invitations_token (unique).
constexpr std::string_view kInvitationByToken = R"sql(
SELECT id, facility_id, email, created_at, expires_at, sent_at, accepted_at, accepted_by, revoked_at
FROM facility_invitations WHERE token_hash = $1 AND kind = 'member')sql";
// The unique (facility_id, email, kind, role).
constexpr std::string_view kInvitationFor = R"sql(
SELECT id, facility_id, email, created_at, expires_at, sent_at, accepted_at, accepted_by, revoked_at
FROM facility_invitations WHERE facility_id = $1 AND email = $2 AND kind = 'member' AND role = 'member')sql";
constexpr std::string_view kInvitations = R"sql(
SELECT id, facility_id, email, created_at, expires_at, sent_at, accepted_at, accepted_by, revoked_at
FROM facility_invitations WHERE facility_id = $1 AND kind = 'member' ORDER BY created_at DESC, id DESC LIMIT $2)sql";
constexpr std::string_view kDeleteInvitation = "DELETE FROM facility_invitations WHERE id = $1";
constexpr std::string_view kInsertInvitation = R"sql(
INSERT INTO facility_invitations (id, facility_id, email, kind, role, invited_by, created_at, token_hash, expires_at,
                                  sent_at)
VALUES ($1, $2, $3, 'member', 'member', $4, $5, $6, $7, $5))sql";
constexpr std::string_view kRenewInvitation = R"sql(
UPDATE facility_invitations SET token_hash = $2, expires_at = $3, sent_at = $4
WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL)sql";
constexpr std::string_view kRevokeInvitation = R"sql(
UPDATE facility_invitations SET revoked_at = $2 WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL)sql";
constexpr std::string_view kAcceptInvitation = R"sql(
UPDATE facility_invitations SET accepted_at = $2, accepted_by = $3
WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2))sql";

constexpr std::string_view kInsertJoinRequest = R"sql(
INSERT INTO facility_join_requests (id, facility_id, user_id, message, status, created_at)
VALUES ($1, $2, $3, $4, 'pending', $5))sql";
constexpr std::string_view kJoinRequest = R"sql(
SELECT r.id, r.facility_id, f.name, r.user_id, r.message, r.status, r.reason, r.created_at, r.decided_at
FROM facility_join_requests r JOIN facilities f ON f.id = r.facility_id WHERE r.id = $1)sql";
// facility_join_requests_open (facility_id, user_id) where not approved.
constexpr std::string_view kOpenJoinRequest = R"sql(
SELECT r.id, r.facility_id, f.name, r.user_id, r.message, r.status, r.reason, r.created_at, r.decided_at
FROM facility_join_requests r JOIN facilities f ON f.id = r.facility_id
WHERE r.facility_id = $1 AND r.user_id = $2 AND r.status <> 'approved')sql";
constexpr std::string_view kJoinRequests = R"sql(
SELECT r.id, r.facility_id, f.name, r.user_id, r.message, r.status, r.reason, r.created_at, r.decided_at
FROM facility_join_requests r JOIN facilities f ON f.id = r.facility_id
WHERE r.facility_id = $1 AND ($2 = '' OR r.status = $2) ORDER BY r.created_at DESC, r.id DESC LIMIT $3)sql";
// facility_join_requests_user (user_id, created_at).
constexpr std::string_view kJoinRequestsOf = R"sql(
SELECT r.id, r.facility_id, f.name, r.user_id, r.message, r.status, r.reason, r.created_at, r.decided_at
FROM facility_join_requests r JOIN facilities f ON f.id = r.facility_id
WHERE r.user_id = $1 ORDER BY r.created_at DESC, r.id DESC LIMIT $2)sql";
constexpr std::string_view kDecideJoinRequest = R"sql(
UPDATE facility_join_requests SET status = $2, reason = $3, decided_by = $4, decided_at = $5
WHERE id = $1 AND status = 'pending')sql";

std::optional<Instant> opt_instant(const db::Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return from_epoch_seconds(r.i64(i));
}

std::function<PlayerInvitation(const db::Row&)> invitation_at(Instant now) {
  return [now](const db::Row& r) {
    PlayerInvitation inv;
    inv.id = InvitationId{r.text(0)};
    inv.facility_id = FacilityId{r.text(1)};
    inv.email = r.text(2);
    inv.created_at = from_epoch_seconds(r.i64(3));
    inv.expires_at = opt_instant(r, 4);
    inv.sent_at = opt_instant(r, 5);
    inv.accepted_at = opt_instant(r, 6);
    if (auto by = r.opt_text(7)) inv.accepted_by = identity::UserId{*by};
    if (inv.accepted_at)
      inv.status = InvitationStatus::accepted;
    else if (!r.is_null(8))
      inv.status = InvitationStatus::revoked;
    else if (inv.expires_at && *inv.expires_at <= now)
      inv.status = InvitationStatus::expired;
    else
      inv.status = InvitationStatus::pending;
    return inv;
  };
}

JoinRequest join_request_from(const db::Row& r) {
  JoinRequest j;
  j.id = JoinRequestId{r.text(0)};
  j.facility_id = FacilityId{r.text(1)};
  j.facility_name = r.text(2);
  j.user_id = identity::UserId{r.text(3)};
  j.message = r.opt_text(4);
  j.status = enum_at<JoinRequestStatus>(r.text(5));
  j.reason = r.opt_text(6);
  j.created_at = from_epoch_seconds(r.i64(7));
  j.decided_at = opt_instant(r, 8);
  return j;
}

}  // namespace

std::vector<PlayersRepository::Member> PlayersRepository::members(db::Connection& c, const FacilityId& facility_id) {
  return db::query_as(c, kMembers, {facility_id.str()}, [](const db::Row& r) {
    return Member{identity::UserId{r.text(0)}, enum_at<RosterStatus>(r.text(1)), from_epoch_seconds(r.i64(2))};
  });
}

std::optional<RosterStatus> PlayersRepository::member_status(db::Connection& c, const FacilityId& facility_id,
                                                             const identity::UserId& user_id) {
  return db::query_one_as(c, kMemberStatus, {facility_id.str(), user_id.str()},
                          [](const db::Row& r) { return enum_at<RosterStatus>(r.text(0)); });
}

std::optional<Instant> PlayersRepository::member_since(db::Connection& c, const FacilityId& facility_id,
                                                       const identity::UserId& user_id) {
  return db::query_one_as(c, kMemberStatus, {facility_id.str(), user_id.str()},
                          [](const db::Row& r) { return from_epoch_seconds(r.i64(1)); });
}

bool PlayersRepository::set_member(db::Connection& c, const FacilityId& facility_id, const identity::UserId& user_id,
                                   RosterStatus status, Instant now) {
  return c.execute(kSetMember, {facility_id.str(), user_id.str(), str(status), epoch_seconds(now)}) == 1;
}

std::vector<PlayersRepository::Waiting> PlayersRepository::pending_join_users(db::Connection& c,
                                                                              const FacilityId& facility_id) {
  return db::query_as(c, kPendingJoinUsers, {facility_id.str()}, [](const db::Row& r) {
    return Waiting{identity::UserId{r.text(0)}, "", from_epoch_seconds(r.i64(1))};
  });
}

std::vector<PlayersRepository::Waiting> PlayersRepository::pending_invited(db::Connection& c,
                                                                           const FacilityId& facility_id, Instant now) {
  return db::query_as(c, kPendingInvited, {facility_id.str(), epoch_seconds(now)}, [](const db::Row& r) {
    return Waiting{std::nullopt, r.text(0), from_epoch_seconds(r.i64(1))};
  });
}

std::optional<PlayerInvitation> PlayersRepository::invitation(db::Connection& c, const InvitationId& id, Instant now) {
  return db::query_one_as(c, kInvitation, {id.str()}, invitation_at(now));
}

std::optional<PlayerInvitation> PlayersRepository::invitation_by_token(db::Connection& c, const std::string& token_hash,
                                                                       Instant now) {
  return db::query_one_as(c, kInvitationByToken, {token_hash}, invitation_at(now));
}

std::optional<PlayerInvitation> PlayersRepository::invitation_for(db::Connection& c, const FacilityId& facility_id,
                                                                  const std::string& email, Instant now) {
  return db::query_one_as(c, kInvitationFor, {facility_id.str(), email}, invitation_at(now));
}

std::vector<PlayerInvitation> PlayersRepository::invitations(db::Connection& c, const FacilityId& facility_id,
                                                             int limit, Instant now) {
  return db::query_as(c, kInvitations, {facility_id.str(), std::int64_t{limit}}, invitation_at(now));
}

void PlayersRepository::delete_invitation(db::Connection& c, const InvitationId& id) {
  c.execute(kDeleteInvitation, {id.str()});
}

void PlayersRepository::insert_invitation(db::Connection& c, const PlayerInvitation& inv, const std::string& token_hash,
                                          const std::string& invited_by) {
  c.execute(kInsertInvitation, {inv.id.str(), inv.facility_id.str(), inv.email, invited_by,
                                epoch_seconds(inv.created_at), token_hash, epoch_seconds(*inv.expires_at)});
}

bool PlayersRepository::renew_invitation(db::Connection& c, const InvitationId& id, const std::string& token_hash,
                                         Instant expires_at, Instant now) {
  return c.execute(kRenewInvitation, {id.str(), token_hash, epoch_seconds(expires_at), epoch_seconds(now)}) == 1;
}

bool PlayersRepository::revoke_invitation(db::Connection& c, const InvitationId& id, Instant now) {
  return c.execute(kRevokeInvitation, {id.str(), epoch_seconds(now)}) == 1;
}

bool PlayersRepository::accept_invitation(db::Connection& c, const InvitationId& id, const identity::UserId& by,
                                          Instant now) {
  return c.execute(kAcceptInvitation, {id.str(), epoch_seconds(now), by.str()}) == 1;
}

void PlayersRepository::insert_join_request(db::Connection& c, const JoinRequest& r) {
  c.execute(kInsertJoinRequest,
            {r.id.str(), r.facility_id.str(), r.user_id.str(), db::opt(r.message), epoch_seconds(r.created_at)});
}

std::optional<JoinRequest> PlayersRepository::join_request(db::Connection& c, const JoinRequestId& id) {
  return db::query_one_as(c, kJoinRequest, {id.str()}, join_request_from);
}

std::optional<JoinRequest> PlayersRepository::open_join_request(db::Connection& c, const FacilityId& facility_id,
                                                                const identity::UserId& user_id) {
  return db::query_one_as(c, kOpenJoinRequest, {facility_id.str(), user_id.str()}, join_request_from);
}

std::vector<JoinRequest> PlayersRepository::join_requests(db::Connection& c, const FacilityId& facility_id,
                                                          const std::optional<JoinRequestStatus>& status, int limit) {
  return db::query_as(c, kJoinRequests, {facility_id.str(), status ? str(*status) : std::string(), std::int64_t{limit}},
                      join_request_from);
}

std::vector<JoinRequest> PlayersRepository::join_requests_of(db::Connection& c, const identity::UserId& user_id,
                                                             int limit) {
  return db::query_as(c, kJoinRequestsOf, {user_id.str(), std::int64_t{limit}}, join_request_from);
}

bool PlayersRepository::decide_join_request(db::Connection& c, const JoinRequestId& id, JoinRequestStatus status,
                                            const std::optional<std::string>& reason, const std::string& decided_by,
                                            Instant now) {
  return c.execute(kDecideJoinRequest, {id.str(), str(status), db::opt(reason), decided_by, epoch_seconds(now)}) == 1;
}

}  // namespace slotbase::organization
