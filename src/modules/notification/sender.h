#pragma once

#include <string>
#include <string_view>

#include "rules/mime.h"

namespace slotbase::notification {

/// How handing one message to a provider went. A permanent failure (a 5xx SMTP reply, a number
/// that does not exist) is not tried again; a transient one (a 4xx SMTP reply, no connection, a
/// timeout, an HTTP 429 or 5xx) is. `recipient_refused`: the failure is the recipient's own (no
/// such mailbox, a number that cannot take texts, an opt-out), so nothing more goes to it.
struct SendOutcome {
  enum class Kind { sent, transient, permanent };
  Kind kind = Kind::sent;
  std::string error;
  long reply_code = 0;        // the server's last reply (SMTP) or HTTP status, when there was one
  std::string provider_id{};  // the provider's id of the message, when it gives one
  bool recipient_refused{false};
};

/// A way to send e-mail (SMTP, Resend). Thread-safe.
class EmailSender {
 public:
  virtual ~EmailSender() = default;
  /// "smtp", "resend": as the delivery log names it.
  virtual std::string_view provider() const = 0;
  /// `mime` is the whole message as rules::build_mime made it of `m`; `key` is the message's
  /// own id, which makes a repeated call one message at a provider that keeps idempotency keys.
  virtual SendOutcome send(const rules::MailMessage& m, const std::string& mime, const std::string& key) const = 0;
};

/// A way to send text messages (Twilio). Thread-safe.
class SmsSender {
 public:
  virtual ~SmsSender() = default;
  virtual std::string_view provider() const = 0;
  /// `to` in E.164.
  virtual SendOutcome send(const std::string& to, const std::string& body) const = 0;
};

}  // namespace slotbase::notification
