#include "identity_service_impl.h"
#include "platform/core/strings.h"

#include <algorithm>

#include "identity/identity_events.h"
#include "identity_repository.h"
#include "platform/core/encoding.h"
#include "platform/core/ids.h"
#include "rules/credentials.h"
#include "rules/locale.h"
#include "rules/permissions.h"
#include "rules/phone.h"

namespace slotbase::identity {
namespace {

constexpr const char* kBadCredentials = "The email or password is incorrect.";
constexpr const char* kBadRefresh = "The refresh token is invalid, expired or already used.";

RoleScope scope_of(ScopeType type, const std::string& id) {
  return {std::string(to_string(type)), id.empty() ? std::nullopt : std::optional<std::string>(id)};
}

}  // namespace

IdentityServiceImpl::IdentityServiceImpl(db::Database& db, const Clock& clock, const events::Outbox& outbox,
                                         const security::PasswordHasher& hasher, const security::JwtSigner& jwt,
                                         ratelimit::RateLimiter& limiter, const events::JobQueue& jobs,
                                         AccountMailer& mailer, IdentityOptions options)
    : db_(db),
      clock_(clock),
      outbox_(outbox),
      hasher_(hasher),
      jwt_(jwt),
      limiter_(limiter),
      jobs_(jobs),
      mailer_(mailer),
      options_(std::move(options)),
      dummy_hash_(hasher.hash(random_token(16))) {}

std::string IdentityServiceImpl::issue_access_token(const UserId& user_id, const SessionId& session_id,
                                                    Instant now) const {
  return jwt_.sign({{"sub", user_id.str()}, {"sid", session_id.str()}, {"typ", "access"}}, now, options_.access_ttl);
}

AuthResult IdentityServiceImpl::open_session(db::Connection& tx, const User& user, Instant now) {
  const SessionId session_id{new_id("ses")};
  const std::string refresh = random_token(32);
  IdentityRepository::insert_session(tx, session_id, user.id, now, now + options_.refresh_ttl);
  IdentityRepository::insert_refresh(tx, sha256_hex(refresh), session_id, now, now + options_.refresh_ttl);
  return {user, issue_access_token(user.id, session_id, now), refresh, session_id, now + options_.access_ttl};
}

Result<AuthResult> IdentityServiceImpl::register_user(const Registration& r, const Context& ctx) {
  const std::string email = rules::normalize_email(r.email);
  const std::string name = trim(r.name);
  std::vector<FieldError> errors;
  if (auto why = rules::check_email(email)) errors.push_back({"email", *why});
  if (auto why = rules::check_password(r.password, email)) errors.push_back({"password", *why});
  if (name.empty())
    errors.push_back({"name", "is required"});
  else if (name.size() > 100)
    errors.push_back({"name", "must be at most 100 characters"});
  std::optional<std::string> phone;
  if (r.phone) {
    auto checked = rules::normalize_phone(*r.phone);
    if (checked.ok())
      phone = checked.e164;
    else
      errors.push_back({"phone", checked.why});
  }
  const std::string locale = r.locale.value_or(std::string(rules::kDefaultLocale));
  if (auto why = rules::check_locale(locale)) errors.push_back({"locale", *why});
  if (!errors.empty()) return Error::invalid(std::move(errors));

  // Hash outside the transaction: it takes tens of milliseconds and holds no lock.
  const std::string hash = hasher_.hash(r.password);
  const Instant now = clock_.now();
  User user{UserId{new_id("usr")}, email, name, "active", now, r.email_verified, std::nullopt, phone, locale};
  try {
    return db_.transact([&](db::Connection& tx) -> Result<AuthResult> {
      if (IdentityRepository::user_by_email(tx, email))
        return Error::conflict("email-taken", "An account with this email already exists.");
      IdentityRepository::insert_user(tx, user, hash, now);
      if (!user.email_verified) send_verification(tx, user, user.email, now);
      emit(tx, UserCreated{user.id.str(), user.email}, user.id, Context{user.id.str(), ctx.correlation_id, ctx.ip});
      return open_session(tx, user, now);
    });
  } catch (const db::DbError& e) {
    // Two sign-ups with one email at the same moment: the unique index decides.
    if (e.kind() == db::ErrorKind::unique_violation)
      return Error::conflict("email-taken", "An account with this email already exists.");
    throw;
  }
}

Result<AuthResult> IdentityServiceImpl::login(const std::string& email_in, const std::string& password,
                                              const Context& ctx) {
  const std::string email = rules::normalize_email(email_in);
  if (email.empty()) return Error::invalid("email", "is required");
  if (password.empty()) return Error::invalid("password", "is required");
  const auto& l = options_.limits;
  const std::pair<std::string, const ratelimit::Bucket*> failures[] = {
      {"login:fail:address-account:" + ctx.ip + "|" + email, &l.per_address_and_account},
      {"login:fail:account:" + email, &l.per_account},
      {"login:fail:account-daily:" + email, &l.per_account_daily},
      {"login:fail:address:" + ctx.ip, &l.per_address},
  };
  for (const auto& [key, bucket] : failures)
    if (auto d = limiter_.check(key, *bucket); !d.allowed) return Error::rate_limited(d.retry_after_seconds);
  auto failed = [&] {
    for (const auto& [key, bucket] : failures) limiter_.take(key, *bucket);
    return Error::unauthenticated(kBadCredentials);
  };

  auto stored = db_.read([&](db::Connection& c) { return IdentityRepository::user_by_email(c, email); });
  if (!stored || stored->user.status != "active") {
    hasher_.verify(dummy_hash_, password);
    return failed();
  }
  if (!hasher_.verify(stored->password_hash, password)) return failed();
  const Instant now = clock_.now();
  return db_.transact([&](db::Connection& tx) { return open_session(tx, stored->user, now); });
}

Result<AuthResult> IdentityServiceImpl::refresh(const std::string& refresh_token, const Context&) {
  if (refresh_token.empty()) return Error::invalid("refresh_token", "is required");
  const Instant now = clock_.now();
  const std::string hash = sha256_hex(refresh_token);
  // Refreshes are limited per session, not per address: a school's or a mobile network's members
  // share one. Asked before the write, so the single writer never waits on the limiter.
  if (auto found = db_.read([&](db::Connection& c) { return IdentityRepository::refresh_by_hash(c, hash, now); });
      found && found->session_alive) {
    auto d = limiter_.take("refresh:session:" + found->session_id.str(), options_.limits.refresh_per_session);
    if (!d.allowed) return Error::rate_limited(d.retry_after_seconds);
  }
  enum class Outcome { ok, invalid, reused };
  Outcome outcome = Outcome::invalid;
  std::optional<AuthResult> result;
  db_.transact([&](db::Connection& tx) {
    auto stored = IdentityRepository::refresh_by_hash(tx, hash, now);
    if (!stored || !stored->session_alive) return;
    if (stored->status != "active" || !IdentityRepository::rotate_refresh(tx, hash)) {
      // A rotated token came back: whoever has it is not the one who rotated it, or a client
      // raced itself. Either way the session can no longer be trusted.
      IdentityRepository::revoke_session(tx, stored->session_id, "refresh-token-reuse", now);
      forget_sessions_after(tx);
      outcome = Outcome::reused;
      return;
    }
    if (stored->expires_at <= now) return;
    auto user = IdentityRepository::user_by_id(tx, stored->user_id);
    const std::string next = random_token(32);
    IdentityRepository::insert_refresh(tx, sha256_hex(next), stored->session_id, now, now + options_.refresh_ttl);
    IdentityRepository::extend_session(tx, stored->session_id, now + options_.refresh_ttl);
    result = AuthResult{user->user, issue_access_token(user->user.id, stored->session_id, now), next,
                        stored->session_id, now + options_.access_ttl};
    outcome = Outcome::ok;
  });
  if (outcome == Outcome::ok) return std::move(*result);
  if (outcome == Outcome::reused)
    return Error::unauthenticated("This refresh token was already used; the session has been ended. Log in again.");
  return Error::unauthenticated(kBadRefresh);
}

Result<void> IdentityServiceImpl::logout(const SessionId& session_id, const Context&) {
  const Instant now = clock_.now();
  db_.transact([&](db::Connection& tx) {
    IdentityRepository::revoke_session(tx, session_id, "logout", now);
    forget_sessions_after(tx);
  });
  return Ok{};
}

Result<SessionInfo> IdentityServiceImpl::validate_session(const std::string& access_token) {
  const Instant now = clock_.now();
  // Checking a signature and decoding the claims costs more than the rest of a small request:
  // a token is checked once; its expiry and its session are checked every time.
  auto token = tokens_.get(access_token, [&](const std::string& text) -> std::optional<AccessToken> {
    auto claims = jwt_.verify_signed(text);
    if (!claims.ok()) return std::nullopt;
    const auto& c = claims.value();
    if (c.value("typ", "") != "access" || !c.contains("sid") || !c["sid"].is_string() || !c.contains("sub") ||
        !c["sub"].is_string())
      return std::nullopt;
    return AccessToken{UserId{c["sub"]}, SessionId{c["sid"]}, from_epoch_seconds(c["exp"].get<std::int64_t>())};
  });
  if (!token || token->expires_at <= now) return Error::unauthenticated("The access token is invalid or has expired.");
  // The generation is read before the session, so a change committed meanwhile is never kept.
  const std::uint64_t generation = generation_.load();
  auto known = sessions_.get(token->session_id.str(), [&](const std::shared_ptr<const KnownSession>& k) {
    return k->generation == generation && now < k->until;
  });
  if (!known) {
    auto live =
        db_.read([&](db::Connection& c) { return IdentityRepository::live_session(c, token->session_id, now); });
    if (!live) return Error::unauthenticated("The session has ended; log in again.");
    known = std::make_shared<const KnownSession>(KnownSession{std::move(*live), generation, now + kSessionMemory});
    sessions_.put(token->session_id.str(), *known, 64 * (1 + (*known)->live.roles.size()));
  }
  const auto& live = (*known)->live;
  if (live.user_id != token->user_id) return Error::unauthenticated("The session has ended; log in again.");
  return SessionInfo{live.user_id, token->session_id, live.roles};
}

Result<Profile> IdentityServiceImpl::profile(const UserId& user_id) {
  return db_.read([&](db::Connection& c) -> Result<Profile> {
    auto stored = IdentityRepository::user_by_id(c, user_id);
    if (!stored || stored->user.status == "deleted") return Error::not_found("No such user.");
    return Profile{stored->user, IdentityRepository::roles_of(c, user_id)};
  });
}

Result<User> IdentityServiceImpl::update_user(const UserId& user_id, const UserUpdate& update, const Context& ctx) {
  std::optional<std::string> new_hash;
  SB_ASSIGN_OR_RETURN(auto current, get_user(user_id));
  std::vector<std::string> changes;
  std::string name = current.name;
  if (update.name) {
    name = trim(*update.name);
    if (name.empty() || name.size() > 100) return Error::invalid("name", "must be 1 to 100 characters");
    if (name != current.name) changes.push_back("name");
  }
  std::optional<std::string> phone = current.phone;
  if (update.phone) {
    phone.reset();
    if (*update.phone) {
      auto checked = rules::normalize_phone(**update.phone);
      if (!checked.ok()) return Error::invalid("phone", checked.why);
      phone = checked.e164;
    }
    if (phone != current.phone) changes.push_back("phone");
  }
  if (update.locale) {
    if (auto why = rules::check_locale(*update.locale)) return Error::invalid("locale", *why);
    if (*update.locale != current.locale) changes.push_back("locale");
  }
  std::optional<std::string> email;
  if (update.email) {
    email = rules::normalize_email(*update.email);
    if (auto why = rules::check_email(*email)) return Error::invalid("email", *why);
  }
  if (update.new_password) {
    if (!update.current_password) return Error::invalid("current_password", "is required to change the password");
    auto stored = db_.read([&](db::Connection& c) { return IdentityRepository::user_by_id(c, user_id); });
    if (!hasher_.verify(stored->password_hash, *update.current_password))
      return Error::invalid("current_password", "is not your current password");
    if (auto why = rules::check_password(*update.new_password, current.email)) return Error::invalid("password", *why);
    new_hash = hasher_.hash(*update.new_password);
    changes.push_back("password");
  }
  const Instant now = clock_.now();
  return db_.transact([&](db::Connection& tx) -> Result<User> {
    auto stored = IdentityRepository::user_by_id(tx, user_id);
    if (!stored) return Error::not_found("No such user.");
    IdentityRepository::update_user(tx, user_id, name, new_hash.value_or(stored->password_hash), phone, now);
    if (update.locale && *update.locale != stored->user.locale) {
      IdentityRepository::set_locale(tx, user_id, *update.locale, now);
      stored->user.locale = *update.locale;
    }
    if (email) {
      SB_ASSIGN_OR_RETURN(stored->user.pending_email, request_email_change(tx, stored->user, *email, now));
    }
    if (!changes.empty()) emit(tx, UserUpdated{user_id.str(), changes}, user_id, ctx);
    stored->user.name = name;
    stored->user.phone = phone;
    return stored->user;
  });
}

Result<void> IdentityServiceImpl::delete_user(const UserId& user_id, const Context& ctx) {
  const Instant now = clock_.now();
  return db_.transact([&](db::Connection& tx) -> Result<void> {
    auto stored = IdentityRepository::user_by_id(tx, user_id);
    if (!stored || stored->user.status == "deleted") return Error::not_found("No such user.");
    IdentityRepository::revoke_user_sessions(tx, user_id, "account-deleted", now);
    forget_sessions_after(tx);
    IdentityRepository::mark_deleted(tx, user_id, now);
    emit(tx, UserDeleted{user_id.str()}, user_id, ctx);
    return Ok{};
  });
}

Result<User> IdentityServiceImpl::get_user(const UserId& user_id) {
  auto stored = db_.read([&](db::Connection& c) { return IdentityRepository::user_by_id(c, user_id); });
  if (!stored || stored->user.status == "deleted") return Error::not_found("No such user.");
  return stored->user;
}

std::vector<User> IdentityServiceImpl::users(const std::vector<UserId>& ids) {
  if (ids.empty()) return {};
  auto stored = db_.read([&](db::Connection& c) { return IdentityRepository::users_by_ids(c, ids); });
  std::vector<User> out;
  out.reserve(stored.size());
  for (auto& s : stored)
    if (s.user.status != "deleted") out.push_back(std::move(s.user));
  return out;
}

std::optional<User> IdentityServiceImpl::find_user_by_email(const std::string& email) {
  auto normalized = rules::normalize_email(email);
  auto stored = db_.read([&](db::Connection& c) { return IdentityRepository::user_by_email(c, normalized); });
  if (!stored || stored->user.status != "active") return std::nullopt;
  return stored->user;
}

Result<RoleAssignment> IdentityServiceImpl::assign_role(const db::UnitOfWork& work, const UserId& user_id, Role role,
                                                        ScopeType scope_type, const std::string& scope_id,
                                                        const Context& ctx) {
  return work.join(db_, [&](db::Connection& tx) { return assign(tx, user_id, role, scope_type, scope_id, ctx); });
}

Result<RoleAssignment> IdentityServiceImpl::assign(db::Connection& tx, const UserId& user_id, Role role,
                                                   ScopeType scope_type, const std::string& scope_id,
                                                   const Context& ctx) {
  if ((scope_type == ScopeType::platform) != scope_id.empty())
    return Error::invalid("scope_id", "is required for organization and facility scopes, and empty for platform");
  auto user = IdentityRepository::user_by_id(tx, user_id);
  if (!user || user->user.status == "deleted") return Error::not_found("No such user.");
  RoleAssignment a{RoleAssignmentId{new_id("rol")}, role, scope_type, scope_id};
  if (!IdentityRepository::insert_role(tx, user_id, a, ctx.user_id, clock_.now()))
    return *IdentityRepository::role_by_key(tx, user_id, role, scope_type, scope_id);
  forget_sessions_after(tx);
  emit(tx, RoleAssigned{user_id.str(), std::string(to_string(role)), scope_of(scope_type, scope_id)}, user_id, ctx);
  return a;
}

Result<RoleAssignment> IdentityServiceImpl::grant_role(const UserId& user_id, Role role, ScopeType scope_type,
                                                       const std::string& scope_id, const Context& ctx) {
  return db_.transact([&](db::Connection& tx) { return assign(tx, user_id, role, scope_type, scope_id, ctx); });
}

Result<void> IdentityServiceImpl::remove_role(const UserId& user_id, const RoleAssignmentId& role_id,
                                              const Context& ctx) {
  return db_.transact([&](db::Connection& tx) -> Result<void> {
    auto role = IdentityRepository::role_by_id(tx, user_id, role_id);
    if (!role) return Error::not_found("No such role assignment.");
    IdentityRepository::delete_role(tx, role_id);
    forget_sessions_after(tx);
    emit(tx, RoleRemoved{user_id.str(), std::string(to_string(role->role)), scope_of(role->scope_type, role->scope_id)},
         user_id, ctx);
    return Ok{};
  });
}

std::vector<RoleAssignment> IdentityServiceImpl::roles_of(const UserId& user_id) {
  return db_.read([&](db::Connection& c) { return IdentityRepository::roles_of(c, user_id); });
}

std::vector<std::pair<User, RoleAssignment>> IdentityServiceImpl::holders(ScopeType scope_type,
                                                                          const std::string& scope_id) {
  return db_.read([&](db::Connection& c) { return IdentityRepository::holders(c, scope_type, scope_id); });
}

namespace {

bool any_grants(const std::vector<RoleAssignment>& roles, Permission permission, const ScopeRef& scope) {
  return std::any_of(roles.begin(), roles.end(), [&](const RoleAssignment& a) {
    return rules::grants(a.role, permission) && rules::covers(a, scope);
  });
}

}  // namespace

bool IdentityServiceImpl::check_permission(const UserId& user_id, Permission permission, const ScopeRef& scope) {
  return any_grants(roles_of(user_id), permission, scope);
}

namespace {

/// The roles the session check read for the caller, if it did.
const std::vector<RoleAssignment>* session_roles(const Context& ctx) {
  const auto* known = dynamic_cast<const SessionRoles*>(ctx.facts.get());
  return known && ctx.user_id && known->user_id.str() == *ctx.user_id ? &known->roles : nullptr;
}

}  // namespace

std::vector<RoleAssignment> IdentityServiceImpl::roles_of(const Context& ctx) {
  if (!ctx.user_id) return {};
  if (const auto* known = session_roles(ctx)) return *known;
  return roles_of(UserId{*ctx.user_id});
}

bool IdentityServiceImpl::check_permission(const Context& ctx, Permission permission, const ScopeRef& scope) {
  if (!ctx.user_id) return false;
  if (const auto* known = session_roles(ctx)) return any_grants(*known, permission, scope);
  return check_permission(UserId{*ctx.user_id}, permission, scope);
}

}  // namespace slotbase::identity
