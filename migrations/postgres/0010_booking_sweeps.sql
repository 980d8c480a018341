-- A booking's no-show check and its completion are found by the worker's sweep, not queued as two
-- jobs per booking: no_show_at is when an unchecked booking becomes a no-show (start + the
-- facility's grace when it was booked or moved; null for the types that are never no-shows).
-- Bookings from before this migration keep the jobs already queued for them.
ALTER TABLE bookings ADD COLUMN no_show_at BIGINT;
CREATE INDEX bookings_no_show_due ON bookings (no_show_at) WHERE status = 'confirmed' AND no_show_at IS NOT NULL;
CREATE INDEX bookings_end_due ON bookings (end_at) WHERE status IN ('confirmed', 'checked_in');
