-- Whether a hold is a waitlist offer: only then does confirming it settle a waitlist entry, and
-- the confirmation of every other hold skips that statement.
ALTER TABLE holds ADD COLUMN offer INTEGER NOT NULL DEFAULT 0;
