#pragma once

#include <string>

#include "identity/identity_types.h"
#include "platform/core/time.h"
#include "platform/db/unit_of_work.h"

namespace slotbase::identity {

/// A link identity sends to an account's address: to reset its password, or to prove the
/// address. `link` carries a token that works once, until `expires_at`.
struct AccountLink {
  UserId user_id;
  std::string name;  // the account's name, to greet them
  std::string to;    // the address it goes to
  std::string link;  // "https://book.example.com/reset-password?token=..."
  Instant expires_at;
  std::string locale = "en";  // the account's language (User::locale)
};

/// To the account's present address: a change to `new_email` was asked for.
struct EmailChangeNotice {
  UserId user_id;
  std::string name;
  std::string to;
  std::string new_email;
  std::string locale = "en";  // the account's language (User::locale)
};

/// To a new account made by staff: who made it, and the link to set a password.
struct WelcomeMessage {
  AccountLink link;
  std::string welcomed_by;  // "Riverside Tennis Club"
};

/// The e-mails identity sends about an account. Declared here, where they are needed, and
/// implemented by the module that delivers messages (notification, which is built after identity
/// and depends on it: identity never includes it); the composition root's registry joins them.
/// Each message is written in the caller's unit of work, so it goes out exactly when the token
/// it carries is stored. These messages are critical: no quiet hours, no unsubscribe link, no
/// preference turns them off. A link holds a secret: an implementation must not keep it in
/// clear, in its tables, its events or its logs. Thread-safe.
class AccountMailer {
 public:
  virtual ~AccountMailer() = default;

  virtual void send_password_reset(const db::UnitOfWork& work, const AccountLink& message) = 0;
  virtual void send_email_verification(const db::UnitOfWork& work, const AccountLink& message) = 0;
  virtual void send_email_change_notice(const db::UnitOfWork& work, const EmailChangeNotice& message) = 0;
  virtual void send_welcome(const db::UnitOfWork& work, const WelcomeMessage& message) = 0;
};

}  // namespace slotbase::identity
