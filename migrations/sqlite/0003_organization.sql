-- Organization: organizations, facilities with settings and policies, hours, holidays,
-- memberships and pending invitations (by email, applied when the person signs up).
CREATE TABLE organizations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE facilities (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES organizations (id),
  name TEXT NOT NULL,
  slug TEXT NOT NULL UNIQUE,
  timezone TEXT NOT NULL,
  currency TEXT NOT NULL,
  address TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'pending_setup', 'suspended')),
  is_public INTEGER NOT NULL DEFAULT 1,
  settings TEXT NOT NULL,
  policies TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX facilities_org ON facilities (organization_id);
CREATE INDEX facilities_public ON facilities (is_public, status, id);

CREATE TABLE facility_hours (
  facility_id TEXT NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  open_minute INTEGER NOT NULL,
  close_minute INTEGER NOT NULL,
  PRIMARY KEY (facility_id, weekday)
);

CREATE TABLE facility_holidays (
  facility_id TEXT NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  name TEXT NOT NULL,
  closed INTEGER NOT NULL,
  open_minute INTEGER,
  close_minute INTEGER,
  PRIMARY KEY (facility_id, date)
);

CREATE TABLE facility_members (
  facility_id TEXT NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (facility_id, user_id)
);
CREATE INDEX facility_members_user ON facility_members (user_id);

CREATE TABLE facility_invitations (
  id TEXT PRIMARY KEY,
  facility_id TEXT NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('staff', 'member')),
  role TEXT NOT NULL,
  invited_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  accepted_at INTEGER,
  UNIQUE (facility_id, email, kind, role)
);
CREATE INDEX facility_invitations_email ON facility_invitations (email);
