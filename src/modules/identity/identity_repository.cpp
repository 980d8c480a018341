#include "identity_repository.h"

#include <nlohmann/json.hpp>

#include "platform/core/ids.h"
#include "platform/db/query_as.h"

namespace slotbase::identity {
namespace {

constexpr std::string_view kInsertUser = R"sql(
INSERT INTO users (id, email, name, password_hash, status, created_at, updated_at, email_verified_at, phone, locale)
VALUES ($1, $2, $3, $4, 'active', $5, $5, $6, $7, $8))sql";
constexpr std::string_view kUserByEmail = R"sql(
SELECT id, email, name, status, created_at, email_verified_at, pending_email, password_hash, phone, locale FROM users
WHERE email = $1)sql";
constexpr std::string_view kUserById = R"sql(
SELECT id, email, name, status, created_at, email_verified_at, pending_email, password_hash, phone, locale FROM users
WHERE id = $1)sql";
// Any number of ids as one bound parameter, a JSON array of strings; each id by the primary key.
constexpr std::string_view kUsersByIds = R"sql(
SELECT id, email, name, status, created_at, email_verified_at, pending_email, password_hash, phone, locale FROM users
WHERE id IN (SELECT value FROM json_each($1)))sql";
constexpr std::string_view kUsersByIdsPg = R"sql(
SELECT id, email, name, status, created_at, email_verified_at, pending_email, password_hash, phone, locale FROM users
WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)))sql";
constexpr std::string_view kUpdateUser = R"sql(
UPDATE users SET name = $2, password_hash = $3, updated_at = $4, phone = $5 WHERE id = $1)sql";
constexpr std::string_view kSetLocale = "UPDATE users SET locale = $2, updated_at = $3 WHERE id = $1";
// The email of a deleted account is replaced, so the address can sign up again.
constexpr std::string_view kMarkDeleted = R"sql(
UPDATE users SET status = 'deleted', email = 'deleted+' || id || '@invalid', name = 'Deleted user',
  password_hash = '', updated_at = $2
WHERE id = $1)sql";

constexpr std::string_view kInsertRole = R"sql(
INSERT INTO user_roles (id, user_id, role, scope_type, scope_id, granted_by, granted_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (user_id, role, scope_type, scope_id) DO NOTHING)sql";
constexpr std::string_view kRoleByKey = R"sql(
SELECT id, role, scope_type, scope_id FROM user_roles
WHERE user_id = $1 AND role = $2 AND scope_type = $3 AND scope_id = $4)sql";
constexpr std::string_view kRoleById = R"sql(
SELECT id, role, scope_type, scope_id FROM user_roles WHERE user_id = $1 AND id = $2)sql";
constexpr std::string_view kDeleteRole = "DELETE FROM user_roles WHERE id = $1";
constexpr std::string_view kRolesOf = R"sql(
SELECT id, role, scope_type, scope_id FROM user_roles WHERE user_id = $1 ORDER BY granted_at, id)sql";
constexpr std::string_view kHolders = R"sql(
SELECT u.id, u.email, u.name, u.status, u.created_at, u.email_verified_at, u.pending_email,
       r.id, r.role, r.scope_type, r.scope_id
FROM user_roles r JOIN users u ON u.id = r.user_id
WHERE r.scope_type = $1 AND r.scope_id = $2 AND u.status = 'active'
ORDER BY u.name, u.id)sql";

