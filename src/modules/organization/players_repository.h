#pragma once

#include <optional>
#include <string>
#include <vector>

#include "organization/organization_types.h"
#include "platform/db/database.h"

namespace slotbase::organization {

/// The roster's tables: facility_members, the invitations sent by link (facility_invitations of
/// kind member) and facility_join_requests. Every method runs in the caller's transaction.
class PlayersRepository {
 public:
  struct Member {
    identity::UserId user_id;
    RosterStatus status;  // active | inactive
    Instant since;
  };
  /// A pending join request or a pending member invitation, for the roster.
  struct Waiting {
    std::optional<identity::UserId> user_id;  // join requests
    std::string email;                        // invitations
    Instant since;
  };

  static std::vector<Member> members(db::Connection& c, const FacilityId& facility_id);
  static std::optional<RosterStatus> member_status(db::Connection& c, const FacilityId& facility_id,
                                                   const identity::UserId& user_id);
  /// Puts the player on the roster with `status`, or changes it; false if it was so already.
  static bool set_member(db::Connection& c, const FacilityId& facility_id, const identity::UserId& user_id,
                         RosterStatus status, Instant now);
  static std::optional<Instant> member_since(db::Connection& c, const FacilityId& facility_id,
                                             const identity::UserId& user_id);

  static std::vector<Waiting> pending_join_users(db::Connection& c, const FacilityId& facility_id);
  static std::vector<Waiting> pending_invited(db::Connection& c, const FacilityId& facility_id, Instant now);

  static std::optional<PlayerInvitation> invitation(db::Connection& c, const InvitationId& id, Instant now);
  static std::optional<PlayerInvitation> invitation_by_token(db::Connection& c, const std::string& token_hash,
                                                             Instant now);
  static std::optional<PlayerInvitation> invitation_for(db::Connection& c, const FacilityId& facility_id,
                                                        const std::string& email, Instant now);
  static std::vector<PlayerInvitation> invitations(db::Connection& c, const FacilityId& facility_id, int limit,
                                                   Instant now);
  static void delete_invitation(db::Connection& c, const InvitationId& id);
  static void insert_invitation(db::Connection& c, const PlayerInvitation& inv, const std::string& token_hash,
                                const std::string& invited_by);
  /// A new token and expiry for a pending invitation; false if it is no longer pending.
  static bool renew_invitation(db::Connection& c, const InvitationId& id, const std::string& token_hash,
                               Instant expires_at, Instant now);
  static bool revoke_invitation(db::Connection& c, const InvitationId& id, Instant now);
  /// Spends a pending invitation: false if it was used, revoked or expired meanwhile.
  static bool accept_invitation(db::Connection& c, const InvitationId& id, const identity::UserId& by, Instant now);

  static void insert_join_request(db::Connection& c, const JoinRequest& r);
  static std::optional<JoinRequest> join_request(db::Connection& c, const JoinRequestId& id);
  /// The player's pending or rejected request at the facility (at most one).
  static std::optional<JoinRequest> open_join_request(db::Connection& c, const FacilityId& facility_id,
                                                      const identity::UserId& user_id);
  static std::vector<JoinRequest> join_requests(db::Connection& c, const FacilityId& facility_id,
                                                const std::optional<JoinRequestStatus>& status, int limit);
  static std::vector<JoinRequest> join_requests_of(db::Connection& c, const identity::UserId& user_id, int limit);
  /// Decides a pending request; false if it was decided meanwhile.
  static bool decide_join_request(db::Connection& c, const JoinRequestId& id, JoinRequestStatus status,
                                  const std::optional<std::string>& reason, const std::string& decided_by, Instant now);
};

}  // namespace slotbase::organization
