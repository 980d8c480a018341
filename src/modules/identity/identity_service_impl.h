#pragma once

#include <atomic>
#include <memory>

#include "identity/account_mailer.h"
#include "identity/identity_events.h"
#include "identity/identity_service.h"
#include "identity_repository.h"
#include "platform/clock/clock.h"
#include "platform/core/byte_cache.h"
#include "platform/core/parse_cache.h"
#include "platform/db/database.h"
#include "platform/events/jobs.h"
#include "platform/events/outbox.h"
#include "platform/ratelimit/rate_limiter.h"
#include "platform/security/jwt.h"
#include "platform/security/password.h"

namespace slotbase::identity {

/// What is throttled is what attackers do: failed sign-ins, counted per address and account, per
/// account and per address, each checked before a try and drawn from when it fails; members who
/// type their password right are never slowed, however many share an address. And refreshes, per
/// session. (The pipeline keeps a high per-address ceiling on all sign-ins besides.)
struct SignInLimits {
  ratelimit::Bucket per_address_and_account{10, 2};        // 10 failures, then one try every 30 s
  ratelimit::Bucket per_account{20, 2};                    // the same account from any address
  ratelimit::Bucket per_account_daily{100, 100.0 / 1440};  // and the delay grows: past 100 a day, ~15 min
  ratelimit::Bucket per_address{30, 30};                   // many accounts tried from one address (credential stuffing)
  ratelimit::Bucket refresh_per_session{10, 4};            // a client refreshes once per access token's life
  ratelimit::Bucket reset_per_address{3, 3.0 / 60};        // reset links: 3, then one every 20 minutes
  ratelimit::Bucket verification_per_user{3, 3.0 / 60};    // verification links sent again: the same
};

/// The job that sends a password-reset link: {"email", "app"}. Asking for a link only queues it,
/// so that an address with an account and one without answer alike, in the same time.
inline constexpr const char* kPasswordResetJob = "identity.password_reset";

struct IdentityOptions {
  std::chrono::seconds access_ttl{900};
  std::chrono::hours refresh_ttl{24 * 30};
  SignInLimits limits;
  std::string public_url;  // the base of links in e-mails: "https://book.example.com"
  std::chrono::hours reset_ttl{1};
  std::chrono::hours verification_ttl{48};
  std::chrono::hours welcome_ttl{24 * 7};
};

class IdentityServiceImpl final : public IdentityService {
 public:
  IdentityServiceImpl(db::Database& db, const Clock& clock, const events::Outbox& outbox,
                      const security::PasswordHasher& hasher, const security::JwtSigner& jwt,
                      ratelimit::RateLimiter& limiter, const events::JobQueue& jobs, AccountMailer& mailer,
                      IdentityOptions options);

  Result<AuthResult> register_user(const Registration& r, const Context& ctx) override;
  Result<AuthResult> login(const std::string& email, const std::string& password, const Context& ctx) override;
  Result<AuthResult> refresh(const std::string& refresh_token, const Context& ctx) override;
  Result<void> logout(const SessionId& session_id, const Context& ctx) override;
  Result<SessionInfo> validate_session(const std::string& access_token) override;
  Result<void> request_password_reset(const std::string& email, LinkApp app, const Context& ctx) override;
  Result<User> reset_password(const std::string& token, const std::string& new_password, const Context& ctx) override;
  Result<User> verify_email(const std::string& token, const Context& ctx) override;
  Result<void> resend_verification(const UserId& user_id, const Context& ctx) override;
  Result<User> create_welcomed_account(const db::UnitOfWork& work, const NewAccount& account,
                                       const Context& ctx) override;
  Result<Profile> profile(const UserId& user_id) override;
  Result<User> update_user(const UserId& user_id, const UserUpdate& update, const Context& ctx) override;
  Result<void> delete_user(const UserId& user_id, const Context& ctx) override;
  Result<User> get_user(const UserId& user_id) override;
  std::vector<User> users(const std::vector<UserId>& ids) override;
  std::optional<User> find_user_by_email(const std::string& email) override;
  Result<RoleAssignment> assign_role(const db::UnitOfWork& work, const UserId& user_id, Role role, ScopeType scope_type,
                                     const std::string& scope_id, const Context& ctx) override;
  Result<RoleAssignment> grant_role(const UserId& user_id, Role role, ScopeType scope_type, const std::string& scope_id,
                                    const Context& ctx) override;
  Result<void> remove_role(const UserId& user_id, const RoleAssignmentId& role_id, const Context& ctx) override;
  std::vector<RoleAssignment> roles_of(const UserId& user_id) override;
  std::vector<RoleAssignment> roles_of(const Context& ctx) override;
  std::vector<std::pair<User, RoleAssignment>> holders(ScopeType scope_type, const std::string& scope_id) override;
  bool check_permission(const UserId& user_id, Permission permission, const ScopeRef& scope) override;
  bool check_permission(const Context& ctx, Permission permission, const ScopeRef& scope) override;

