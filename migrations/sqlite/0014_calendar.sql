-- The calendar module (src/modules/calendar/README.md). Times are seconds since the epoch, UTC.

-- A user's secret feed. The token itself is not kept: it is made again from `nonce` with the
-- server's feed key, and a request's token is found by its SHA-256 (`token_hash`).
CREATE TABLE calendar_feeds (
  user_id TEXT PRIMARY KEY,
  nonce TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  rotated_at BIGINT NOT NULL
);

-- Each booking as the booking events told it: the calendar module's own record, one VEVENT of
-- its user's feed. `sequence` rises with each change a calendar must take (RFC 5545 SEQUENCE).
CREATE TABLE calendar_entries (
  booking_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  facility_id TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  start_at BIGINT NOT NULL,
  end_at BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('tentative', 'confirmed', 'cancelled')),
  sequence INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- A feed: one user's entries that end after a point.
CREATE INDEX calendar_entries_user ON calendar_entries (user_id, end_at);
