-- The platform's fee on a facility's card payments, set by a platform administrator (facility
-- plans, when they come, set it per plan). A facility without a row pays no fee. It lived on the
-- provider account, which does not exist until the facility connects: it moves here.
CREATE TABLE platform_fees (
  facility_id TEXT PRIMARY KEY,
  basis_points BIGINT NOT NULL CHECK (basis_points BETWEEN 0 AND 10000),
  updated_by TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

INSERT INTO platform_fees (facility_id, basis_points, updated_by, updated_at)
SELECT facility_id, fee_basis_points, 'migration', updated_at FROM payment_accounts WHERE fee_basis_points > 0;

ALTER TABLE payment_accounts DROP COLUMN fee_basis_points;
