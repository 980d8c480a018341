#pragma once

#include <memory>
#include <string>

#include "platform/clock/clock.h"
#include "platform/db/database.h"
#include "platform/events/jobs.h"
#include "smtp_mailer.h"

namespace slotbase::notification {

/// Sends queued e-mails, one job each (kSendEmailJob). With a mail server configured, over SMTP:
/// a transient failure is recorded and the job fails, so the queue tries again with its backoff,
/// until the last attempt marks the message failed; a permanent one marks it failed at once.
/// Without one, the message goes to the local outbox, as it would have been sent. Either way
/// the notification's row says what happened (status, attempts, error). Thread-safe.
class Delivery {
 public:
  /// `mailer` null: the local outbox. `from`: "SlotBase <no-reply@example.com>".
  Delivery(db::Database& db, const Clock& clock, std::unique_ptr<SmtpMailer> mailer, std::string from)
      : db_(db), clock_(clock), mailer_(std::move(mailer)), from_(std::move(from)) {}

  void send_email(const events::Job& job) const;

 private:
  db::Database& db_;
  const Clock& clock_;
  std::unique_ptr<SmtpMailer> mailer_;
  std::string from_;
};

}  // namespace slotbase::notification
