#include "web_push.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "delivery.h"
#include "notification_repository.h"
#include "platform/core/encoding.h"

namespace slotbase::notification {

namespace {

void init_curl_once() {
  // curl_global_init is not thread-safe on every libcurl build; a function-local static runs it once.
  [[maybe_unused]] static const CURLcode initialised = curl_global_init(CURL_GLOBAL_DEFAULT);
}

std::size_t keep_some(char* data, std::size_t size, std::size_t count, void* user) {
  auto& out = *static_cast<std::string*>(user);
  const std::size_t n = size * count;
  // Enough of a refusal's body to say why; nobody needs more of it.
  if (out.size() < 300) out.append(data, std::min(n, 300 - out.size()));
  return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& outcome = *static_cast<PushOutcome*>(user);
  std::string line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    if (name == "retry-after") {
      try {
        const long seconds = std::stol(line.substr(colon + 1));
        if (seconds > 0) outcome.retry_after = std::chrono::seconds(std::min(seconds, 86400L));
      } catch (const std::exception&) {
        // An HTTP date: the module's own backoff will do.
      }
    }
  }
  return size * count;
}

/// Whether an address is this machine's or a private network's: a push endpoint is chosen by a
/// browser's user, and the server must not be made to post into its own network.
bool is_internal(const sockaddr* sa) {
  if (sa->sa_family == AF_INET) {
    const auto a = ntohl(reinterpret_cast<const sockaddr_in*>(sa)->sin_addr.s_addr);
    const auto in = [a](std::uint32_t net, int bits) { return (a >> (32 - bits)) == (net >> (32 - bits)); };
    return in(0x00000000, 8) || in(0x0A000000, 8) || in(0x7F000000, 8) || in(0xA9FE0000, 16) || in(0xAC100000, 12) ||
           in(0xC0A80000, 16) || in(0x64400000, 10);
  }
  if (sa->sa_family == AF_INET6) {
    const auto& a = reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr;
    if (IN6_IS_ADDR_LOOPBACK(&a) || IN6_IS_ADDR_UNSPECIFIED(&a) || IN6_IS_ADDR_LINKLOCAL(&a) ||
        (a.s6_addr[0] & 0xFE) == 0xFC)
      return true;
    if (IN6_IS_ADDR_V4MAPPED(&a)) {
      sockaddr_in v4{};
      v4.sin_family = AF_INET;
      std::memcpy(&v4.sin_addr, a.s6_addr + 12, 4);
      return is_internal(reinterpret_cast<const sockaddr*>(&v4));
    }
    return false;
  }
  return true;
}

/// Opens sockets to public addresses only; `refused` (the callback's data) says it refused one.
curl_socket_t open_public_socket(void* refused, curlsocktype, curl_sockaddr* address) {
  if (is_internal(&address->addr)) {
    *static_cast<bool*>(refused) = true;
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype, address->protocol);
}

}  // namespace

Vapid load_or_create_vapid(const std::string& data_dir, std::string subject) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(data_dir) / "secrets";
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
  const fs::path file = dir / "vapid.key";
  std::optional<rules::P256Key> key;
  if (fs::exists(file)) {
    std::ifstream in(file);
    std::string text;
    std::getline(in, text);
    auto scalar = base64url_decode(text);
    if (scalar) key = rules::P256Key::from_private(*scalar);
    // Browsers hold subscriptions made for this key: another would cut every device off.
    if (!key) throw std::runtime_error(file.string() + " does not hold a P-256 private key");
  } else {
    key = rules::P256Key::generate();
    fs::path tmp = file;
    tmp += ".tmp";
    {
      std::ofstream out(tmp, std::ios::trunc);
      out << base64url_encode(key->private_scalar()) << "\n";
    }
    ::chmod(tmp.c_str(), 0600);
    fs::rename(tmp, file);
  }
  std::string public_key = base64url_encode(key->public_point());
  return Vapid{std::move(*key), std::move(public_key), std::move(subject)};
}

WebPushClient::WebPushClient(bool allow_loopback_http) : allow_loopback_http_(allow_loopback_http) {
  init_curl_once();
}

