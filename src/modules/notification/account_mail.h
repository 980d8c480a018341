#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "identity/account_mailer.h"
#include "notifier.h"
#include "organization/invitation_mailer.h"
#include "platform/clock/clock.h"
#include "platform/db/database.h"
#include "templates.h"

namespace slotbase::notification {

/// identity's AccountMailer: password-reset and verification links, and the notice of a change
/// of address, as e-mails of the account types (catalogue.h: critical, no quiet hours, no
/// unsubscribe link, whatever the preferences say). Each is written with its sending job in the
/// caller's unit of work; the link is stored sealed under `seal_secret` (rules/sealed_link.h) and
/// opened by Delivery as it sends. Thread-safe.
///
/// Also organization's InvitationMailer: the invitation to a facility's roster, to an address
/// that may have no account yet, the same way (type facility.invitation).
class AccountMail final : public identity::AccountMailer, public organization::InvitationMailer {
 public:
  AccountMail(db::Database& db, const Clock& clock, const Templates& templates, const Notifier& notifier,
              std::string seal_secret)
      : db_(db), clock_(clock), templates_(templates), notifier_(notifier), seal_secret_(std::move(seal_secret)) {}

  void send_password_reset(const db::UnitOfWork& work, const identity::AccountLink& m) override;
  void send_email_verification(const db::UnitOfWork& work, const identity::AccountLink& m) override;
  void send_email_change_notice(const db::UnitOfWork& work, const identity::EmailChangeNotice& m) override;
  void send_welcome(const db::UnitOfWork& work, const identity::WelcomeMessage& m) override;
  void send_invitation(const db::UnitOfWork& work, const organization::InvitationMessage& m) override;

 private:
  /// Renders `type` for `to` with `facts` and writes it in the unit of work; `link`, if any, is
  /// sealed.
  void send(const db::UnitOfWork& work, std::string_view type, const identity::UserId& user_id, const std::string& to,
            const std::string& locale, nlohmann::json facts, const std::optional<std::string>& link) const;

  db::Database& db_;
  const Clock& clock_;
  const Templates& templates_;
  const Notifier& notifier_;
  std::string seal_secret_;
};

}  // namespace slotbase::notification
