#include "resend_mailer.h"

#include <nlohmann/json.hpp>

#include "http_post.h"

namespace slotbase::notification {

SendOutcome ResendMailer::send(const rules::MailMessage& m, const std::string&, const std::string& key) const {
  std::string base = options_.api_base;
  while (!base.empty() && base.back() == '/') base.pop_back();
  nlohmann::json headers = nlohmann::json::object();
  for (const char* name : {"Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post", "Auto-Submitted"})
    if (auto v = rules::header_value(m, name); !v.empty()) headers[name] = v;
  const nlohmann::json body = {{"from", m.from},       {"to", nlohmann::json::array({m.to})},
                               {"subject", m.subject}, {"text", m.text},
                               {"html", m.html},       {"headers", headers}};
  const auto reply = http_post(base + "/emails",
                               {"Authorization: Bearer " + options_.api_key, "Content-Type: application/json",
                                "Accept: application/json", "Idempotency-Key: " + key},
                               body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), options_.timeout);
  SendOutcome out;
  if (!reply.exchanged) {
    out.kind = reply.bad_url ? SendOutcome::Kind::permanent : SendOutcome::Kind::transient;
    out.error = "Resend: " + reply.error;
    return out;
  }
  out.reply_code = reply.status;
  const auto doc = nlohmann::json::parse(reply.body, nullptr, false);
  if (reply.status >= 200 && reply.status < 300) {
    if (doc.is_object() && doc.contains("id") && doc["id"].is_string()) out.provider_id = doc["id"];
    return out;
  }
  // {"statusCode": 422, "name": "validation_error", "message": "..."}
  std::string name, message;
  if (doc.is_object()) {
    if (doc.contains("name") && doc["name"].is_string()) name = doc["name"];
    if (doc.contains("message") && doc["message"].is_string()) message = doc["message"];
  }
  out.error = "Resend " + std::to_string(reply.status) + (name.empty() ? "" : " " + name) +
              (message.empty() ? "" : ": " + message);
  const bool transient = reply.status == 429 || reply.status == 409 || reply.status >= 500;
  out.kind = transient ? SendOutcome::Kind::transient : SendOutcome::Kind::permanent;
  return out;
}

}  // namespace slotbase::notification
