#include "stripe_provider.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "platform/core/ids.h"
#include "platform/core/strings.h"

namespace slotbase::payment {
namespace {

using nlohmann::json;

/// Stripe's request format: ordered key=value pairs, nested keys spelled `metadata[hold_id]`.
using Form = std::vector<std::pair<std::string, std::string>>;

std::string percent_encode(std::string_view text, bool keep_brackets) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || (keep_brackets && (c == '[' || c == ']'))) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string encode_form(const Form& form) {
  std::string out;
  for (const auto& [key, value] : form) {
    if (!out.empty()) out += '&';
    // Brackets stay readable in keys, as Stripe's own libraries send them; values are encoded whole.
    out += percent_encode(key, true);
    out += '=';
    out += percent_encode(value, false);
  }
  return out;
}

/// An id inside a path: encoded, so that an id can never reach another resource ("../", "?").
std::string segment(std::string_view id) {
  return percent_encode(id, false);
}

void add_metadata(Form& form, const std::map<std::string, std::string>& metadata) {
  for (const auto& [key, value] : metadata) form.emplace_back("metadata[" + key + "]", value);
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

struct Reply {
  CURLcode curl = CURLE_OK;
  std::string curl_error;
  long status = 0;
  std::string body;
  std::optional<bool> should_retry;  // Stripe-Should-Retry, when Stripe sent it
};

// A response larger than this is no Stripe object: the exchange is abandoned, not buffered.
constexpr std::size_t kMaxBody = 16 * 1024 * 1024;

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& body = *static_cast<std::string*>(user);
  if (body.size() + size * count > kMaxBody) return 0;
  body.append(data, size * count);
  return size * count;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  std::string_view line(data, size * count);
  auto colon = line.find(':');
  if (colon != std::string_view::npos && lower(std::string(line.substr(0, colon))) == "stripe-should-retry") {
    auto value = lower(trim(std::string(line.substr(colon + 1))));
    if (value == "true" || value == "false") static_cast<Reply*>(user)->should_retry = value == "true";
  }
  return size * count;
}

struct Call {
  bool post = false;
  std::string url;
  std::string body;             // form-encoded, POST only
  std::string idempotency_key;  // POST only
};

void init_curl_once() {
  // curl_global_init is not thread-safe on every libcurl build; a function-local static runs it once.
  [[maybe_unused]] static const CURLcode initialised = curl_global_init(CURL_GLOBAL_DEFAULT);
}

using Headers = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

/// The request's headers; null when libcurl could not allocate them.
Headers header_list(const StripeOptions& options, const Call& call) {
  std::vector<std::string> lines = {"Authorization: Bearer " + options.secret_key,
                                    "Stripe-Version: " + options.api_version, "Accept: application/json",
                                    // curl would wait for "100 Continue" before a larger body; Stripe never sends it.
                                    "Expect:"};
  if (call.post) {
    lines.push_back("Content-Type: application/x-www-form-urlencoded");
    lines.push_back("Idempotency-Key: " + call.idempotency_key);
  }
  curl_slist* list = nullptr;
  for (const auto& line : lines) {
    auto* grown = curl_slist_append(list, line.c_str());
    if (!grown) {
      curl_slist_free_all(list);
      return {nullptr, curl_slist_free_all};
    }
    list = grown;
  }
  return {list, curl_slist_free_all};
}

Reply failed(CURLcode code, std::string message) {
  Reply r;
  r.curl = code;
  r.curl_error = std::move(message);
  return r;
}

/// One attempt: a fresh handle, so that nothing of a failed attempt leaks into the next.
Reply send(const StripeOptions& options, const Call& call) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  auto headers = header_list(options, call);
  if (!curl || !headers) return failed(CURLE_OUT_OF_MEMORY, "could not start a request");
  Reply reply;
  char error[CURL_ERROR_SIZE] = {};
  auto timeout = static_cast<long>(options.timeout.count());
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, call.url.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  // No signals: timeouts must work in any thread of a multi-threaded server.
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout);
  // A connection that takes seconds is a network fault worth a retry, not a slow answer to wait for.
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, std::min(timeout, 3000L));
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &reply.body);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &reply);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "SlotBase");
  if (call.post) {
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(call.body.size()));
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, call.body.c_str());
  }
  auto code = curl_easy_perform(h);
  if (code != CURLE_OK) return failed(code, error[0] ? error : curl_easy_strerror(code));
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

