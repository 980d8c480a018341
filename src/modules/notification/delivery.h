#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "dispatch.h"
#include "notification/notification_types.h"
#include "platform/clock/clock.h"
#include "platform/db/database.h"
#include "platform/events/jobs.h"
#include "sender.h"

namespace slotbase::notification {

/// How long after a temporary refusal of `attempt` (1 for the first) the next try comes: 1, 4,
/// 16, 64, 256 minutes.
std::chrono::seconds retry_delay(int attempt);

/// Sends queued e-mails and text messages, one job each (kSendEmailJob, kSendSmsJob), through the
/// configured provider of each channel (SMTP or Resend; Twilio), or without one into the local
/// outbox, as it would have been sent. A transient failure is recorded and a job for the next try
/// is queued (retry_delay), until the last of kEmailAttempts marks the message failed; a permanent
/// one marks it failed at once. A failure that is the recipient's own (a hard bounce, a number
/// that cannot take texts) also marks the address or number undeliverable; a text that failed
/// for good lets the e-mail it replaced go. A message to an address or number already known
/// undeliverable is suppressed, not sent. Every try is in the message's attempts, and its row
/// says where it stands (status, attempts, error). Thread-safe.
class Delivery {
 public:
  /// `mailer` / `texter` null: the local outbox. `from`: "SlotBase <no-reply@example.com>";
  /// `seal_secret` opens the sealed links of account e-mails (rules/sealed_link.h); `sms_from`:
  /// the sender a text shows (in the outbox).
  Delivery(db::Database& db, const Clock& clock, const events::JobQueue& jobs, std::unique_ptr<EmailSender> mailer,
           std::string from, std::string seal_secret, std::unique_ptr<SmsSender> texter = nullptr,
           std::string sms_from = "SlotBase")
      : db_(db),
        clock_(clock),
        jobs_(jobs),
        mailer_(std::move(mailer)),
        from_(std::move(from)),
        seal_secret_(std::move(seal_secret)),
        texter_(std::move(texter)),
        sms_from_(std::move(sms_from)) {}

  void send_email(const events::Job& job) const;
  void send_sms(const events::Job& job) const;

 private:
  /// The message the job is for, if it is still to be sent on `channel` (not sent, failed, held or
  /// gone: a second run of a job sends nothing more), and not to an undeliverable recipient.
  std::optional<Notification> due(const events::Job& job, Channel channel) const;
  /// Records a try and what follows from it.
  void settle(const Notification& n, const SendOutcome& outcome, std::string_view provider) const;
  void keep_in_outbox(const Notification& n, const OutboxMessage& kept) const;

  db::Database& db_;
  const Clock& clock_;
  const events::JobQueue& jobs_;
  std::unique_ptr<EmailSender> mailer_;
  std::string from_;
  std::string seal_secret_;
  std::unique_ptr<SmsSender> texter_;
  std::string sms_from_;
};

}  // namespace slotbase::notification
