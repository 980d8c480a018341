#pragma once

#include <optional>
#include <string>
#include <vector>

#include "identity/identity_types.h"
#include "platform/db/database.h"

namespace slotbase::identity {

/// What a link in an account e-mail is for.
enum class TokenPurpose { password_reset, email_verification };
inline std::string_view to_string(TokenPurpose p) {
  return p == TokenPurpose::password_reset ? "password_reset" : "email_verification";
}

/// The identity module's tables: users, user_roles, sessions, refresh_tokens. Every method runs
/// in the caller's transaction.
class IdentityRepository {
 public:
  struct StoredUser {
    User user;
    std::string password_hash;
  };
  /// A link's token as kept (by its hash): whose, for what, to which address, until when.
  struct StoredToken {
    UserId user_id;
    TokenPurpose purpose;
    std::string email;
    Instant expires_at;
    bool used = false;
  };
  struct StoredRefresh {
    SessionId session_id;
    UserId user_id;
    std::string status;  // active | rotated | revoked
    Instant expires_at;
    bool session_alive;
  };

  static void insert_user(db::Connection& c, const User& u, const std::string& password_hash, Instant now);
  static std::optional<StoredUser> user_by_email(db::Connection& c, const std::string& email);
  static std::optional<StoredUser> user_by_id(db::Connection& c, const UserId& id);
  /// The users of any number of ids in one query (the ids go in as one JSON array).
  static std::vector<StoredUser> users_by_ids(db::Connection& c, const std::vector<UserId>& ids);
  static void update_user(db::Connection& c, const UserId& id, const std::string& name,
                          const std::string& password_hash, const std::optional<std::string>& phone, Instant now);
  static void set_locale(db::Connection& c, const UserId& id, const std::string& locale, Instant now);
  /// The account's address, the one waiting for its link, and when the address was proven.
  static void set_email_state(db::Connection& c, const UserId& id, const std::string& email,
                              const std::optional<std::string>& pending_email, std::optional<Instant> verified_at,
                              Instant now);
  static std::optional<Instant> email_verified_at(db::Connection& c, const UserId& id);
  /// Marks the user deleted and frees their email for a new account.
  static void mark_deleted(db::Connection& c, const UserId& id, Instant now);

  static bool insert_role(db::Connection& c, const UserId& user_id, const RoleAssignment& r,
                          const std::optional<std::string>& granted_by, Instant now);
  static std::optional<RoleAssignment> role_by_key(db::Connection& c, const UserId& user_id, Role role,
                                                   ScopeType scope_type, const std::string& scope_id);
  static std::optional<RoleAssignment> role_by_id(db::Connection& c, const UserId& user_id, const RoleAssignmentId& id);
  static void delete_role(db::Connection& c, const RoleAssignmentId& id);
  static std::vector<RoleAssignment> roles_of(db::Connection& c, const UserId& user_id);
  static std::vector<std::pair<User, RoleAssignment>> holders(db::Connection& c, ScopeType scope_type,
                                                              const std::string& scope_id);

  static void insert_session(db::Connection& c, const SessionId& id, const UserId& user_id, Instant now,
                             Instant expires_at);
  /// The user of a live session (not revoked, not expired, user active), with their roles.
  struct LiveSession {
    UserId user_id;
    std::vector<RoleAssignment> roles;
  };
  static std::optional<LiveSession> live_session(db::Connection& c, const SessionId& session_id, Instant now);
  static void revoke_session(db::Connection& c, const SessionId& session_id, const std::string& reason, Instant now);
  static void revoke_user_sessions(db::Connection& c, const UserId& user_id, const std::string& reason, Instant now);
  static void extend_session(db::Connection& c, const SessionId& session_id, Instant expires_at);

  static void insert_refresh(db::Connection& c, const std::string& token_hash, const SessionId& session_id, Instant now,
                             Instant expires_at);
  static std::optional<StoredRefresh> refresh_by_hash(db::Connection& c, const std::string& token_hash, Instant now);
  /// Active -> rotated; false if it was not active (a concurrent or repeated use).
  static bool rotate_refresh(db::Connection& c, const std::string& token_hash);

  static void insert_token(db::Connection& c, const std::string& token_hash, const StoredToken& t, Instant now);
  static std::optional<StoredToken> token_by_hash(db::Connection& c, const std::string& token_hash,
                                                  TokenPurpose purpose);
  /// Spends a live token; false when it was spent already or has expired (a second use, or a race).
  static bool spend_token(db::Connection& c, const std::string& token_hash, Instant now);
  /// Spends every live token of the user for `purpose`.
  static void spend_user_tokens(db::Connection& c, const UserId& user_id, TokenPurpose purpose, Instant now);
};

}  // namespace slotbase::identity
