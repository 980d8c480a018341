#include "delivery.h"

#include <algorithm>

#include "notification_repository.h"
#include "platform/core/ids.h"
#include "rules/mime.h"
#include "rules/sealed_link.h"

namespace slotbase::notification {

std::chrono::seconds retry_delay(int attempt) {
  return std::chrono::minutes(1) * (1 << (2 * std::clamp(attempt - 1, 0, 8)));
}

std::optional<Notification> Delivery::due(const events::Job& job, Channel channel) const {
  const NotificationId id{job.payload.at("notification_id").get<std::string>()};
  auto n = db_.read([&](db::Connection& c) { return NotificationRepository::find(c, id); });
  // Sent, failed, held for a batch or gone: a second run of the job sends nothing more.
  if (!n || n->status != DeliveryStatus::queued || n->channel != channel || n->batch_key) return std::nullopt;
  // A bounce may have come since the message was written.
  auto why =
      db_.read([&](db::Connection& c) { return NotificationRepository::undeliverable(c, channel, n->recipient); });
  if (!why) return n;
  const Instant now = clock_.now();
  const std::string error =
      std::string(channel == Channel::sms ? "the number" : "the address") + " is undeliverable: " + *why;
  db_.transact([&](db::Connection& tx) {
    NotificationRepository::set_status(tx, n->id, DeliveryStatus::suppressed, error, now);
    NotificationRepository::log_attempt(tx, new_id("att"), n->id, {now, "none", "suppressed", error});
    if (channel == Channel::sms) release_fallback(tx, jobs_, *n, now);
  });
  return std::nullopt;
}

void Delivery::send_email(const events::Job& job) const {
  auto n = due(job, Channel::email);
  if (!n) return;
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
    kept.to = m.to;
    kept.from = m.from;
    kept.subject = m.subject;
    kept.text = m.text;
    kept.html = m.html;
    for (const char* name : {"Date", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post", "Auto-Submitted"})
      if (auto v = rules::header_value(m, name); !v.empty()) kept.headers[name] = v;
    kept.message = message;
    keep_in_outbox(*n, kept);
    return;
  }
  settle(*n, mailer_->send(m, message, n->id.str()), mailer_->provider());
}

void Delivery::send_sms(const events::Job& job) const {
  auto n = due(job, Channel::sms);
  if (!n) return;
  if (!texter_) {
    OutboxMessage kept;
    kept.channel = "sms";
    kept.to = n->recipient;
    kept.from = sms_from_;
    kept.text = n->body;
    kept.message = n->body;
    keep_in_outbox(*n, kept);
    return;
  }
  settle(*n, texter_->send(n->recipient, n->body), texter_->provider());
}

void Delivery::keep_in_outbox(const Notification& n, const OutboxMessage& message) const {
  const Instant now = clock_.now();
  OutboxMessage kept = message;
  kept.id = new_id("mail");
  kept.notification_id = n.id.str();
  kept.created_at = now;
  db_.transact([&](db::Connection& tx) {
    NotificationRepository::insert_outbox(tx, kept);
    NotificationRepository::record_attempt(tx, n.id, DeliveryStatus::sent, std::nullopt, now, now);
    NotificationRepository::log_attempt(tx, new_id("att"), n.id, {now, "outbox", "sent", std::nullopt});
  });
}

void Delivery::settle(const Notification& n, const SendOutcome& outcome, std::string_view provider) const {
  const Instant after = clock_.now();
  const std::string by(provider);
  if (outcome.kind == SendOutcome::Kind::sent) {
    db_.transact([&](db::Connection& tx) {
      NotificationRepository::record_attempt(tx, n.id, DeliveryStatus::sent, std::nullopt, after, after);
      if (!outcome.provider_id.empty()) NotificationRepository::set_provider_id(tx, n.id, outcome.provider_id);
      NotificationRepository::log_attempt(tx, new_id("att"), n.id, {after, by, "sent", std::nullopt});
    });
    return;
  }
  // A temporary refusal (greylisting, a full mailbox, a server restarting, a rate limit) is
  // tried again later and later: 1, 4, 16, 64 and 256 minutes on. A permanent one, or the last
  // try, fails it: a dead letter, with every try in its attempts.
  const int attempt = n.attempts + 1;
  const bool permanent = outcome.kind == SendOutcome::Kind::permanent;
  const bool last = permanent || attempt >= kEmailAttempts;
  db_.transact([&](db::Connection& tx) {
    NotificationRepository::record_attempt(tx, n.id, last ? DeliveryStatus::failed : DeliveryStatus::queued,
                                           outcome.error, std::nullopt, after);
    NotificationRepository::log_attempt(tx, new_id("att"), n.id,
                                        {after, by, permanent ? "permanent" : "transient", outcome.error});
    if (permanent && outcome.recipient_refused)
      NotificationRepository::mark_undeliverable(tx, {n.channel, n.recipient, n.user_id, outcome.error, by, n.id.str()},
                                                 after);
    if (last && n.channel == Channel::sms) release_fallback(tx, jobs_, n, after);
    if (!last) {
      const std::string kind = send_job_kind(n.channel);
      jobs_.enqueue(tx, kind, {{"notification_id", n.id.str()}}, after + retry_delay(attempt),
                    kind + ":" + n.id.str() + ":" + std::to_string(attempt + 1), kEmailAttempts);
    }
  });
}

}  // namespace slotbase::notification