  /// kPasswordResetJob: a link to the account of the address, if it has one (account_emails.cpp).
  void send_password_reset(const events::Job& job);

 private:
  // Account e-mails (account_emails.cpp).
  /// Stores a new verification token for `to` and sends its link, in `tx`.
  void send_verification(db::Connection& tx, const User& user, const std::string& to, Instant now);
  /// Asks for `user`'s address to become `email`, in `tx`: the link goes to the new address and
  /// a notice to the old one. The present address again cancels a pending change.
  Result<std::optional<std::string>> request_email_change(db::Connection& tx, const User& user,
                                                          const std::string& email, Instant now);
  /// "https://book.example.com/admin/reset-password?token=...".
  std::string link_to(LinkApp app, std::string_view page, const std::string& token) const;

  /// Grants a role in `tx` (assign_role and grant_role).
  Result<RoleAssignment> assign(db::Connection& tx, const UserId& user_id, Role role, ScopeType scope_type,
                                const std::string& scope_id, const Context& ctx);
  /// Opens a session for `user` in `tx` and returns tokens for it.
  AuthResult open_session(db::Connection& tx, const User& user, Instant now);
  std::string issue_access_token(const UserId& user_id, const SessionId& session_id, Instant now) const;
  /// Appends `event` (one of identity_events.h) about `user_id` to `tx`'s outbox.
  template <class E>
  void emit(db::Connection& tx, const E& event, const UserId& user_id, const Context& ctx) const {
    outbox_.append(tx, events::new_event(event, "identity", user_id.str(), std::nullopt,
                                         ctx.user_id ? ctx.user_id : user_id.str(), ctx.correlation_id));
  }

  db::Database& db_;
  const Clock& clock_;
  const events::Outbox& outbox_;
  const security::PasswordHasher& hasher_;
  const security::JwtSigner& jwt_;
  ratelimit::RateLimiter& limiter_;
  const events::JobQueue& jobs_;
  AccountMailer& mailer_;
  IdentityOptions options_;
  std::string dummy_hash_;  // verified against for unknown emails, so both paths take as long
  /// What a signed access token says, kept per token text once its signature checked out.
  struct AccessToken {
    UserId user_id;
    SessionId session_id;
    Instant expires_at;
  };
  ParseCache<std::optional<AccessToken>> tokens_;

  /// After the transaction `tx` commits, every session kept in memory is asked about again: a
  /// session or a role changed. Called by every write to sessions or roles, in this module's
  /// transactions and in those it joins.
  void forget_sessions_after(db::Connection& tx) {
    tx.after_commit([this] { generation_.fetch_add(1); });
  }
  /// A live session as read, kept for a few seconds so that a signed-in request costs no round
  /// trip to the database: valid while no session or role changed in this process since it was
  /// read (`generation`) and until `until` (the bound on how late another instance's change is
  /// seen: kSessionMemory).
  struct KnownSession {
    IdentityRepository::LiveSession live;
    std::uint64_t generation = 0;
    Instant until;
  };
  static constexpr std::chrono::seconds kSessionMemory{5};
  std::atomic<std::uint64_t> generation_{0};
  ByteCache<std::shared_ptr<const KnownSession>> sessions_{8 << 20};
};

}  // namespace slotbase::identity