constexpr std::string_view kInsertSession = R"sql(
INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4))sql";
// One row per role, or one row of NULLs after the user id for a user without roles.
constexpr std::string_view kLiveSession = R"sql(
SELECT s.user_id, r.id, r.role, r.scope_type, r.scope_id
FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN user_roles r ON r.user_id = s.user_id
WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.status = 'active'
ORDER BY r.granted_at, r.id)sql";
constexpr std::string_view kRevokeSession = R"sql(
UPDATE sessions SET revoked_at = $3, revoke_reason = $2 WHERE id = $1 AND revoked_at IS NULL)sql";
constexpr std::string_view kRevokeSessionTokens = R"sql(
UPDATE refresh_tokens SET status = 'revoked' WHERE session_id = $1 AND status = 'active')sql";
constexpr std::string_view kRevokeUserSessions = R"sql(
UPDATE sessions SET revoked_at = $3, revoke_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL)sql";
constexpr std::string_view kRevokeUserTokens = R"sql(
UPDATE refresh_tokens SET status = 'revoked'
WHERE status = 'active' AND session_id IN (SELECT id FROM sessions WHERE user_id = $1))sql";
constexpr std::string_view kExtendSession = "UPDATE sessions SET expires_at = $2 WHERE id = $1";

constexpr std::string_view kInsertRefresh = R"sql(
INSERT INTO refresh_tokens (token_hash, session_id, status, created_at, expires_at)
VALUES ($1, $2, 'active', $3, $4))sql";
constexpr std::string_view kRefreshByHash = R"sql(
SELECT t.session_id, s.user_id, t.status, t.expires_at,
       CASE WHEN s.revoked_at IS NULL AND s.expires_at > $2 AND u.status = 'active' THEN 1 ELSE 0 END
FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id JOIN users u ON u.id = s.user_id
WHERE t.token_hash = $1)sql";
constexpr std::string_view kRotateRefresh = R"sql(
UPDATE refresh_tokens SET status = 'rotated' WHERE token_hash = $1 AND status = 'active')sql";

constexpr std::string_view kSetEmailState = R"sql(
UPDATE users SET email = $2, pending_email = $3, email_verified_at = $4, updated_at = $5 WHERE id = $1)sql";
constexpr std::string_view kEmailVerifiedAt = "SELECT email_verified_at FROM users WHERE id = $1";

// Bounded by the primary key (token_hash), or by account_tokens_user.
constexpr std::string_view kInsertToken = R"sql(
INSERT INTO account_tokens (token_hash, user_id, purpose, email, created_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6))sql";
constexpr std::string_view kTokenByHash = R"sql(
SELECT user_id, email, expires_at, used_at FROM account_tokens WHERE token_hash = $1 AND purpose = $2)sql";
constexpr std::string_view kSpendToken = R"sql(
UPDATE account_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2)sql";
constexpr std::string_view kSpendUserTokens = R"sql(
UPDATE account_tokens SET used_at = $3 WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL)sql";

// A user's columns from column `o` on: id, email, name, status, created_at, email_verified_at,
// pending_email (kUserColumns of them).
constexpr std::size_t kUserColumns = 7;
User user_at(const db::Row& r, std::size_t o) {
  return {UserId{r.text(o)}, r.text(o + 1),    r.text(o + 2), r.text(o + 3), from_epoch_seconds(r.i64(o + 4)),
          !r.is_null(o + 5), r.opt_text(o + 6)};
}

// A role's columns from column `o` on: id, role, scope_type, scope_id.
RoleAssignment role_at(const db::Row& r, std::size_t o) {
  return {RoleAssignmentId{r.text(o)}, parse_role(r.text(o + 1)).value_or(Role::member),
          parse_scope_type(r.text(o + 2)).value_or(ScopeType::facility), r.text(o + 3)};
}

RoleAssignment role_from(const db::Row& r) {
  return role_at(r, 0);
}

IdentityRepository::StoredUser stored_user_from(const db::Row& r) {
  IdentityRepository::StoredUser stored{user_at(r, 0), r.text(kUserColumns)};
  stored.user.phone = r.opt_text(kUserColumns + 1);
  stored.user.locale = r.text(kUserColumns + 2);
  return stored;
}

}  // namespace

void IdentityRepository::insert_user(db::Connection& c, const User& u, const std::string& password_hash, Instant now) {
  c.execute(kInsertUser,
            {u.id.str(), u.email, u.name, password_hash, epoch_seconds(now),
             u.email_verified ? db::Param(epoch_seconds(now)) : db::Param(nullptr), db::opt(u.phone), u.locale});
}

