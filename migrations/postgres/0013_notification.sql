-- The notification module (src/modules/notification/README.md). Times are seconds since the
-- epoch, UTC.

-- Every message to one person on one channel: an in-app notification (status delivered, with
-- its read state) or an e-mail with its delivery record. `dedupe_key` makes each one happen
-- once: (event id, type, recipient, channel) for messages caused by an event, (booking, rule,
-- start, channel) for reminders; a replayed event or a second worker inserts nothing.
CREATE TABLE notifications (
  id TEXT PRIMARY KEY,
  dedupe_key TEXT NOT NULL UNIQUE,
  event_id TEXT,
  type TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('in_app', 'email', 'sms', 'push')),
  user_id TEXT NOT NULL,
  facility_id TEXT,
  recipient TEXT NOT NULL,
  critical BOOLEAN NOT NULL DEFAULT FALSE,
  status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'failed', 'suppressed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  html TEXT,
  data JSONB NOT NULL,
  send_after BIGINT NOT NULL,
  sent_at BIGINT,
  read_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- A user's inbox, newest first (ids sort by creation time).
CREATE INDEX notifications_inbox ON notifications (user_id, channel, id);
-- The unread count.
CREATE INDEX notifications_unread ON notifications (user_id) WHERE channel = 'in_app' AND read_at IS NULL;
-- A facility's delivery log, newest first.
CREATE INDEX notifications_facility ON notifications (facility_id, id);

-- A user's choices: channels, types, quiet hours (the document GET /me/notification-preferences
-- shows, less the defaults).
CREATE TABLE notification_preferences (
  user_id TEXT PRIMARY KEY,
  document JSONB NOT NULL,
  updated_at BIGINT NOT NULL
);

-- E-mails as they would have gone out, when no mail server is configured (the local outbox).
CREATE TABLE mail_outbox (
  id TEXT PRIMARY KEY,
  notification_id TEXT NOT NULL UNIQUE,
  to_address TEXT NOT NULL,
  from_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL,
  headers JSONB NOT NULL,
  message TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX mail_outbox_to ON mail_outbox (to_address, id);

-- Waitlist offers made, so that the hold's expiry can tell its player the offer lapsed.
CREATE TABLE notification_offers (
  hold_id TEXT PRIMARY KEY,
  entry_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  facility_id TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  start_at BIGINT NOT NULL,
  end_at BIGINT NOT NULL,
  claim_deadline BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