/// Whether another attempt may get a different answer. Stripe's header decides when it is sent
/// (it says "true" on an idempotency-key lock, "false" on a 500 it has cached under the key);
/// otherwise a failed exchange, a rate limit or a server error is retried, and any other status
/// is Stripe's answer.
bool worth_retrying(const Reply& r) {
  if (r.curl != CURLE_OK)
    // A bad URL or scheme is configuration: the next attempt fails the same way.
    return r.curl != CURLE_URL_MALFORMAT && r.curl != CURLE_UNSUPPORTED_PROTOCOL;
  if (r.should_retry) return *r.should_retry;
  return r.status == 429 || r.status >= 500;
}

/// 50 ms, 100 ms, 200 ms... at most 800 ms: a blip passes quickly, and a payer is waiting.
std::chrono::milliseconds backoff(int attempt) {
  return std::chrono::milliseconds(50 << std::min(attempt, 4));
}

std::optional<std::string> text(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::string text_or_empty(const json& j, const char* key) {
  return text(j, key).value_or("");
}

/// A reference that is an id, or the object itself when it was expanded.
std::optional<std::string> reference(const json& j, const char* key) {
  auto it = j.find(key);
  if (it != j.end() && it->is_object()) return text(*it, "id");
  return text(j, key);
}

std::int64_t integer(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

bool flag(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

const json& member(const json& j, const char* key) {
  static const json kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

Money money(const json& j) {
  return {integer(j, "amount"), upper(text_or_empty(j, "currency"))};
}

ProviderIntent to_intent(const json& j) {
  ProviderIntent intent;
  intent.id = text_or_empty(j, "id");
  intent.status = text_or_empty(j, "status");
  intent.amount = money(j);
  intent.client_secret = text_or_empty(j, "client_secret");
  intent.payment_method = reference(j, "payment_method");
  intent.latest_charge = reference(j, "latest_charge");
  const auto& next = member(j, "next_action");
  if (next.is_object()) intent.next_action_url = text(member(next, "redirect_to_url"), "url");
  const auto& error = member(j, "last_payment_error");
  if (error.is_object()) {
    intent.error_code = text(error, "code");
    intent.decline_code = text(error, "decline_code");
    intent.error_message = text(error, "message");
  }
  const auto& metadata = member(j, "metadata");
  if (metadata.is_object())
    for (const auto& [key, value] : metadata.items())
      if (value.is_string()) intent.metadata[key] = value.get<std::string>();
  return intent;
}

ProviderRefund to_refund(const json& j) {
  return {text_or_empty(j, "id"), reference(j, "payment_intent").value_or(""), money(j), text_or_empty(j, "status"),
          text(j, "failure_reason")};
}

ProviderAccount to_account(const json& j) {
  return {text_or_empty(j, "id"), flag(j, "charges_enabled"), flag(j, "payouts_enabled"), flag(j, "details_submitted")};
}

SavedCard to_card(const json& j) {
  const auto& card = member(j, "card");
  if (!card.is_object()) return {text_or_empty(j, "id"), "", "", 0, 0};
  return {text_or_empty(j, "id"), text_or_empty(card, "brand"), text_or_empty(card, "last4"),
          static_cast<int>(integer(card, "exp_month")), static_cast<int>(integer(card, "exp_year"))};
}

ProviderError network_error(const Reply& r) {
  ProviderError e;
  e.type = "network";
  e.code = r.curl == CURLE_OPERATION_TIMEDOUT ? "timeout" : "connection_failed";
  e.message = "Stripe could not be reached: " + r.curl_error;
  return e;
}

/// Stripe's error object, `{"error": {type, code, decline_code, message, payment_intent}}`; a
/// body that is not one (a proxy's HTML page) still becomes an error of its status.
ProviderError api_error(long status, const json& body) {
  ProviderError e;
  e.http_status = static_cast<int>(status);
  const auto& error = body.is_object() ? member(body, "error") : body;
  if (!error.is_object()) {
    e.type = status >= 500 ? "api_error" : "invalid_request_error";
    e.message = "Stripe answered HTTP " + std::to_string(status);
    return e;
  }
  e.type = text_or_empty(error, "type");
  e.code = text_or_empty(error, "code");
  e.decline_code = text(error, "decline_code");
  e.message = text_or_empty(error, "message");
  const auto& intent = member(error, "payment_intent");
  if (intent.is_object()) e.intent = to_intent(intent);
  return e;
}

template <class T>
ProviderResult<T> failure(ProviderError e) {
  return {std::nullopt, std::move(e)};
}

class StripeProvider final : public PaymentProvider {
 public:
  explicit StripeProvider(StripeOptions options) : options_(std::move(options)) { init_curl_once(); }

  std::string name() const override { return "stripe"; }
  std::optional<std::string> publishable_key() const override {
    if (options_.publishable_key.empty()) return std::nullopt;
    return options_.publishable_key;
  }

  ProviderResult<ProviderIntent> create_intent(const IntentRequest& r) override {
    Form form = {{"amount", std::to_string(r.amount.amount)},
                 {"currency", lower(r.amount.currency)},
                 {"payment_method_types[]", "card"}};
    if (r.customer) form.emplace_back("customer", *r.customer);
    if (r.payment_method) form.emplace_back("payment_method", *r.payment_method);
    if (r.confirm) form.emplace_back("confirm", "true");
    if (r.off_session) form.emplace_back("off_session", "true");
    if (r.return_url) form.emplace_back("return_url", *r.return_url);
    if (!r.description.empty()) form.emplace_back("description", r.description);
    // A destination charge: the facility's account receives the amount less the platform's fee.
    if (r.destination_account) form.emplace_back("transfer_data[destination]", *r.destination_account);
    if (r.application_fee > 0) form.emplace_back("application_fee_amount", std::to_string(r.application_fee));
    add_metadata(form, r.metadata);
    return as<ProviderIntent>(post("/v1/payment_intents", form, r.idempotency_key), to_intent);
  }

  ProviderResult<ProviderIntent> confirm_intent(const std::string& intent_id, const std::string& payment_method,
                                                const std::optional<std::string>& return_url,
                                                const std::string& idempotency_key) override {
    Form form = {{"payment_method", payment_method}};
    if (return_url) form.emplace_back("return_url", *return_url);
    return as<ProviderIntent>(post("/v1/payment_intents/" + segment(intent_id) + "/confirm", form, idempotency_key),
                              to_intent);
  }

  ProviderResult<ProviderIntent> retrieve_intent(const std::string& intent_id) override {
    return as<ProviderIntent>(get("/v1/payment_intents/" + segment(intent_id), {}), to_intent);
  }

  ProviderResult<ProviderIntent> cancel_intent(const std::string& intent_id,
                                               const std::string& idempotency_key) override {
    return as<ProviderIntent>(post("/v1/payment_intents/" + segment(intent_id) + "/cancel", {}, idempotency_key),
                              to_intent);
  }

  ProviderResult<std::vector<ProviderIntent>> list_intents(std::chrono::sys_seconds since, int limit) override {
    return list<ProviderIntent>("/v1/payment_intents",
                                {{"created[gte]", std::to_string(since.time_since_epoch().count())}}, limit, to_intent);
  }

  ProviderResult<ProviderRefund> create_refund(const ProviderRefundRequest& r) override {
    Form form = {{"payment_intent", r.payment_intent}};
    if (r.amount) form.emplace_back("amount", std::to_string(*r.amount));
    if (!r.reason.empty()) form.emplace_back("reason", r.reason);
    add_metadata(form, r.metadata);
    return as<ProviderRefund>(post("/v1/refunds", form, r.idempotency_key), to_refund);
  }

  ProviderResult<ProviderRefund> retrieve_refund(const std::string& refund_id) override {
    return as<ProviderRefund>(get("/v1/refunds/" + segment(refund_id), {}), to_refund);
  }

  ProviderResult<std::string> create_customer(const std::string& email, const std::string& idempotency_key) override {
    return as<std::string>(post("/v1/customers", {{"email", email}}, idempotency_key),
                           [](const json& j) { return text_or_empty(j, "id"); });
  }

  ProviderResult<SavedCard> attach_payment_method(const std::string& payment_method,
                                                  const std::string& customer) override {
    return as<SavedCard>(post("/v1/payment_methods/" + segment(payment_method) + "/attach", {{"customer", customer}}),
                         to_card);
  }

  ProviderResult<std::vector<SavedCard>> list_cards(const std::string& customer) override {
    return list<SavedCard>("/v1/customers/" + segment(customer) + "/payment_methods", {{"type", "card"}}, kAllCards,
                           to_card);
  }

  ProviderResult<ProviderAccount> create_account(const std::string& email,
                                                 const std::string& idempotency_key) override {
    // Express: Stripe hosts onboarding and the facility's dashboard. Taking cards and receiving
    // transfers are the two capabilities a destination charge needs.
    Form form = {{"type", "express"},
                 {"email", email},
                 {"capabilities[card_payments][requested]", "true"},
                 {"capabilities[transfers][requested]", "true"}};
    return as<ProviderAccount>(post("/v1/accounts", form, idempotency_key), to_account);
  }

  ProviderResult<std::string> account_link(const std::string& account_id, const std::string& refresh_url,
                                           const std::string& return_url) override {
    Form form = {{"account", account_id},
                 {"refresh_url", refresh_url},
                 {"return_url", return_url},
                 {"type", "account_onboarding"}};
    return as<std::string>(post("/v1/account_links", form), [](const json& j) { return text_or_empty(j, "url"); });
  }

  ProviderResult<ProviderAccount> retrieve_account(const std::string& account_id) override {
    return as<ProviderAccount>(get("/v1/accounts/" + segment(account_id), {}), to_account);
  }

 private:
  static constexpr int kPageSize = 100;  // Stripe's largest page
  static constexpr int kAllCards = 1000;

  /// A POST under `idempotency_key`. Without one (a link, an attach), the call makes its own, so
  /// that its retries are still one operation at Stripe.
  ProviderResult<json> post(const std::string& path, const Form& form, std::string idempotency_key = {}) {
    if (idempotency_key.empty()) idempotency_key = "slotbase-" + random_token(18);
    return perform({true, options_.api_base + path, encode_form(form), std::move(idempotency_key)});
  }

  ProviderResult<json> get(const std::string& path, const Form& query) {
    return perform({false, options_.api_base + path + (query.empty() ? "" : "?" + encode_form(query)), {}, {}});
  }

  ProviderResult<json> perform(const Call& call) {
    for (int attempt = 0;; ++attempt) {
      auto reply = send(options_, call);
      if (attempt < options_.max_retries && worth_retrying(reply)) {
        std::this_thread::sleep_for(backoff(attempt));
        continue;
      }
      if (reply.curl != CURLE_OK) return failure<json>(network_error(reply));
      auto body = json::parse(reply.body, nullptr, false);
      if (reply.status < 200 || reply.status >= 300) return failure<json>(api_error(reply.status, body));
      if (!body.is_object())
        return failure<json>({"api_error", "invalid_response", std::nullopt, "Stripe's answer was not a JSON object",
                              static_cast<int>(reply.status), std::nullopt});
      return {std::move(body), std::nullopt};
    }
  }

  template <class T, class Map>
  static ProviderResult<T> as(ProviderResult<json> r, Map map) {
    if (!r.ok()) return failure<T>(std::move(*r.error));
    return {map(*r.value), std::nullopt};
  }

  /// A list, newest first, followed page by page (`starting_after` the last id) up to `limit`.
  template <class T, class Map>
  ProviderResult<std::vector<T>> list(const std::string& path, Form query, int limit, Map map) {
    std::vector<T> items;
    std::optional<std::string> after;
    while (static_cast<int>(items.size()) < limit) {
      Form page = query;
      page.emplace_back("limit", std::to_string(std::min(kPageSize, limit - static_cast<int>(items.size()))));
      if (after) page.emplace_back("starting_after", *after);
      auto r = get(path, page);
      if (!r.ok()) return failure<std::vector<T>>(std::move(*r.error));
      const auto& data = member(*r.value, "data");
      if (!data.is_array() || data.empty()) break;
      for (const auto& item : data)
        if (static_cast<int>(items.size()) < limit) items.push_back(map(item));
      after = text(data.back(), "id");
      if (!flag(*r.value, "has_more") || !after) break;
    }
    return {std::move(items), std::nullopt};
  }

  StripeOptions options_;
};

}  // namespace

std::unique_ptr<PaymentProvider> make_stripe_provider(StripeOptions options) {
  return std::make_unique<StripeProvider>(std::move(options));
}

}  // namespace slotbase::payment
