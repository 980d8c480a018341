-- Identity: the language a user reads their messages in (src/modules/identity/README.md). One
-- of the locales the notification templates ship ("en", "es"); checked when set.
ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';
