#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sender.h"

namespace slotbase::notification {

/// Sends mail over SMTP with libcurl. `url` is smtp://host[:port] (STARTTLS when the server
/// offers it, and required when the URL carries credentials) or smtps://host[:port] (TLS from
/// the start); user:password@ in the URL logs in. A 5xx reply to the recipient or to the message
/// (550-554, not to MAIL FROM) is the recipient refused: a hard bounce. Thread-safe: a message
/// takes an idle connection (a libcurl handle that keeps it open, so the next message skips the
/// connect, TLS and EHLO; libcurl retires one idle for two minutes) or opens one.
class SmtpMailer final : public EmailSender {
 public:
  explicit SmtpMailer(std::string url);
  ~SmtpMailer() override;
  SmtpMailer(const SmtpMailer&) = delete;
  SmtpMailer& operator=(const SmtpMailer&) = delete;
  /// `message` is the whole RFC 5322 message (rules::build_mime), CRLF line ends.
  SendOutcome send(const std::string& from_address, const std::string& to_address, const std::string& message) const;

  std::string_view provider() const override { return "smtp"; }
  SendOutcome send(const rules::MailMessage& m, const std::string& mime, const std::string& key) const override;

 private:
  void* take_handle() const;
  void give_back(void* handle) const;

  std::string url_;
  bool has_credentials_ = false;
  mutable std::mutex mu_;
  mutable std::vector<void*> idle_;  // CURL* with their connections open
};

}  // namespace slotbase::notification
