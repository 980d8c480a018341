-- Recurring series: a rule in the facility's local time, materialised as bookings (or blocks) up
-- to a horizon that a job moves forward. An occurrence that could not be had is kept as a conflict.
CREATE TABLE recurring_series (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('booking', 'block')),
  facility_id TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  created_by TEXT NOT NULL,
  type TEXT NOT NULL,
  rrule TEXT NOT NULL,
  first_date TEXT NOT NULL,
  start_minute INTEGER NOT NULL,
  duration_minutes INTEGER NOT NULL,
  until_date TEXT,
  note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('active', 'ended', 'cancelled')),
  materialized_through TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX recurring_series_facility ON recurring_series (facility_id, status);

CREATE TABLE recurring_conflicts (
  series_id TEXT NOT NULL,
  occurrence_date TEXT NOT NULL,
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL,
  rule TEXT NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (series_id, occurrence_date)
);

-- An occurrence remembers its series and the local date the rule gave it, even once moved alone.
ALTER TABLE bookings ADD COLUMN series_id TEXT;
ALTER TABLE bookings ADD COLUMN series_date TEXT;
CREATE INDEX bookings_series ON bookings (series_id, series_date) WHERE series_id IS NOT NULL;
ALTER TABLE blocks ADD COLUMN series_id TEXT;
ALTER TABLE blocks ADD COLUMN series_date TEXT;
CREATE INDEX blocks_series ON blocks (series_id, series_date) WHERE series_id IS NOT NULL;
