-- Account e-mails (src/modules/identity/README.md): a verified address, a new address waiting
-- for its link, and the single-use links of password resets and address verifications.

-- When the address was proven (a verification link, or a password reset sent to it); NULL: not
-- yet. Accounts made before this were never asked, and stay unverified.
ALTER TABLE users ADD COLUMN email_verified_at INTEGER;
-- A change of address asked for: it becomes `email` when a link sent to it is used.
ALTER TABLE users ADD COLUMN pending_email TEXT;

-- A link's token is never kept: only its SHA-256 (`token_hash`). `email` is the address the
-- link was sent to (a verification proves that address, and no other). `used_at`: spent.
CREATE TABLE account_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('password_reset', 'email_verification')),
  email TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
-- Spending a user's other links of one purpose (after a reset, or once an address is proven).
CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose);
