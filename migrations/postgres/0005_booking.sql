-- Booking: a resource's time is claimed by holds, bookings and blocks in one table; on PostgreSQL the
-- exclusion constraint below makes overlapping live claims impossible.
CREATE TABLE resource_claims (
  id BIGSERIAL PRIMARY KEY,
  facility_id TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  start_at BIGINT NOT NULL,
  end_at BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('hold', 'booking', 'block')),
  owner_id TEXT NOT NULL,
  expires_at BIGINT,
  active BOOLEAN NOT NULL,
  CHECK (end_at > start_at)
);
CREATE INDEX resource_claims_resource ON resource_claims (resource_id, start_at) WHERE active;
CREATE INDEX resource_claims_facility ON resource_claims (facility_id, start_at) WHERE active;
CREATE INDEX resource_claims_owner ON resource_claims (owner_id);

CREATE TABLE holds (
  id TEXT PRIMARY KEY,
  facility_id TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  booked_by TEXT NOT NULL,
  type TEXT NOT NULL,
  start_at BIGINT NOT NULL,
  end_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'converted', 'released', 'expired')),
  price_amount BIGINT NOT NULL,
  currency TEXT NOT NULL,
  booking_id TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX holds_user ON holds (user_id, status);

CREATE TABLE bookings (
  id TEXT PRIMARY KEY,
  facility_id TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  created_by TEXT NOT NULL,
  type TEXT NOT NULL,
  start_at BIGINT NOT NULL,
  end_at BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'checked_in', 'completed', 'cancelled', 'no_show')),
  approval_status TEXT NOT NULL
    CHECK (approval_status IN ('not_required', 'pending', 'approved', 'auto_approved', 'rejected')),
  payment_status TEXT NOT NULL CHECK (payment_status IN ('pending', 'paid', 'partial', 'refunded', 'waived')),
  payment_method TEXT NOT NULL,
  price_amount BIGINT NOT NULL,
  currency TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  cancel_reason TEXT,
  cancelled_by TEXT,
  refund_amount BIGINT,
  cancelled_at BIGINT,
  checked_in_at BIGINT,
  no_show_fee BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX bookings_facility_start ON bookings (facility_id, start_at);
CREATE INDEX bookings_user_start ON bookings (user_id, start_at);

CREATE TABLE blocks (
  id TEXT PRIMARY KEY,
  facility_id TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  start_at BIGINT NOT NULL,
  end_at BIGINT NOT NULL,
  reason TEXT NOT NULL,
  created_by TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'removed')),
  created_at BIGINT NOT NULL
);
CREATE INDEX blocks_resource_start ON blocks (resource_id, start_at);

-- Touching ranges ([10:00, 11:00) and [11:00, 12:00)) do not overlap: int8range is half-open.
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE resource_claims ADD CONSTRAINT resource_claims_no_overlap
  EXCLUDE USING gist (resource_id WITH =, int8range(start_at, end_at) WITH &&) WHERE (active);

-- Waitlist: first come, first offered. An offer is a hold with the claim deadline as its expiry.
CREATE TABLE waitlist_entries (
  id TEXT PRIMARY KEY,
  facility_id TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  start_at BIGINT NOT NULL,
  end_at BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('waiting', 'notified', 'booked', 'expired', 'cancelled')),
  hold_id TEXT,
  claim_deadline BIGINT,
  created_at BIGINT NOT NULL,
  position BIGSERIAL  -- first come, first offered, even within one second
);
CREATE INDEX waitlist_resource ON waitlist_entries (resource_id, status, start_at);
CREATE INDEX waitlist_user ON waitlist_entries (user_id, status);
CREATE INDEX waitlist_hold ON waitlist_entries (hold_id);
