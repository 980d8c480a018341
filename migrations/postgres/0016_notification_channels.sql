-- Text messages, a second e-mail provider, bounces, hourly caps and batches
-- (src/modules/notification/README.md). Times are seconds since the epoch, UTC.

-- Identity: the user's phone number for text messages, in E.164 ("+12125550123"), checked when
-- entered.
ALTER TABLE users ADD COLUMN phone TEXT;

-- The provider's own id of a message (Resend's e-mail id, Twilio's message SID), so that its
-- webhooks find the message again.
ALTER TABLE notifications ADD COLUMN provider_id TEXT;
-- Held to go out with others of its kind to the same person on the same channel ("user:type:
-- channel"); NULL once sent alone or as part of one message.
ALTER TABLE notifications ADD COLUMN batch_key TEXT;
CREATE INDEX notifications_provider ON notifications (provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX notifications_batch ON notifications (batch_key) WHERE batch_key IS NOT NULL;

-- Every try to hand a message over, and what its provider said of it later (a bounce, a
-- delivery): the delivery log's detail, and the dead letters' history. `id` makes a repeated
-- webhook record nothing twice.
CREATE TABLE notification_attempts (
  id TEXT PRIMARY KEY,
  notification_id TEXT NOT NULL,
  at BIGINT NOT NULL,
  provider TEXT NOT NULL,
  outcome TEXT NOT NULL,
  error TEXT
);
CREATE INDEX notification_attempts_notification ON notification_attempts (notification_id, at);

-- Addresses and numbers that cannot be reached (a hard bounce, a number that does not exist or
-- takes no texts, a recipient who opted out at the carrier): nothing more is sent to them.
CREATE TABLE undeliverable_recipients (
  channel TEXT NOT NULL,
  recipient TEXT NOT NULL,
  user_id TEXT,
  reason TEXT NOT NULL,
  source TEXT NOT NULL,
  notification_id TEXT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (channel, recipient)
);

-- Messages counted against a user's hourly cap, per channel and clock hour.
CREATE TABLE notification_rate (
  user_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  window_start BIGINT NOT NULL,
  sent INTEGER NOT NULL,
  PRIMARY KEY (user_id, channel, window_start)
);

-- The local outbox keeps text messages too.
ALTER TABLE mail_outbox ADD COLUMN channel TEXT NOT NULL DEFAULT 'email';
