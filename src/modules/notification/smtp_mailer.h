#pragma once

#include <memory>
#include <string>

#include "sender.h"

namespace slotbase::notification {

/// Sends mail over SMTP with libcurl. `url` is smtp://host[:port] (STARTTLS when the server
/// offers it, and required when the URL carries credentials) or smtps://host[:port] (TLS from
/// the start); user:password@ in the URL logs in. A 5xx reply to the recipient or to the message
/// (550-554, not to MAIL FROM) is the recipient refused: a hard bounce. Thread-safe: each message
/// has its own connection.
class SmtpMailer final : public EmailSender {
 public:
  explicit SmtpMailer(std::string url);
  /// `message` is the whole RFC 5322 message (rules::build_mime), CRLF line ends.
  SendOutcome send(const std::string& from_address, const std::string& to_address, const std::string& message) const;

  std::string_view provider() const override { return "smtp"; }
  SendOutcome send(const rules::MailMessage& m, const std::string& mime, const std::string& key) const override;

 private:
  std::string url_;
  bool has_credentials_ = false;
};

}  // namespace slotbase::notification
