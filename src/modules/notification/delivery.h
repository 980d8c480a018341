#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "platform/clock/clock.h"
#include "platform/db/database.h"
#include "platform/events/jobs.h"
#include "smtp_mailer.h"

namespace slotbase::notification {

/// How long after a temporary refusal of `attempt` (1 for the first) the next try comes: 1, 4,
/// 16, 64, 256 minutes.
std::chrono::seconds retry_delay(int attempt);

/// Sends queued e-mails, one job each (kSendEmailJob). With a mail server configured, over SMTP:
/// a transient failure is recorded and a job for the next try is queued (retry_delay), until
/// the last of kEmailAttempts marks the message failed; a permanent one marks it failed at once.
/// Without one, the message goes to the local outbox, as it would have been sent. Either way
/// the notification's row says what happened (status, attempts, error). Thread-safe.
class Delivery {
 public:
  /// `mailer` null: the local outbox. `from`: "SlotBase <no-reply@example.com>". `seal_secret`
  /// opens the sealed links of account e-mails (rules/sealed_link.h).
  Delivery(db::Database& db, const Clock& clock, const events::JobQueue& jobs, std::unique_ptr<SmtpMailer> mailer,
           std::string from, std::string seal_secret)
      : db_(db),
        clock_(clock),
        jobs_(jobs),
        mailer_(std::move(mailer)),
        from_(std::move(from)),
        seal_secret_(std::move(seal_secret)) {}

  void send_email(const events::Job& job) const;

 private:
  db::Database& db_;
  const Clock& clock_;
  const events::JobQueue& jobs_;
  std::unique_ptr<SmtpMailer> mailer_;
  std::string from_;
  std::string seal_secret_;
};

}  // namespace slotbase::notification