std::optional<IdentityRepository::StoredUser> IdentityRepository::user_by_email(db::Connection& c,
                                                                                const std::string& email) {
  return db::query_one_as(c, kUserByEmail, {email}, stored_user_from);
}

std::optional<IdentityRepository::StoredUser> IdentityRepository::user_by_id(db::Connection& c, const UserId& id) {
  return db::query_one_as(c, kUserById, {id.str()}, stored_user_from);
}

std::vector<IdentityRepository::StoredUser> IdentityRepository::users_by_ids(db::Connection& c,
                                                                             const std::vector<UserId>& ids) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& id : ids) list.push_back(id.str());
  return db::query_as(c, c.dialect() == db::Dialect::postgres ? kUsersByIdsPg : kUsersByIds, {list.dump()},
                      stored_user_from);
}

void IdentityRepository::update_user(db::Connection& c, const UserId& id, const std::string& name,
                                     const std::string& password_hash, const std::optional<std::string>& phone,
                                     Instant now) {
  c.execute(kUpdateUser, {id.str(), name, password_hash, epoch_seconds(now), db::opt(phone)});
}

void IdentityRepository::set_locale(db::Connection& c, const UserId& id, const std::string& locale, Instant now) {
  c.execute(kSetLocale, {id.str(), locale, epoch_seconds(now)});
}

void IdentityRepository::mark_deleted(db::Connection& c, const UserId& id, Instant now) {
  c.execute(kMarkDeleted, {id.str(), epoch_seconds(now)});
}

bool IdentityRepository::insert_role(db::Connection& c, const UserId& user_id, const RoleAssignment& r,
                                     const std::optional<std::string>& granted_by, Instant now) {
  return c.execute(kInsertRole,
                   {r.id.str(), user_id.str(), std::string(to_string(r.role)), std::string(to_string(r.scope_type)),
                    r.scope_id, db::opt(granted_by), epoch_seconds(now)}) == 1;
}

std::optional<RoleAssignment> IdentityRepository::role_by_key(db::Connection& c, const UserId& user_id, Role role,
                                                              ScopeType scope_type, const std::string& scope_id) {
  return db::query_one_as(c, kRoleByKey,
                          {user_id.str(), std::string(to_string(role)), std::string(to_string(scope_type)), scope_id},
                          role_from);
}

std::optional<RoleAssignment> IdentityRepository::role_by_id(db::Connection& c, const UserId& user_id,
                                                             const RoleAssignmentId& id) {
  return db::query_one_as(c, kRoleById, {user_id.str(), id.str()}, role_from);
}

void IdentityRepository::delete_role(db::Connection& c, const RoleAssignmentId& id) {
  c.execute(kDeleteRole, {id.str()});
}

std::vector<RoleAssignment> IdentityRepository::roles_of(db::Connection& c, const UserId& user_id) {
  return db::query_as(c, kRolesOf, {user_id.str()}, role_from);
}

std::vector<std::pair<User, RoleAssignment>> IdentityRepository::holders(db::Connection& c, ScopeType scope_type,
                                                                         const std::string& scope_id) {
  return db::query_as(c, kHolders, {std::string(to_string(scope_type)), scope_id}, [](const db::Row& r) {
    return std::pair{user_at(r, 0), role_at(r, kUserColumns)};
  });
}

void IdentityRepository::insert_session(db::Connection& c, const SessionId& id, const UserId& user_id, Instant now,
                                        Instant expires_at) {
  c.execute(kInsertSession, {id.str(), user_id.str(), epoch_seconds(now), epoch_seconds(expires_at)});
}

std::optional<IdentityRepository::LiveSession> IdentityRepository::live_session(db::Connection& c,
                                                                                const SessionId& session_id,
                                                                                Instant now) {
  auto rows = c.query(kLiveSession, {session_id.str(), epoch_seconds(now)});
  if (rows.empty()) return std::nullopt;
  LiveSession live{UserId{rows.front().text(0)}, {}};
  for (const auto& r : rows)
    if (!r.is_null(1)) live.roles.push_back(role_at(r, 1));
  return live;
}

