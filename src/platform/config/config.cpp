#include "platform/config/config.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "platform/core/ids.h"

namespace slotbase {
namespace {

Result<int> to_int(const std::string& key, const std::string& v, int min, int max) {
  try {
    std::size_t pos = 0;
    long long n = std::stoll(v, &pos);
    if (pos != v.size() || n < min || n > max) throw std::out_of_range(v);
    return static_cast<int>(n);
  } catch (const std::exception&) {
    return Error::invalid(key, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  }
}

Result<bool> to_bool(const std::string& key, const std::string& v) {
  if (v == "1" || v == "true" || v == "yes" || v == "on") return true;
  if (v == "0" || v == "false" || v == "no" || v == "off" || v.empty()) return false;
  return Error::invalid(key, "must be true or false");
}

}  // namespace

const std::vector<std::string>& Config::keys() {
  static const std::vector<std::string> k = {"listen",
                                             "data_dir",
                                             "database_url",
                                             "redis_url",
                                             "demo",
                                             "rate_limit",
                                             "log_level",
                                             "threads",
                                             "write_threads",
                                             "db_pool_size",
                                             "body_limit_bytes",
                                             "availability_cache_bytes",
                                             "cors_origins",
                                             "access_token_ttl_seconds",
                                             "refresh_token_ttl_days",
                                             "password_memory_kib",
                                             "password_iterations",
                                             "web_dir",
                                             "jwt_secret",
                                             "payments",
                                             "stripe_secret_key",
                                             "stripe_webhook_secret",
                                             "stripe_publishable_key",
                                             "stripe_api_base",
                                             "public_url",
                                             "smtp_url",
                                             "smtp_from",
                                             "vapid_subject",
                                             "push_allow_loopback_http",
                                             "resend_api_key",
                                             "resend_api_base",
                                             "resend_webhook_secret",
                                             "twilio_account_sid",
                                             "twilio_auth_token",
                                             "twilio_from",
                                             "twilio_api_base",
                                             "notification_hourly_cap"};
  return k;
}

Result<void> Config::set(const std::string& key, const std::string& v) {
  if (key == "listen")
    listen = v;
  else if (key == "data_dir")
    data_dir = v;
  else if (key == "database_url")
    database_url = v;
  else if (key == "redis_url")
    redis_url = v;
  else if (key == "demo") {
    SB_ASSIGN_OR_RETURN(demo, to_bool(key, v));
  } else if (key == "rate_limit") {
    if (v != "default" && v != "off") return Error::invalid(key, "must be 'default' or 'off'");
    rate_limit = v;
  } else if (key == "log_level") {
    static const char* levels[] = {"trace", "debug", "info", "warn", "error", "off"};
    if (std::none_of(std::begin(levels), std::end(levels), [&](const char* l) { return v == l; }))
      return Error::invalid(key, "must be one of trace, debug, info, warn, error, off");
    log_level = v;
  } else if (key == "threads") {
    SB_ASSIGN_OR_RETURN(threads, to_int(key, v, 0, 256));
  } else if (key == "write_threads") {
    SB_ASSIGN_OR_RETURN(write_threads, to_int(key, v, 0, 256));
  } else if (key == "db_pool_size") {
    SB_ASSIGN_OR_RETURN(db_pool_size, to_int(key, v, 1, 512));
  } else if (key == "availability_cache_bytes") {
    SB_ASSIGN_OR_RETURN(availability_cache_bytes, to_int(key, v, 1 << 20, 1 << 30));
  } else if (key == "body_limit_bytes") {
    SB_ASSIGN_OR_RETURN(body_limit_bytes, to_int(key, v, 1024, 64 << 20));
  } else if (key == "cors_origins") {
    cors_origins.clear();
    std::stringstream ss(v);
    for (std::string o; std::getline(ss, o, ',');) {
      o.erase(0, o.find_first_not_of(' '));
      o.erase(o.find_last_not_of(' ') + 1);
      if (!o.empty()) cors_origins.push_back(o);
    }
  } else if (key == "access_token_ttl_seconds") {
    SB_ASSIGN_OR_RETURN(access_token_ttl_seconds, to_int(key, v, 30, 86400));
  } else if (key == "refresh_token_ttl_days") {
    SB_ASSIGN_OR_RETURN(refresh_token_ttl_days, to_int(key, v, 1, 365));
  } else if (key == "password_memory_kib") {
    SB_ASSIGN_OR_RETURN(password_memory_kib, to_int(key, v, 8, 1 << 21));
  } else if (key == "password_iterations") {
    SB_ASSIGN_OR_RETURN(password_iterations, to_int(key, v, 1, 100));
  } else if (key == "web_dir")
    web_dir = v;
  else if (key == "jwt_secret") {
    if (!v.empty() && v.size() < 32) return Error::invalid(key, "must be at least 32 characters");
    jwt_secret = v;
  } else if (key == "payments") {
    if (v != "sandbox" && v != "stripe") return Error::invalid(key, "must be 'sandbox' or 'stripe'");
    payments = v;
  } else if (key == "stripe_secret_key")
    stripe_secret_key = v;
  else if (key == "stripe_webhook_secret")
    stripe_webhook_secret = v;
  else if (key == "stripe_publishable_key") {
    if (!v.empty() && v.rfind("pk_", 0) != 0) return Error::invalid(key, "must be a Stripe publishable key (pk_...)");
    stripe_publishable_key = v;
  } else if (key == "stripe_api_base")
    stripe_api_base = v;
  else if (key == "public_url") {
    if (!v.empty() && v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0)
      return Error::invalid(key, "must be an http:// or https:// URL");
    public_url = v;
  } else if (key == "smtp_url") {
    if (!v.empty() && v.rfind("smtp://", 0) != 0 && v.rfind("smtps://", 0) != 0)
      return Error::invalid(key, "must be smtp://HOST[:PORT] or smtps://HOST[:PORT]");
    smtp_url = v;
  } else if (key == "smtp_from") {
    const auto at = v.find('@');
    if (at == std::string::npos || v.find_first_of("\r\n") != std::string::npos)
      return Error::invalid(key, "must be an address, or a name and an address: SlotBase <no-reply@example.com>");
    smtp_from = v;
  } else if (key == "vapid_subject") {
    if (!v.empty() &&
        ((v.rfind("mailto:", 0) != 0 && v.rfind("https://", 0) != 0) || v.find_first_of(" \r\n") != std::string::npos))
      return Error::invalid(key, "must be a mailto: or https: URI (RFC 8292): mailto:ops@example.com");
    vapid_subject = v;
  } else if (key == "push_allow_loopback_http") {
    SB_ASSIGN_OR_RETURN(push_allow_loopback_http, to_bool(key, v));
  } else if (key == "resend_api_key")
    resend_api_key = v;
  else if (key == "resend_api_base") {
    if (v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0)
      return Error::invalid(key, "must be an http:// or https:// URL");
    resend_api_base = v;
  } else if (key == "resend_webhook_secret") {
    if (!v.empty() && v.rfind("whsec_", 0) != 0)
      return Error::invalid(key, "must be Resend's signing secret, whsec_...");
    resend_webhook_secret = v;
  } else if (key == "twilio_account_sid")
    twilio_account_sid = v;
  else if (key == "twilio_auth_token")
    twilio_auth_token = v;
  else if (key == "twilio_from") {
    if (!v.empty() && v[0] != '+' && v.rfind("MG", 0) != 0)
      return Error::invalid(key, "must be a number in E.164 (+15005550006) or a Messaging Service SID (MG...)");
    twilio_from = v;
  } else if (key == "twilio_api_base") {
    if (v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0)
      return Error::invalid(key, "must be an http:// or https:// URL");
    twilio_api_base = v;
  } else if (key == "notification_hourly_cap") {
    SB_ASSIGN_OR_RETURN(notification_hourly_cap, to_int(key, v, 0, 10000));
  } else
    return Error::invalid(key, "is not a configuration key");
  return Ok{};
}

Result<void> Config::load_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error::invalid("config", "cannot read " + path);
  auto doc = nlohmann::json::parse(in, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return Error::invalid("config", path + " is not a JSON object");
  for (const auto& [key, value] : doc.items()) {
    std::string text;
    if (value.is_string())
      text = value.get<std::string>();
    else if (value.is_array()) {
      for (const auto& item : value)
        text += (text.empty() ? "" : ",") + (item.is_string() ? item.get<std::string>() : item.dump());
    } else
      text = value.dump();
    SB_TRY(set(key, text));
  }
  return Ok{};
}

Result<void> Config::load_env() {
  for (const auto& key : keys()) {
    std::string name = "SLOTBASE_" + key;
    std::transform(name.begin(), name.end(), name.begin(), ::toupper);
    if (const char* v = std::getenv(name.c_str())) SB_TRY(set(key, v));
  }
  return Ok{};
}

Result<void> Config::validate() const {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return Error::invalid("listen", "must be HOST:PORT");
  SB_TRY(to_int("listen", listen.substr(colon + 1), 0, 65535));
  auto url = effective_database_url();
  if (url.rfind("sqlite:", 0) != 0 && url.rfind("postgresql://", 0) != 0 && url.rfind("postgres://", 0) != 0)
    return Error::invalid("database_url", "must be sqlite:PATH or postgresql://...");
  if (!redis_url.empty() && redis_url.rfind("redis://", 0) != 0)
    return Error::invalid("redis_url", "must be redis://HOST:PORT");
  // Texts need all three of Twilio's settings, or none (the local outbox).
  const bool any_twilio = !twilio_account_sid.empty() || !twilio_auth_token.empty() || !twilio_from.empty();
  if (any_twilio && twilio_account_sid.empty()) return Error::invalid("twilio_account_sid", "is required with Twilio");
  if (any_twilio && twilio_auth_token.empty()) return Error::invalid("twilio_auth_token", "is required with Twilio");
  if (any_twilio && twilio_from.empty()) return Error::invalid("twilio_from", "is required with Twilio");
  return Ok{};
}

std::string Config::effective_database_url() const {
  if (!database_url.empty()) return database_url;
  return "sqlite:" + (std::filesystem::path(data_dir) / "slotbase.db").string();
}

std::string Config::public_base_url() const {
  std::string base = public_url.empty() ? "http://" + listen : public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

std::string Config::host() const {
  return listen.substr(0, listen.rfind(':'));
}

std::uint16_t Config::port() const {
  return static_cast<std::uint16_t>(std::stoi(listen.substr(listen.rfind(':') + 1)));
}

int Config::http_threads() const {
  if (threads > 0) return threads;
  // Few threads take turns on the cores in few time slices, which keeps the slowest answers
  // close to the typical ones; two per core leave one running while the other waits on a
  // PostgreSQL read.
  return std::max(2, static_cast<int>(std::thread::hardware_concurrency()) * 2);
}

int Config::http_write_threads() const {
  if (write_threads > 0) return write_threads;
  // Writes wait on the database, and SQLite commits the writes of all waiting threads together:
  // more threads than cores keep the cores busy and the commits full.
  return std::max(16, static_cast<int>(std::thread::hardware_concurrency()) * 4);
}

std::optional<std::string> Config::web_root() const {
  namespace fs = std::filesystem;
  std::vector<fs::path> candidates;
  if (!web_dir.empty())
    candidates.push_back(web_dir);
  else {
    candidates.push_back(fs::path(data_dir) / ".." / "web" / "dist");
    candidates.push_back(fs::path("web") / "dist");
  }
  std::error_code ec;
  for (const auto& c : candidates)
    if (fs::is_regular_file(c / "index.html", ec)) return fs::weakly_canonical(c, ec).string();
  return std::nullopt;
}

std::string load_or_create_secret(const std::string& data_dir, const std::string& name, std::size_t bytes) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(data_dir) / "secrets";
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
  fs::path file = dir / name;
  if (fs::exists(file)) {
    std::ifstream in(file);
    std::string secret;
    std::getline(in, secret);
    if (secret.size() >= 32) return secret;
  }
  std::string secret = random_token(bytes);
  fs::path tmp = file;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << secret << "\n";
  }
  ::chmod(tmp.c_str(), 0600);
  fs::rename(tmp, file);
  return secret;
}

}  // namespace slotbase
