#include "http_post.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace slotbase::notification {
namespace {

constexpr std::size_t kMaxBody = 1 << 20;

void init_curl_once() {
  // curl_global_init is not thread-safe on every libcurl build; a function-local static runs it once.
  [[maybe_unused]] static const CURLcode initialised = curl_global_init(CURL_GLOBAL_DEFAULT);
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& body = *static_cast<std::string*>(user);
  if (body.size() + size * count > kMaxBody) return 0;
  body.append(data, size * count);
  return size * count;
}

}  // namespace

HttpReply http_post(const std::string& url, const std::vector<std::string>& headers, const std::string& body,
                    std::chrono::milliseconds timeout) {
  init_curl_once();
  HttpReply reply;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> list(nullptr, curl_slist_free_all);
  for (const auto& line : headers) {
    auto* grown = curl_slist_append(list.get(), line.c_str());
    if (!grown) break;
    list.release();
    list.reset(grown);
  }
  if (auto* grown = curl_slist_append(list.get(), "Expect:")) {
    list.release();
    list.reset(grown);
  }
  if (!curl || !list) {
    reply.error = "could not start a request";
    return reply;
  }
  char error[CURL_ERROR_SIZE] = {};
  const long ms = static_cast<long>(timeout.count());
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, list.get());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, ms);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, std::min(ms, 3000L));
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &reply.body);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "SlotBase");
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
  const CURLcode code = curl_easy_perform(h);
  if (code != CURLE_OK) {
    reply.error = error[0] ? error : curl_easy_strerror(code);
    reply.bad_url = code == CURLE_URL_MALFORMAT || code == CURLE_UNSUPPORTED_PROTOCOL;
    reply.body.clear();
    return reply;
  }
  reply.exchanged = true;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

std::string form_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace slotbase::notification
