-- Lapsed holds are found by one sweep of the background worker instead of a job per hold.
CREATE INDEX holds_lapsing ON holds (expires_at) WHERE status = 'active';
