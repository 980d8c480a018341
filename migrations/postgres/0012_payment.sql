-- The payment module (src/modules/payment/README.md). Amounts are minor units of `currency`;
-- times are seconds since the epoch, UTC.

-- A facility's account at the payment provider (Connect) and the platform's fee on its payments.
CREATE TABLE payment_accounts (
  facility_id TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  account_id TEXT NOT NULL UNIQUE,
  charges_enabled BOOLEAN NOT NULL DEFAULT FALSE,
  payouts_enabled BOOLEAN NOT NULL DEFAULT FALSE,
  details_submitted BOOLEAN NOT NULL DEFAULT FALSE,
  fee_basis_points BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- A player's customer at the provider, on which cards are saved.
CREATE TABLE payment_customers (
  user_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  PRIMARY KEY (user_id, provider)
);

-- What a player is asked to pay online, for a hold (or a fee), and how far it got.
CREATE TABLE payment_intents (
  id TEXT PRIMARY KEY,
  facility_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  target_kind TEXT NOT NULL CHECK (target_kind IN ('hold', 'booking', 'fee')),
  target_id TEXT NOT NULL,
  booking_id TEXT,
  amount BIGINT NOT NULL CHECK (amount > 0),
  currency TEXT NOT NULL,
  credit_amount BIGINT NOT NULL DEFAULT 0,
  platform_fee BIGINT NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('requires_payment_method', 'requires_action', 'processing', 'succeeded',
                                         'failed', 'canceled')),
  provider TEXT NOT NULL,
  provider_intent_id TEXT,
  client_secret TEXT,
  next_action_url TEXT,
  error_code TEXT,
  decline_code TEXT,
  error_message TEXT,
  outcome TEXT NOT NULL DEFAULT 'open' CHECK (outcome IN ('open', 'settled', 'refunded', 'abandoned')),
  expires_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX payment_intents_provider ON payment_intents (provider, provider_intent_id);
-- One intent in progress for a target and an amount: five clicks on "pay" make one, and a card
-- tried after a declined one pays the same intent.
CREATE UNIQUE INDEX payment_intents_open ON payment_intents (target_kind, target_id, amount)
  WHERE status IN ('requires_payment_method', 'requires_action', 'processing', 'failed');
CREATE INDEX payment_intents_user ON payment_intents (user_id, created_at);
CREATE INDEX payment_intents_unsettled ON payment_intents (outcome, expires_at);

-- Money received: by card (one per succeeded intent), at the desk, or from account credit.
CREATE TABLE payments (
  id TEXT PRIMARY KEY,
  facility_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  booking_id TEXT,
  fee_id TEXT,
  intent_id TEXT UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('card', 'offline', 'credit')),
  method TEXT NOT NULL,
  amount BIGINT NOT NULL CHECK (amount > 0),
  currency TEXT NOT NULL,
  refunded BIGINT NOT NULL DEFAULT 0 CHECK (refunded >= 0 AND refunded <= amount),
  status TEXT NOT NULL CHECK (status IN ('succeeded', 'recorded', 'verified', 'disputed', 'void')),
  reference TEXT,
  note TEXT,
  platform_fee BIGINT NOT NULL DEFAULT 0,
  recorded_by TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX payments_booking ON payments (booking_id);
CREATE INDEX payments_user ON payments (user_id, created_at);
CREATE INDEX payments_facility ON payments (facility_id, created_at);

-- Money given back from a payment: to the card, to account credit, or as cash at the desk.
CREATE TABLE refunds (
  id TEXT PRIMARY KEY,
  payment_id TEXT NOT NULL,
  facility_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  booking_id TEXT,
  amount BIGINT NOT NULL CHECK (amount > 0),
  currency TEXT NOT NULL,
  destination TEXT NOT NULL CHECK (destination IN ('original', 'credit')),
  status TEXT NOT NULL CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
  source TEXT NOT NULL CHECK (source IN ('staff', 'policy', 'late_payment', 'provider')),
  reason TEXT NOT NULL,
  provider_refund_id TEXT UNIQUE,
  failure_reason TEXT,
  retried_as TEXT,  -- a failed refund tried again: the refund that took its place
  created_by TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX refunds_payment ON refunds (payment_id);
CREATE INDEX refunds_user ON refunds (user_id, created_at);

-- What a player owes for a no-show or a late cancellation.
CREATE TABLE fees (
  id TEXT PRIMARY KEY,
  facility_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  booking_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('no_show', 'late_cancel')),
  amount BIGINT NOT NULL CHECK (amount > 0),
  currency TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'waived')),
  waive_reason TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (booking_id, kind)
);
CREATE INDEX fees_user ON fees (user_id, created_at);

