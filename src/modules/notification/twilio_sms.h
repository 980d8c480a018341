#pragma once

#include <chrono>
#include <string>

#include "sender.h"

namespace slotbase::notification {

struct TwilioOptions {
  std::string account_sid;  // "AC..."
  std::string auth_token;
  /// The sender: a number in E.164 ("+15005550006") or a Messaging Service ("MG..."), which then
  /// picks the number itself.
  std::string from;
  std::string api_base = "https://api.twilio.com";
  std::chrono::milliseconds timeout{10000};
};

/// Twilio's Programmable Messaging API over libcurl: POST
/// {api_base}/2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded To, Body and From (or
/// MessagingServiceSid), HTTP basic auth with the account SID and auth token. A 2xx is sent (the
/// message's SID kept); no answer, a 429 or a 5xx is transient; any other answer is permanent,
/// and with Twilio's codes for a number that is invalid, unreachable, not a mobile or opted out
/// (21211, 21214, 21217, 21610, 21612, 21614) it is the recipient refused. Thread-safe.
class TwilioSms final : public SmsSender {
 public:
  explicit TwilioSms(TwilioOptions options) : options_(std::move(options)) {}
  std::string_view provider() const override { return "twilio"; }
  SendOutcome send(const std::string& to, const std::string& body) const override;

 private:
  TwilioOptions options_;
};

}  // namespace slotbase::notification
