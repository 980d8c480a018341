#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "platform/core/result.h"

namespace slotbase {

/// Everything `slotbase` can be told. Sources, later ones winning: built-in defaults, a JSON config
/// file (--config, SLOTBASE_CONFIG, or DATA_DIR/slotbase.json when present), SLOTBASE_* environment
/// variables (the key in upper case: SLOTBASE_DATABASE_URL), then command-line flags.
struct Config {
  std::string listen = "127.0.0.1:8080";
  std::string data_dir = "./var";
  std::string database_url;  // empty: sqlite:DATA_DIR/slotbase.db
  std::string redis_url;     // empty: in-process rate limits and fan-out
  bool demo = false;
  std::string rate_limit = "default";  // default | off
  std::string log_level = "info";
  int threads = 0;        // HTTP threads, which also answer reads; 0: two per core
  int write_threads = 0;  // threads for requests that change something; 0: four per core, at least 16
  int db_pool_size = 16;
  std::int64_t body_limit_bytes = 1 << 20;
  // Each of the availability caches (shared grids, rendered documents) keeps at most this much.
  std::int64_t availability_cache_bytes = 64 << 20;
  std::vector<std::string> cors_origins;
  int access_token_ttl_seconds = 900;
  int refresh_token_ttl_days = 30;
  int password_memory_kib = 19456;   // argon2id m (OWASP's minimum recommendation)
  int password_iterations = 2;       // argon2id t
  std::string web_dir;               // static front ends; empty: DATA_DIR/../web/dist if present
  std::string jwt_secret;            // empty: generated on first start and kept in DATA_DIR
  std::string payments = "sandbox";  // sandbox | stripe (docs/operations.md)
  std::string stripe_secret_key;
  std::string stripe_webhook_secret;
  std::string stripe_publishable_key;  // Stripe.js's key: the player app's card form
  std::string stripe_api_base = "https://api.stripe.com";
  std::string public_url;  // where people reach this server ("https://book.example.com"); empty: http://LISTEN
  std::string smtp_url;    // smtp://host:port or smtps://host:port; empty: e-mail goes to the local outbox
  std::string smtp_from = "SlotBase <no-reply@slotbase.localhost>";
  std::string vapid_subject;              // Web Push contact, mailto: or https:; empty: mailto: smtp_from's address
  bool push_allow_loopback_http = false;  // accept http://127.0.0.1 push endpoints (tests, a local push service)
  // E-mail through Resend's API when set (and no smtp_url: SMTP wins, docs/decisions.md).
  std::string resend_api_key;
  std::string resend_api_base = "https://api.resend.com";
  std::string resend_webhook_secret;  // whsec_...: checks POST /api/v1/webhooks/resend; empty: refused
  // Text messages through Twilio when all of sid, token and from are set; else the local outbox.
  std::string twilio_account_sid;
  std::string twilio_auth_token;
  std::string twilio_from;  // +E.164 number or a Messaging Service SID (MG...)
  std::string twilio_api_base = "https://api.twilio.com";
  int notification_hourly_cap = 10;  // non-critical messages per user, channel and hour; 0: no cap

  std::string effective_database_url() const;
  /// public_url without a trailing slash, or http://LISTEN: the base of links in messages.
  std::string public_base_url() const;
  std::string host() const;
  std::uint16_t port() const;
  int http_threads() const;
  int http_write_threads() const;
  /// The folder of the built web apps: web_dir, else web/dist beside the data folder or the
  /// working directory, if it has an index.html.
  std::optional<std::string> web_root() const;

  /// Sets one key from text, as named in the config file ("database_url"); unknown keys and bad
  /// values are errors naming the key.
  Result<void> set(const std::string& key, const std::string& value);
  Result<void> load_file(const std::string& path);
  Result<void> load_env();
  Result<void> validate() const;
  static const std::vector<std::string>& keys();
};

/// Reads DATA_DIR/secrets/NAME, creating it with `bytes` random bytes (base64url) and mode 0600
/// when it does not exist.
std::string load_or_create_secret(const std::string& data_dir, const std::string& name, std::size_t bytes);

}  // namespace slotbase
