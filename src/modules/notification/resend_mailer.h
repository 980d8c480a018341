#pragma once

#include <chrono>
#include <string>

#include "sender.h"

namespace slotbase::notification {

struct ResendOptions {
  std::string api_key;  // "re_..."; sent only as the bearer token
  std::string api_base = "https://api.resend.com";
  std::chrono::milliseconds timeout{10000};
};

/// Resend's e-mail API over libcurl: POST {api_base}/emails with JSON {from, to, subject, text,
/// html, headers} (the headers carry the Message-ID and one-click unsubscribe), the API key as a
/// bearer token and the message's id as the Idempotency-Key, so that a retry after a lost answer
/// never sends twice. A 2xx is sent (Resend's id kept, for its webhooks); no answer, a 429, a 409
/// (the same key still in flight) or a 5xx is transient; any other answer is permanent. Bounces
/// come later, by webhook. Thread-safe.
class ResendMailer final : public EmailSender {
 public:
  explicit ResendMailer(ResendOptions options) : options_(std::move(options)) {}
  std::string_view provider() const override { return "resend"; }
  SendOutcome send(const rules::MailMessage& m, const std::string& mime, const std::string& key) const override;

 private:
  ResendOptions options_;
};

}  // namespace slotbase::notification
