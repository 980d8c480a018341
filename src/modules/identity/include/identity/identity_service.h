#pragma once

#include <optional>
#include <string>
#include <vector>

#include "identity/identity_types.h"
#include "platform/core/context.h"
#include "platform/core/result.h"
#include "platform/db/unit_of_work.h"

namespace slotbase::identity {

/// Users, sessions and scoped roles. Other modules call this to find users, assign roles and ask
/// for permissions; they never read identity's tables. Thread-safe.
class IdentityService {
 public:
  virtual ~IdentityService() = default;

  /// conflict "email-taken" if the email is in use; invalid_argument for a bad email, a weak
  /// password (under 10 characters, or the email itself) or an empty name.
  virtual Result<AuthResult> register_user(const Registration& r, const Context& ctx) = 0;
  /// unauthenticated, with the same detail for an unknown email and a wrong password;
  /// rate_limited after too many attempts on one account.
  virtual Result<AuthResult> login(const std::string& email, const std::string& password, const Context& ctx) = 0;
  /// Rotates the refresh token. Presenting a token that was already rotated revokes the session
  /// (someone else may hold a copy) and is unauthenticated.
  virtual Result<AuthResult> refresh(const std::string& refresh_token, const Context& ctx) = 0;
  /// Ends the session: its access and refresh tokens stop working.
  virtual Result<void> logout(const SessionId& session_id, const Context& ctx) = 0;
  /// The session behind an access token, if the token is good and the session alive.
  virtual Result<SessionInfo> validate_session(const std::string& access_token) = 0;

  /// Sends a link to set a new password to the account of `email`, if there is one: the same Ok,
  /// in the same time, for an address without an account (the e-mail is made by a job, for both).
  /// A few requests per address an hour; the ones past that send nothing, and say nothing
  /// different either. invalid_argument "email" for something that is not an address.
  virtual Result<void> request_password_reset(const std::string& email, LinkApp app, const Context& ctx) = 0;
  /// Sets the password of the account a reset link was sent to, spends the link (and any other
  /// reset link of the account) and ends every session of the account but the caller's own.
  /// expired for a token that is unknown, used or past its hour; invalid_argument "password"
  /// for a weak password (the token stays good).
  virtual Result<User> reset_password(const std::string& token, const std::string& new_password,
                                      const Context& ctx) = 0;
  /// Proves the address a verification link was sent to: the account's address becomes
  /// verified, or a pending new address becomes the account's. expired for a token that is
  /// unknown, used, past its time, or for an address the account no longer has or asks for;
  /// permission_denied when the caller is signed in to another account; conflict "email-taken"
  /// when another account took the new address meanwhile.
  virtual Result<User> verify_email(const std::string& token, const Context& ctx) = 0;
  /// Sends a new verification link to the pending address, else to an unverified one; conflict
  /// "email-already-verified" when there is nothing to verify; rate_limited past a few an hour.
  virtual Result<void> resend_verification(const UserId& user_id, const Context& ctx) = 0;

  /// Makes an account without a password as part of the caller's unit of work, and writes with it
  /// the welcome e-mail whose link (the reset-password page, good for seven days, once) sets
  /// one. conflict "email-taken" if the address has an account; invalid_argument naming
  /// "email", "name" or "phone". Emits user.created like a sign-up.
  virtual Result<User> create_welcomed_account(const db::UnitOfWork& work, const NewAccount& account,
                                               const Context& ctx) = 0;

  virtual Result<Profile> profile(const UserId& user_id) = 0;
  /// A new email is only asked for: it takes effect once the link sent to it is used (the old
  /// address is told of the request); the present address again cancels the request. conflict
  /// "email-taken" when another account has it.
  virtual Result<User> update_user(const UserId& user_id, const UserUpdate& update, const Context& ctx) = 0;
  /// Deactivates the account and ends all its sessions; the email becomes free again.
  virtual Result<void> delete_user(const UserId& user_id, const Context& ctx) = 0;
  virtual Result<User> get_user(const UserId& user_id) = 0;
  virtual std::optional<User> find_user_by_email(const std::string& email) = 0;
  /// The users of `ids` in one read, in no particular order: ids that are unknown or deleted are
  /// left out, and a repeated id comes back once. Callers decide who may see what.
  virtual std::vector<User> users(const std::vector<UserId>& ids) = 0;

  /// Grants a role as part of the caller's unit of work, so that it commits or rolls back with
  /// the caller's own writes. not_found for a user who does not exist (or was deleted); granting
  /// a role the user already has is a no-op.
  virtual Result<RoleAssignment> assign_role(const db::UnitOfWork& work, const UserId& user_id, Role role,
                                             ScopeType scope_type, const std::string& scope_id, const Context& ctx) = 0;
  /// assign_role in a transaction of its own.
  virtual Result<RoleAssignment> grant_role(const UserId& user_id, Role role, ScopeType scope_type,
                                            const std::string& scope_id, const Context& ctx) = 0;
  virtual Result<void> remove_role(const UserId& user_id, const RoleAssignmentId& role_id, const Context& ctx) = 0;
  virtual std::vector<RoleAssignment> roles_of(const UserId& user_id) = 0;
  /// The caller's roles, as read with their session when the context has them.
  virtual std::vector<RoleAssignment> roles_of(const Context& ctx) = 0;
  /// Users holding a role in a scope (e.g. a facility's staff).
  virtual std::vector<std::pair<User, RoleAssignment>> holders(ScopeType scope_type, const std::string& scope_id) = 0;

  virtual bool check_permission(const UserId& user_id, Permission permission, const ScopeRef& scope) = 0;
  /// The same for the caller, with the roles read with their session when the context has them.
  virtual bool check_permission(const Context& ctx, Permission permission, const ScopeRef& scope) = 0;
};

}  // namespace slotbase::identity
