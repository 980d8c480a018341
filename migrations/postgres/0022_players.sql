-- The players of a facility: the roster (facility_members, now active or inactive), invitations
-- by e-mail with a link (a random token kept as its SHA-256, seven days), and join requests.

-- 'suspended' was never written; the roster says 'inactive'.
ALTER TABLE facility_members DROP CONSTRAINT facility_members_status_check;
UPDATE facility_members SET status = 'inactive' WHERE status <> 'active';
ALTER TABLE facility_members ADD CONSTRAINT facility_members_status_check CHECK (status IN ('active', 'inactive'));
ALTER TABLE facility_members ADD COLUMN updated_at BIGINT;
UPDATE facility_members SET updated_at = created_at;

-- An invitation sent by link has a token (its hash), an expiry and may be revoked; those made
-- for an unknown address by the members route have neither and wait for the sign-up.
ALTER TABLE facility_invitations ADD COLUMN token_hash TEXT;
ALTER TABLE facility_invitations ADD COLUMN expires_at BIGINT;
ALTER TABLE facility_invitations ADD COLUMN revoked_at BIGINT;
ALTER TABLE facility_invitations ADD COLUMN accepted_by TEXT;
ALTER TABLE facility_invitations ADD COLUMN sent_at BIGINT;
CREATE UNIQUE INDEX facility_invitations_token ON facility_invitations (token_hash);
CREATE INDEX facility_invitations_facility ON facility_invitations (facility_id, kind, created_at);

-- At most one pending or rejected request per player and facility: a rejection is final.
CREATE TABLE facility_join_requests (
  id TEXT PRIMARY KEY,
  facility_id TEXT NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL,
  message TEXT,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  reason TEXT,
  decided_by TEXT,
  created_at BIGINT NOT NULL,
  decided_at BIGINT
);
CREATE UNIQUE INDEX facility_join_requests_open ON facility_join_requests (facility_id, user_id)
  WHERE status <> 'approved';
CREATE INDEX facility_join_requests_facility ON facility_join_requests (facility_id, status, created_at);
CREATE INDEX facility_join_requests_user ON facility_join_requests (user_id, created_at);

-- The membership policy is the one source of who may book; the old setting becomes its mirror.
UPDATE facilities SET policies = jsonb_set(policies, '{membership}', '"approval"')
WHERE settings -> 'allow_non_member_bookings' = 'false'::jsonb AND policies -> 'membership' IS NULL;
