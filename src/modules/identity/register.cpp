#include "identity/register.h"

#include "identity_routes.h"
#include "identity_service_impl.h"
#include "platform/http/pipeline.h"
#include "platform/log/log.h"

namespace slotbase::identity {
namespace {

class SessionAuthenticator final : public http::Authenticator {
 public:
  explicit SessionAuthenticator(IdentityService& identity) : identity_(identity) {}
  Result<http::Principal> authenticate(const std::string& token) override {
    SB_ASSIGN_OR_RETURN(auto session, identity_.validate_session(token));
    auto facts = std::make_shared<const SessionRoles>(session.user_id, std::move(session.roles));
    return http::Principal{session.user_id.str(), session.session_id.str(), std::move(facts)};
  }

 private:
  IdentityService& identity_;
};

/// The AccountMailer identity sends through: the one a later module (notification) provides in
/// the registry, found at the first message (modules after identity are built by then). Without
/// one, the message is not sent and a warning says so (the link's token is never logged).
class LateAccountMailer final : public AccountMailer {
 public:
  explicit LateAccountMailer(const ServiceRegistry& services) : services_(services) {}
  void send_password_reset(const db::UnitOfWork& work, const AccountLink& m) override {
    if (auto* mailer = found("password reset", m.user_id)) mailer->send_password_reset(work, m);
  }
  void send_email_verification(const db::UnitOfWork& work, const AccountLink& m) override {
    if (auto* mailer = found("e-mail verification", m.user_id)) mailer->send_email_verification(work, m);
  }
  void send_email_change_notice(const db::UnitOfWork& work, const EmailChangeNotice& m) override {
    if (auto* mailer = found("e-mail change notice", m.user_id)) mailer->send_email_change_notice(work, m);
  }
  void send_welcome(const db::UnitOfWork& work, const WelcomeMessage& m) override {
    if (auto* mailer = found("welcome", m.link.user_id)) mailer->send_welcome(work, m);
  }

 private:
  AccountMailer* found(const char* what, const UserId& user_id) const {
    AccountMailer* mailer = services_.find<AccountMailer>();
    if (!mailer)
      log::warn("no module sends account e-mails; not sent", {{"message", what}, {"user_id", user_id.str()}});
    return mailer;
  }
  const ServiceRegistry& services_;
};

IdentityOptions options_from(const Config& config) {
  IdentityOptions o;
  o.access_ttl = std::chrono::seconds(config.access_token_ttl_seconds);
  o.refresh_ttl = std::chrono::hours(24 * config.refresh_token_ttl_days);
  o.public_url = config.public_base_url();
  return o;
}

class IdentityModule final : public Module {
 public:
  explicit IdentityModule(ModuleContext& c)
      : mailer_(c.services),
        service_(c.db, c.clock, c.outbox, c.services.get<security::PasswordHasher>(),
                 c.services.get<security::JwtSigner>(), c.services.get<ratelimit::RateLimiter>(), c.jobs, mailer_,
                 options_from(c.config)),
        authenticator_(service_) {
    c.services.provide<IdentityService>(service_);
    c.services.provide<http::Authenticator>(authenticator_);
  }

  std::string_view name() const override { return "identity"; }
  void register_routes(http::Router& router) override { register_identity_routes(router, service_); }

  void register_jobs(events::JobQueue& jobs) override {
    jobs.handle(kPasswordResetJob, [this](const events::Job& job) { service_.send_password_reset(job); });
  }

 private:
  LateAccountMailer mailer_;
  IdentityServiceImpl service_;
  SessionAuthenticator authenticator_;
};

}  // namespace

std::unique_ptr<Module> make_module(ModuleContext& context) {
  return std::make_unique<IdentityModule>(context);
}

}  // namespace slotbase::identity
