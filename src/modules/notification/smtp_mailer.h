#pragma once

#include <memory>
#include <string>

namespace slotbase::notification {

/// How handing one message to a mail server went. A permanent failure (a 5xx reply: no such
/// mailbox, refused) is not tried again; a transient one (a 4xx reply, no connection, a
/// timeout) is.
struct SendOutcome {
  enum class Kind { sent, transient, permanent };
  Kind kind = Kind::sent;
  std::string error;
  long reply_code = 0;  // the server's last reply, when there was one
};

/// Sends mail over SMTP with libcurl. `url` is smtp://host[:port] (STARTTLS when the server
/// offers it, and required when the URL carries credentials) or smtps://host[:port] (TLS from
/// the start); user:password@ in the URL logs in. Thread-safe: each message has its own
/// connection.
class SmtpMailer {
 public:
  explicit SmtpMailer(std::string url);
  /// `message` is the whole RFC 5322 message (rules::build_mime), CRLF line ends.
  SendOutcome send(const std::string& from_address, const std::string& to_address, const std::string& message) const;

 private:
  std::string url_;
  bool has_credentials_ = false;
};

}  // namespace slotbase::notification