PushOutcome WebPushClient::post(const PushRequest& r) const {
  PushOutcome outcome;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return {rules::PushVerdict::retry, 0, "could not start libcurl", std::nullopt};
  curl_slist* list = nullptr;
  for (const std::string& line :
       {std::string("Content-Type: application/octet-stream"), std::string("Content-Encoding: aes128gcm"),
        "TTL: " + std::to_string(r.ttl.count()), "Urgency: " + r.urgency, "Authorization: " + r.authorization})
    list = curl_slist_append(list, line.c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(list, curl_slist_free_all);
  std::string reply;
  char error[CURL_ERROR_SIZE] = {0};
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, r.endpoint.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, allow_loopback_http_ ? "https,http" : "https");
  bool refused_address = false;
  if (!allow_loopback_http_) {
    curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_public_socket);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, &refused_address);
  }
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(r.body.size()));
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, r.body.data());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_USERAGENT, "SlotBase");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, keep_some);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &reply);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &outcome);
  const CURLcode code = curl_easy_perform(h);
  if (code != CURLE_OK && refused_address) {
    // A name that leads into this server's own network is not a push service; it will not
    // become one on a second try.
    outcome.verdict = rules::PushVerdict::failed;
    outcome.error = "not sent: the push endpoint's host is a local or private address";
    return outcome;
  }
  if (code != CURLE_OK) {
    outcome.verdict = code == CURLE_URL_MALFORMAT || code == CURLE_UNSUPPORTED_PROTOCOL ? rules::PushVerdict::failed
                                                                                        : rules::PushVerdict::retry;
    outcome.error =
        "the push service could not be reached: " + std::string(error[0] ? error : curl_easy_strerror(code));
    return outcome;
  }
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &outcome.status);
  outcome.verdict = rules::verdict_of(outcome.status);
  if (outcome.verdict != rules::PushVerdict::delivered) {
    for (char& c : reply)
      if (c == '\r' || c == '\n') c = ' ';
    outcome.error = "push service " + std::to_string(outcome.status) + (reply.empty() ? "" : ": " + reply);
  }
  return outcome;
}

void PushDelivery::send(const events::Job& job) const {
  const NotificationId id{job.payload.at("notification_id").get<std::string>()};
  auto n = db_.read([&](db::Connection& c) { return NotificationRepository::find(c, id); });
  // Sent, failed or gone: a second run of the job (a worker that stalled) sends nothing more.
  if (!n || n->status != DeliveryStatus::queued || n->channel != Channel::push) return;
  const auto subscription = subscriptions_.find(n->recipient);
  const auto keys = subscription ? rules::decode_keys(subscription->p256dh, subscription->auth) : std::nullopt;
  if (!subscription || !keys) {
    db_.transact([&](db::Connection& tx) {
      NotificationRepository::record_attempt(tx, n->id, DeliveryStatus::failed,
                                             "the device turned push notifications off", std::nullopt, clock_.now());
    });
    return;
  }

  // What the service worker shows: the template's words, where a tap leads, and a tag that
  // makes a newer message about the same thing replace the older one.
  const nlohmann::json payload = {{"title", n->title},
                                  {"body", n->body},
                                  {"url", n->data.value("url", "/")},
                                  {"tag", n->data.value("tag", n->id.str())},
                                  {"type", n->type},
                                  {"notification_id", n->id.str()}};
  const Instant now = clock_.now();
  PushRequest request;
  request.endpoint = subscription->endpoint;
  request.body = rules::encrypt(payload.dump(), keys->p256dh, keys->auth);
  request.authorization = rules::vapid_authorization(
      vapid_.key, {rules::origin_of(subscription->endpoint), epoch_seconds(now + kVapidLifetime), vapid_.subject});
  request.ttl = kPushTtl;
  request.urgency = n->critical ? "high" : "normal";
  const PushOutcome outcome = client_.post(request);
  const Instant after = clock_.now();

  const int attempt = n->attempts + 1;
  db_.transact([&](db::Connection& tx) {
    switch (outcome.verdict) {
      case rules::PushVerdict::delivered:
        NotificationRepository::record_attempt(tx, n->id, DeliveryStatus::sent, std::nullopt, after, after);
        PushSubscriptions::record_success(tx, subscription->id, after);
        return;
      case rules::PushVerdict::gone:
        // RFC 8030 8.3: the subscription expired or the user revoked it; it will not come back.
        NotificationRepository::record_attempt(tx, n->id, DeliveryStatus::failed, outcome.error, std::nullopt, after);
        PushSubscriptions::remove(tx, subscription->id);
        return;
      case rules::PushVerdict::failed:
        NotificationRepository::record_attempt(tx, n->id, DeliveryStatus::failed, outcome.error, std::nullopt, after);
        PushSubscriptions::record_failure(tx, subscription->id, outcome.error, after);
        return;
      case rules::PushVerdict::retry: {
        const bool last = attempt >= kPushAttempts;
        NotificationRepository::record_attempt(tx, n->id, last ? DeliveryStatus::failed : DeliveryStatus::queued,
                                               outcome.error, std::nullopt, after);
        PushSubscriptions::record_failure(tx, subscription->id, outcome.error, after);
        if (last) return;
        const auto delay = std::max(retry_delay(attempt), outcome.retry_after.value_or(std::chrono::seconds(0)));
        jobs_.enqueue(tx, kSendPushJob, {{"notification_id", n->id.str()}}, after + delay,
                      std::string(kSendPushJob) + ":" + n->id.str() + ":" + std::to_string(attempt + 1), kPushAttempts);
        return;
      }
    }
  });
}

}  // namespace slotbase::notification
