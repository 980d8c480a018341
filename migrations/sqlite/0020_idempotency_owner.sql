-- The process a request with an Idempotency-Key runs in, while it runs: a key whose process has
-- died (a crash mid-request) is free again at once for a retry, and `slotbase check` reports the
-- requests a crash cut off.
ALTER TABLE idempotency_keys ADD COLUMN owner TEXT;
