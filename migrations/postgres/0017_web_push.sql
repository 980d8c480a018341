-- Web Push (src/modules/notification/README.md): the devices a user turned push notifications on
-- for. Times are seconds since the epoch, UTC.

-- One browser's push subscription (RFC 8030 push resource, RFC 8291 keys, as base64url). The
-- endpoint is the device: one row each, owned by whoever opted in on it last. A push service's
-- 404 or 410 deletes the row.
CREATE TABLE push_subscriptions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  endpoint TEXT NOT NULL UNIQUE,
  p256dh TEXT NOT NULL,
  auth TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  last_success_at BIGINT,
  failure_count INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);
-- A user's devices, when a message is made.
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id, id);
