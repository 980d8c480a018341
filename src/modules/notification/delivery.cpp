#include "delivery.h"

#include <algorithm>

#include "notification_repository.h"
#include "notifier.h"
#include "platform/core/ids.h"
#include "rules/mime.h"
#include "rules/sealed_link.h"

namespace slotbase::notification {

std::chrono::seconds retry_delay(int attempt) {
  return std::chrono::minutes(1) * (1 << (2 * std::clamp(attempt - 1, 0, 8)));
}

void Delivery::send_email(const events::Job& job) const {
  const NotificationId id{job.payload.at("notification_id").get<std::string>()};
  auto n = db_.read([&](db::Connection& c) { return NotificationRepository::find(c, id); });
  // Sent, failed or gone: a second run of the job (a worker that stalled) sends nothing more.
  if (!n || n->status != DeliveryStatus::queued || n->channel != Channel::email) return;

  const Instant now = clock_.now();
  rules::MailMessage m;
  m.from = from_;
  m.to = n->recipient;
  m.subject = n->title;
  m.text = n->body;
  m.html = n->html.value_or("");
  m.message_id = n->id.str() + "@" + rules::domain_of(rules::bare_address(from_));
  m.date = now;
  if (!rules::open_sealed_link(seal_secret_, n->data, m.text, m.html)) {
    db_.transact([&](db::Connection& tx) {
      NotificationRepository::record_attempt(tx, n->id, DeliveryStatus::failed,
                                             "its sealed link cannot be opened with this server's key", std::nullopt,
                                             now);
    });
    return;
  }
  if (n->data.contains("unsubscribe_url") && n->data["unsubscribe_url"].is_string())
    m.unsubscribe_url = n->data["unsubscribe_url"].get<std::string>();
  const std::string boundary = "=_" + n->id.str();
  const std::string message = rules::build_mime(m, boundary);

  if (!mailer_) {
    OutboxMessage kept;
    kept.id = new_id("mail");
    kept.notification_id = n->id.str();
    kept.to = m.to;
    kept.from = m.from;
    kept.subject = m.subject;
    kept.text = m.text;
    kept.html = m.html;
    for (const char* name : {"Date", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post", "Auto-Submitted"})
      if (auto v = rules::header_value(m, name); !v.empty()) kept.headers[name] = v;
    kept.message = message;
    kept.created_at = now;
    db_.transact([&](db::Connection& tx) {
      NotificationRepository::insert_outbox(tx, kept);
      NotificationRepository::record_attempt(tx, n->id, DeliveryStatus::sent, std::nullopt, now, now);
    });
    return;
  }

  const SendOutcome outcome = mailer_->send(rules::bare_address(from_), m.to, message);
  const Instant after = clock_.now();
  if (outcome.kind == SendOutcome::Kind::sent) {
    db_.transact([&](db::Connection& tx) {
      NotificationRepository::record_attempt(tx, n->id, DeliveryStatus::sent, std::nullopt, after, after);
    });
    return;
  }
  // A temporary refusal (greylisting, a full mailbox, a server restarting) is tried again later
  // and later: 1, 4, 16, 64 and 256 minutes on. A permanent one, or the last try, fails it.
  const int attempt = n->attempts + 1;
  const bool last = outcome.kind == SendOutcome::Kind::permanent || attempt >= kEmailAttempts;
  db_.transact([&](db::Connection& tx) {
    NotificationRepository::record_attempt(tx, n->id, last ? DeliveryStatus::failed : DeliveryStatus::queued,
                                           outcome.error, std::nullopt, after);
    if (!last)
      jobs_.enqueue(tx, kSendEmailJob, {{"notification_id", n->id.str()}}, after + retry_delay(attempt),
                    std::string(kSendEmailJob) + ":" + n->id.str() + ":" + std::to_string(attempt + 1), kEmailAttempts);
  });
}

}  // namespace slotbase::notification
