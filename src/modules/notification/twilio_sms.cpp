#include "twilio_sms.h"

#include <nlohmann/json.hpp>

#include "http_post.h"
#include "rules/base64.h"

namespace slotbase::notification {
namespace {

// Twilio's error codes for a recipient that cannot take the message: an invalid 'To' number,
// one that cannot be reached, one that is not valid, one that replied STOP, one that is
// unroutable, one that is not a mobile number.
bool recipient_code(long code) {
  return code == 21211 || code == 21214 || code == 21217 || code == 21610 || code == 21612 || code == 21614;
}

}  // namespace

SendOutcome TwilioSms::send(const std::string& to, const std::string& body) const {
  std::string base = options_.api_base;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string url = base + "/2010-04-01/Accounts/" + form_encode(options_.account_sid) + "/Messages.json";
  const bool service = options_.from.starts_with("MG");
  const std::string form = "To=" + form_encode(to) + (service ? "&MessagingServiceSid=" : "&From=") +
                           form_encode(options_.from) + "&Body=" + form_encode(body);
  const auto reply =
      http_post(url,
                {"Authorization: Basic " + rules::base64_encode(options_.account_sid + ":" + options_.auth_token),
                 "Content-Type: application/x-www-form-urlencoded", "Accept: application/json"},
                form, options_.timeout);
  SendOutcome out;
  if (!reply.exchanged) {
    out.kind = reply.bad_url ? SendOutcome::Kind::permanent : SendOutcome::Kind::transient;
    out.error = "Twilio: " + reply.error;
    return out;
  }
  out.reply_code = reply.status;
  const auto doc = nlohmann::json::parse(reply.body, nullptr, false);
  if (reply.status >= 200 && reply.status < 300) {
    if (doc.is_object() && doc.contains("sid") && doc["sid"].is_string()) out.provider_id = doc["sid"];
    return out;
  }
  // {"code": 21211, "message": "The 'To' number ... is not a valid phone number.", "more_info": ..., "status": 400}
  long code = 0;
  std::string message;
  if (doc.is_object()) {
    if (doc.contains("code") && doc["code"].is_number_integer()) code = doc["code"].get<long>();
    if (doc.contains("message") && doc["message"].is_string()) message = doc["message"];
  }
  out.error = "Twilio " + std::to_string(reply.status) + (code ? " (" + std::to_string(code) + ")" : "") +
              (message.empty() ? "" : ": " + message);
  const bool transient = reply.status == 429 || reply.status >= 500 || code == 20429;
  out.kind = transient ? SendOutcome::Kind::transient : SendOutcome::Kind::permanent;
  out.recipient_refused = !transient && recipient_code(code);
  return out;
}

}  // namespace slotbase::notification
