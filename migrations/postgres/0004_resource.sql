-- Resource: courts, lanes and fields, each with its pricing document.
CREATE TABLE resources (
  id TEXT PRIMARY KEY,
  facility_id TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  indoor BOOLEAN NOT NULL DEFAULT FALSE,
  surface TEXT NOT NULL DEFAULT '',
  lighting BOOLEAN NOT NULL DEFAULT FALSE,
  color TEXT NOT NULL DEFAULT '',
  display_order INTEGER NOT NULL DEFAULT 0,
  capacity INTEGER,
  status TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
  pricing JSONB,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX resources_facility ON resources (facility_id, display_order);