-- Every movement of money, signed: what a booking received (account 'booking'), a player's
-- credit at a facility ('credit') and what was paid on fees ('fee'). Balances are its sums.
CREATE TABLE ledger_entries (
  id TEXT PRIMARY KEY,
  facility_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  account TEXT NOT NULL CHECK (account IN ('booking', 'credit', 'fee')),
  booking_id TEXT,
  fee_id TEXT,
  kind TEXT NOT NULL,
  amount BIGINT NOT NULL,
  currency TEXT NOT NULL,
  payment_id TEXT,
  refund_id TEXT,
  reason TEXT,
  created_by TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX ledger_booking ON ledger_entries (booking_id);
CREATE INDEX ledger_credit ON ledger_entries (facility_id, user_id, account);

-- Provider events handled, so a redelivery changes nothing.
CREATE TABLE webhook_events (
  provider TEXT NOT NULL,
  event_id TEXT NOT NULL,
  type TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  PRIMARY KEY (provider, event_id)
);

-- The sandbox provider's own books (it behaves like Stripe's test mode). Card numbers are never
-- kept: a payment method keeps its brand, last four digits and the outcome its test number has.
CREATE TABLE sandbox_payment_methods (
  id TEXT PRIMARY KEY,
  brand TEXT NOT NULL,
  last4 TEXT NOT NULL,
  exp_month BIGINT NOT NULL,
  exp_year BIGINT NOT NULL,
  outcome TEXT NOT NULL,
  customer_id TEXT,
  created_at BIGINT NOT NULL
);
CREATE TABLE sandbox_customers (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  idempotency_key TEXT UNIQUE,
  created_at BIGINT NOT NULL
);
CREATE TABLE sandbox_intents (
  id TEXT PRIMARY KEY,
  amount BIGINT NOT NULL,
  currency TEXT NOT NULL,
  status TEXT NOT NULL,
  payment_method TEXT,
  customer_id TEXT,
  destination TEXT,
  application_fee BIGINT NOT NULL DEFAULT 0,
  client_secret TEXT NOT NULL,
  latest_charge TEXT,
  error_code TEXT,
  decline_code TEXT,
  error_message TEXT,
  metadata TEXT NOT NULL,
  amount_refunded BIGINT NOT NULL DEFAULT 0,
  return_url TEXT,
  idempotency_key TEXT UNIQUE,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE sandbox_refunds (
  id TEXT PRIMARY KEY,
  payment_intent TEXT NOT NULL,
  amount BIGINT NOT NULL,
  currency TEXT NOT NULL,
  status TEXT NOT NULL,
  idempotency_key TEXT UNIQUE,
  created_at BIGINT NOT NULL
);
CREATE TABLE sandbox_accounts (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  charges_enabled BOOLEAN NOT NULL DEFAULT FALSE,
  payouts_enabled BOOLEAN NOT NULL DEFAULT FALSE,
  details_submitted BOOLEAN NOT NULL DEFAULT FALSE,
  idempotency_key TEXT UNIQUE,
  created_at BIGINT NOT NULL
);
