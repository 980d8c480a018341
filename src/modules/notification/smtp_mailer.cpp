#include "smtp_mailer.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>

namespace slotbase::notification {
namespace {

void init_curl_once() {
  // curl_global_init is not thread-safe on every libcurl build; a function-local static runs it once.
  [[maybe_unused]] static const CURLcode initialised = curl_global_init(CURL_GLOBAL_DEFAULT);
}

struct Upload {
  const std::string* data;
  std::size_t sent = 0;
};

std::size_t on_read(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto& up = *static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, up.data->size() - up.sent);
  std::memcpy(buffer, up.data->data() + up.sent, n);
  up.sent += n;
  return n;
}

}  // namespace

SmtpMailer::SmtpMailer(std::string url) : url_(std::move(url)) {
  init_curl_once();
  // Credentials in the URL ("smtp://user:pass@host") must never cross the wire in the clear.
  const auto scheme_end = url_.find("://");
  const auto authority = url_.substr(scheme_end == std::string::npos ? 0 : scheme_end + 3);
  has_credentials_ = authority.substr(0, authority.find('/')).find('@') != std::string::npos;
}

SmtpMailer::~SmtpMailer() {
  for (void* h : idle_) curl_easy_cleanup(static_cast<CURL*>(h));
}

void* SmtpMailer::take_handle() const {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      void* h = idle_.back();
      idle_.pop_back();
      return h;
    }
  }
  return curl_easy_init();
}

void SmtpMailer::give_back(void* handle) const {
  constexpr std::size_t kMaxIdle = 4;  // as many as senders usually run at once
  {
    std::lock_guard lock(mu_);
    if (idle_.size() < kMaxIdle) {
      idle_.push_back(handle);
      return;
    }
  }
  curl_easy_cleanup(static_cast<CURL*>(handle));
}

SendOutcome SmtpMailer::send(const std::string& from_address, const std::string& to_address,
                             const std::string& message) const {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(static_cast<CURL*>(take_handle()), curl_easy_cleanup);
  if (!curl) return {SendOutcome::Kind::transient, "could not start libcurl", 0};
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt(
      curl_slist_append(nullptr, ("<" + to_address + ">").c_str()), curl_slist_free_all);
  if (!rcpt) return {SendOutcome::Kind::transient, "out of memory", 0};
  Upload upload{&message};
  char error[CURL_ERROR_SIZE] = {0};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, ("<" + from_address + ">").c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, on_read);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(c, CURLOPT_USE_SSL, has_credentials_ ? CURLUSESSL_ALL : CURLUSESSL_TRY);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  const CURLcode code = curl_easy_perform(c);
  long reply = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
  // The handle keeps pointers to this call's strings and lists: cleared before it waits idle.
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, nullptr);
  curl_easy_setopt(c, CURLOPT_READDATA, nullptr);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
  if (code == CURLE_OK) {
    give_back(curl.release());
    return {SendOutcome::Kind::sent, "", reply};
  }
  std::string what = error[0] ? error : curl_easy_strerror(code);
  if (reply > 0) what = "SMTP " + std::to_string(reply) + ": " + what;
  // A 5xx reply is the server's final word; so is a URL that cannot work. The rest may pass.
  const bool permanent = (reply >= 500 && reply < 600) || code == CURLE_URL_MALFORMAT ||
                         code == CURLE_UNSUPPORTED_PROTOCOL || code == CURLE_LOGIN_DENIED;
  // 550-554 name the mailbox or the message; libcurl says "MAIL failed" when it was our sender
  // address that was refused, which is no fault of the recipient's.
  const bool refused =
      reply >= 550 && reply <= 554 && code != CURLE_LOGIN_DENIED && what.find("MAIL failed") == std::string::npos;
  SendOutcome out{permanent ? SendOutcome::Kind::permanent : SendOutcome::Kind::transient, what, reply};
  out.recipient_refused = refused;
  return out;
}

SendOutcome SmtpMailer::send(const rules::MailMessage& m, const std::string& mime, const std::string&) const {
  return send(rules::bare_address(m.from), m.to, mime);
}

}  // namespace slotbase::notification
