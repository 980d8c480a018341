// Account e-mails: password-reset and verification links, and a change of address. A link's
// token is random (256 bits), travels only in the e-mail, and is kept as its SHA-256: whoever
// reads the database cannot use a link. Each token works once, until its time is up.
#include "identity_repository.h"
#include "identity_service_impl.h"
#include "platform/core/encoding.h"
#include "platform/core/ids.h"
#include "platform/core/strings.h"
#include "platform/log/log.h"
#include "rules/credentials.h"
#include "rules/phone.h"

namespace slotbase::identity {
namespace {

constexpr const char* kSpentLink =
    "This link was already used or has expired. Ask for a new one: links work once, for a limited time.";

std::string_view app_name(LinkApp app) {
  return app == LinkApp::admin ? "admin" : "player";
}

}  // namespace

std::string IdentityServiceImpl::link_to(LinkApp app, std::string_view page, const std::string& token) const {
  // Tokens are base64url: nothing in them needs escaping in a query.
  return options_.public_url + (app == LinkApp::admin ? "/admin/" : "/") + std::string(page) + "?token=" + token;
}

void IdentityServiceImpl::send_verification(db::Connection& tx, const User& user, const std::string& to, Instant now) {
  const std::string token = random_token(32);
  const Instant expires_at = now + options_.verification_ttl;
  IdentityRepository::insert_token(tx, sha256_hex(token),
                                   {user.id, TokenPurpose::email_verification, to, expires_at, false}, now);
  mailer_.send_email_verification(
      db::UnitOfWork::of(db_, tx),
      {user.id, user.name, to, link_to(LinkApp::player, "verify-email", token), expires_at, user.locale});
}

Result<std::optional<std::string>> IdentityServiceImpl::request_email_change(db::Connection& tx, const User& user,
                                                                             const std::string& email, Instant now) {
  const auto verified_at = IdentityRepository::email_verified_at(tx, user.id);
  if (email == user.email) {
    // Back to the present address: the change asked for is dropped, and its links with it.
    if (user.pending_email) {
      IdentityRepository::set_email_state(tx, user.id, user.email, std::nullopt, verified_at, now);
      IdentityRepository::spend_user_tokens(tx, user.id, TokenPurpose::email_verification, now);
    }
    return std::optional<std::string>{};
  }
  if (user.pending_email == email) return user.pending_email;  // asked already: its link still works
  if (auto other = IdentityRepository::user_by_email(tx, email); other && other->user.id != user.id)
    return Error::conflict("email-taken", "An account with this email already exists.");
  // A link sent to an earlier new address must not complete a change the user has moved on from.
  IdentityRepository::spend_user_tokens(tx, user.id, TokenPurpose::email_verification, now);
  IdentityRepository::set_email_state(tx, user.id, user.email, email, verified_at, now);
  send_verification(tx, user, email, now);
  mailer_.send_email_change_notice(db::UnitOfWork::of(db_, tx), {user.id, user.name, user.email, email, user.locale});
  return std::optional<std::string>{email};
}

Result<void> IdentityServiceImpl::request_password_reset(const std::string& email_in, LinkApp app, const Context&) {
  const std::string email = rules::normalize_email(email_in);
  if (auto why = rules::check_email(email)) return Error::invalid("email", *why);
  // Counted for every address, with an account or not: being refused says nothing either, and
  // the answer is the same Ok.
  if (!limiter_.take("password-reset:address:" + email, options_.limits.reset_per_address).allowed) return Ok{};
  const Instant now = clock_.now();
  db_.transact([&](db::Connection& tx) {
    jobs_.enqueue(tx, kPasswordResetJob, {{"email", email}, {"app", std::string(app_name(app))}}, now);
  });
  return Ok{};
}

void IdentityServiceImpl::send_password_reset(const events::Job& job) {
  const std::string email = job.payload.value("email", "");
  const LinkApp app = job.payload.value("app", "") == "admin" ? LinkApp::admin : LinkApp::player;
  const Instant now = clock_.now();
  db_.transact([&](db::Connection& tx) {
    auto stored = IdentityRepository::user_by_email(tx, email);
    if (!stored || stored->user.status != "active") return;
    const std::string token = random_token(32);
    const Instant expires_at = now + options_.reset_ttl;
    IdentityRepository::insert_token(tx, sha256_hex(token),
                                     {stored->user.id, TokenPurpose::password_reset, email, expires_at, false}, now);
    mailer_.send_password_reset(db::UnitOfWork::of(db_, tx),
                                {stored->user.id, stored->user.name, email, link_to(app, "reset-password", token),
                                 expires_at, stored->user.locale});
  });
}

Result<User> IdentityServiceImpl::reset_password(const std::string& token, const std::string& new_password,
                                                 const Context& ctx) {
  if (token.empty()) return Error::invalid("token", "is required");
  // Length first, as every other form is checked before the token is looked at; whether it is
  // the account's own address is known only once the token says whose account it is.
  if (auto why = rules::check_password(new_password, "")) return Error::invalid("password", *why);
  const std::string hash = sha256_hex(token);
  const Instant now = clock_.now();
  auto found = db_.read(
      [&](db::Connection& c) { return IdentityRepository::token_by_hash(c, hash, TokenPurpose::password_reset); });
  if (!found || found->used || found->expires_at <= now) return Error::expired(kSpentLink);
  auto user = get_user(found->user_id);
  if (!user.ok() || user->status != "active") return Error::expired(kSpentLink);
  // A weak password leaves the link as it was: the user tries another.
  if (auto why = rules::check_password(new_password, user->email)) return Error::invalid("password", *why);
  const std::string password_hash = hasher_.hash(new_password);  // slow: outside the transaction

  return db_.transact([&](db::Connection& tx) -> Result<User> {
    // Spent in the transaction that uses it: of two uses at once, one wins and one is 410.
    if (!IdentityRepository::spend_token(tx, hash, now)) return Error::expired(kSpentLink);
    auto stored = IdentityRepository::user_by_id(tx, found->user_id);
    if (!stored || stored->user.status != "active") return Error::expired(kSpentLink);
    IdentityRepository::update_user(tx, stored->user.id, stored->user.name, password_hash, stored->user.phone, now);
    IdentityRepository::spend_user_tokens(tx, stored->user.id, TokenPurpose::password_reset, now);
    // Whoever knew the old password is signed out everywhere; the new one signs in anew.
    IdentityRepository::revoke_user_sessions(tx, stored->user.id, "password-reset", now);
    forget_sessions_after(tx);
    // The link went to the address: using it proves the address, as a verification link would.
    if (found->email == stored->user.email && !stored->user.email_verified) {
      IdentityRepository::set_email_state(tx, stored->user.id, stored->user.email, stored->user.pending_email, now,
                                          now);
      stored->user.email_verified = true;
    }
    emit(tx, UserUpdated{stored->user.id.str(), {"password"}}, stored->user.id, ctx);
    return stored->user;
  });
}

Result<User> IdentityServiceImpl::verify_email(const std::string& token, const Context& ctx) {
  if (token.empty()) return Error::invalid("token", "is required");
  const std::string hash = sha256_hex(token);
  const Instant now = clock_.now();
  try {
    return db_.transact([&](db::Connection& tx) -> Result<User> {
      auto found = IdentityRepository::token_by_hash(tx, hash, TokenPurpose::email_verification);
      if (!found || found->used || found->expires_at <= now) return Error::expired(kSpentLink);
      // Signed in to another account: the link is not theirs to use (someone may be trying to
      // have them confirm an address for an account that is not theirs).
      if (ctx.user_id && *ctx.user_id != found->user_id.str())
        return Error::forbidden("This link is for another account. Log out, then open it again.");
      auto stored = IdentityRepository::user_by_id(tx, found->user_id);
      if (!stored || stored->user.status != "active") return Error::expired(kSpentLink);
      User& user = stored->user;
      if (found->email != user.email && found->email != user.pending_email) return Error::expired(kSpentLink);
      if (!IdentityRepository::spend_token(tx, hash, now)) return Error::expired(kSpentLink);
      if (found->email == user.email) {
        // The present address proven; a change asked for meanwhile keeps waiting for its own link.
        user.email_verified = true;
        IdentityRepository::set_email_state(tx, user.id, user.email, user.pending_email, now, now);
        emit(tx, UserUpdated{user.id.str(), {"email_verified"}}, user.id, ctx);
        return user;
      }
      if (auto other = IdentityRepository::user_by_email(tx, found->email); other && other->user.id != user.id)
        return Error::conflict("email-taken", "Another account took this address meanwhile.");
      user.email = found->email;
      user.pending_email.reset();
      user.email_verified = true;
      IdentityRepository::set_email_state(tx, user.id, user.email, std::nullopt, now, now);
      IdentityRepository::spend_user_tokens(tx, user.id, TokenPurpose::email_verification, now);
      emit(tx, UserUpdated{user.id.str(), {"email", "email_verified"}}, user.id, ctx);
      return user;
    });
  } catch (const db::DbError& e) {
    // Two accounts proving one new address at the same moment: the unique index decides.
    if (e.kind() == db::ErrorKind::unique_violation)
      return Error::conflict("email-taken", "Another account took this address meanwhile.");
    throw;
  }
}

Result<void> IdentityServiceImpl::resend_verification(const UserId& user_id, const Context&) {
  SB_ASSIGN_OR_RETURN(auto user, get_user(user_id));
  if (!user.pending_email && user.email_verified)
    return Error::conflict("email-already-verified", "Your e-mail address is verified already.");
  if (auto d = limiter_.take("verification:user:" + user_id.str(), options_.limits.verification_per_user); !d.allowed)
    return Error::rate_limited(d.retry_after_seconds);
  const Instant now = clock_.now();
  db_.transact([&](db::Connection& tx) { send_verification(tx, user, user.pending_email.value_or(user.email), now); });
  log::info("verification link sent again", {{"user_id", user_id.str()}});
  return Ok{};
}

Result<User> IdentityServiceImpl::create_welcomed_account(const db::UnitOfWork& work, const NewAccount& a,
                                                          const Context& ctx) {
  const std::string email = rules::normalize_email(a.email);
  const std::string name = trim(a.name);
  std::vector<FieldError> errors;
  if (auto why = rules::check_email(email)) errors.push_back({"email", *why});
  if (name.empty())
    errors.push_back({"name", "is required"});
  else if (name.size() > 100)
    errors.push_back({"name", "must be at most 100 characters"});
  std::optional<std::string> phone;
  if (a.phone) {
    auto checked = rules::normalize_phone(*a.phone);
    if (checked.ok())
      phone = checked.e164;
    else
      errors.push_back({"phone", checked.why});
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  const Instant now = clock_.now();
  return work.join(db_, [&](db::Connection& tx) -> Result<User> {
    if (IdentityRepository::user_by_email(tx, email))
      return Error::conflict("email-taken", "An account with this email already exists.");
    // No password: the hash kept is of a random secret nobody was told, so no sign-in matches it
    // until the link sets one.
    User user{UserId{new_id("usr")}, email, name, "active", now, false, std::nullopt, phone};
    IdentityRepository::insert_user(tx, user, dummy_hash_, now);
    const std::string token = random_token(32);
    const Instant expires_at = now + options_.welcome_ttl;
    // A reset link that lives a week: using it sets the password and proves the address.
    IdentityRepository::insert_token(tx, sha256_hex(token),
                                     {user.id, TokenPurpose::password_reset, email, expires_at, false}, now);
    mailer_.send_welcome(work, {{user.id, user.name, email,
                                 link_to(LinkApp::player, "reset-password", token) + "&welcome=1", expires_at},
                                a.welcomed_by});
    emit(tx, UserCreated{user.id.str(), user.email}, user.id, ctx);
    return user;
  });
}

}  // namespace slotbase::identity
