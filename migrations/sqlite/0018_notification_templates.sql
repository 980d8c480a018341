-- A facility's own wording of a notification type on one channel and locale, in place of the
-- template file (src/modules/notification/README.md, "Templates"). `subject` is the e-mail's
-- subject or the in-app title (none: the file's); `body` is the e-mail's text part, from which its
-- HTML part is made, or the in-app body. Checked when saved, so a send never fails on it.
CREATE TABLE notification_templates (
  facility_id TEXT NOT NULL,
  type TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('in_app', 'email', 'sms', 'push')),
  locale TEXT NOT NULL,
  subject TEXT,
  body TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (facility_id, type, channel, locale)
);