void IdentityRepository::revoke_session(db::Connection& c, const SessionId& session_id, const std::string& reason,
                                        Instant now) {
  c.execute(kRevokeSession, {session_id.str(), reason, epoch_seconds(now)});
  c.execute(kRevokeSessionTokens, {session_id.str()});
}

void IdentityRepository::revoke_user_sessions(db::Connection& c, const UserId& user_id, const std::string& reason,
                                              Instant now) {
  c.execute(kRevokeUserSessions, {user_id.str(), reason, epoch_seconds(now)});
  c.execute(kRevokeUserTokens, {user_id.str()});
}

void IdentityRepository::extend_session(db::Connection& c, const SessionId& session_id, Instant expires_at) {
  c.execute(kExtendSession, {session_id.str(), epoch_seconds(expires_at)});
}

void IdentityRepository::insert_refresh(db::Connection& c, const std::string& token_hash, const SessionId& session_id,
                                        Instant now, Instant expires_at) {
  c.execute(kInsertRefresh, {token_hash, session_id.str(), epoch_seconds(now), epoch_seconds(expires_at)});
}

std::optional<IdentityRepository::StoredRefresh> IdentityRepository::refresh_by_hash(db::Connection& c,
                                                                                     const std::string& token_hash,
                                                                                     Instant now) {
  return db::query_one_as(c, kRefreshByHash, {token_hash, epoch_seconds(now)}, [](const db::Row& r) {
    return StoredRefresh{SessionId{r.text(0)}, UserId{r.text(1)}, r.text(2), from_epoch_seconds(r.i64(3)),
                         r.i64(4) == 1};
  });
}

bool IdentityRepository::rotate_refresh(db::Connection& c, const std::string& token_hash) {
  return c.execute(kRotateRefresh, {token_hash}) == 1;
}

void IdentityRepository::set_email_state(db::Connection& c, const UserId& id, const std::string& email,
                                         const std::optional<std::string>& pending_email,
                                         std::optional<Instant> verified_at, Instant now) {
  c.execute(kSetEmailState,
            {id.str(), email, db::opt(pending_email),
             verified_at ? db::Param(epoch_seconds(*verified_at)) : db::Param(nullptr), epoch_seconds(now)});
}

std::optional<Instant> IdentityRepository::email_verified_at(db::Connection& c, const UserId& id) {
  auto row = c.query_one(kEmailVerifiedAt, {id.str()});
  if (!row || row->is_null(0)) return std::nullopt;
  return from_epoch_seconds(row->i64(0));
}

void IdentityRepository::insert_token(db::Connection& c, const std::string& token_hash, const StoredToken& t,
                                      Instant now) {
  c.execute(kInsertToken, {token_hash, t.user_id.str(), std::string(to_string(t.purpose)), t.email, epoch_seconds(now),
                           epoch_seconds(t.expires_at)});
}

std::optional<IdentityRepository::StoredToken> IdentityRepository::token_by_hash(db::Connection& c,
                                                                                 const std::string& token_hash,
                                                                                 TokenPurpose purpose) {
  return db::query_one_as(c, kTokenByHash, {token_hash, std::string(to_string(purpose))}, [&](const db::Row& r) {
    return StoredToken{UserId{r.text(0)}, purpose, r.text(1), from_epoch_seconds(r.i64(2)), !r.is_null(3)};
  });
}

bool IdentityRepository::spend_token(db::Connection& c, const std::string& token_hash, Instant now) {
  return c.execute(kSpendToken, {token_hash, epoch_seconds(now)}) == 1;
}

void IdentityRepository::spend_user_tokens(db::Connection& c, const UserId& user_id, TokenPurpose purpose,
                                           Instant now) {
  c.execute(kSpendUserTokens, {user_id.str(), std::string(to_string(purpose)), epoch_seconds(now)});
}

}  // namespace slotbase::identity
