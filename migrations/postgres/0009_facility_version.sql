-- A facility's configuration version: every change to its row or its hours and holidays adds
-- one. The booking paths read it beside the resource or the hold, and take the facility and its
-- hours from memory while it has not moved.
ALTER TABLE facilities ADD COLUMN config_version BIGINT NOT NULL DEFAULT 0;
