// Bad input, for every route: an HTTP fuzzer generated from the OpenAPI document the server serves.
// For each operation it binds the path parameters to real objects of the caller's tenant (made
// fresh for the operation), builds a valid-looking request from the operation's parameters and
// request body schema, and then sends mutations of it one at a time: missing and mistyped fields,
// huge strings and numbers, unicode edge cases, invalid dates and instants, negative and
// overflowing money, junk and foreign ids, malformed JSON, wrong Content-Types. Every answer must
// be a 2xx (where the input happens to be valid) or a 4xx problem+json naming the field of a
// validation error, within a time limit, and the server must keep answering /health. A fixed seed
// per operation and a bounded number of cases per operation keep the run deterministic and short.
// SLOTBASE_FUZZ_VERBOSE=1 prints each operation's cases, time and valid-looking request's answer.

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "http/openapi_driver.h"
#include "platform/core/encoding.h"

namespace slotbase::testing {
namespace {

using namespace openapi;
using SteadyClock = std::chrono::steady_clock;

constexpr std::size_t kCasesPerOperation = 400;
constexpr const char* kUnnamed = "a validation error that does not name the field";

// ---------------------------------------------------------------------------------------------
// Determinism: a seed per operation from its method and path.

std::uint64_t fnv1a(const std::string& s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

struct Rng {
  explicit Rng(std::uint64_t seed) : engine(seed) {}
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(engine() % n); }
  template <class T>
  void shuffle(std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
  }
  std::mt19937_64 engine;
};

// ---------------------------------------------------------------------------------------------
// Where a value sits in a body: member names and array indices.

using Path = std::vector<json>;

std::string path_name(const Path& p) {
  std::string out;
  for (const auto& k : p) {
    if (k.is_string())
      out += (out.empty() ? "" : ".") + k.get<std::string>();
    else
      out += "[" + std::to_string(k.get<std::size_t>()) + "]";
  }
  return out;
}

json* value_at(json& root, const Path& p) {
  json* v = &root;
  for (const auto& k : p) {
    if (k.is_string()) {
      if (!v->is_object() || !v->contains(k.get<std::string>())) return nullptr;
      v = &(*v)[k.get<std::string>()];
    } else {
      if (!v->is_array() || k.get<std::size_t>() >= v->size()) return nullptr;
      v = &(*v)[k.get<std::size_t>()];
    }
  }
  return v;
}

void erase_at(json& root, const Path& p) {
  Path parent(p.begin(), p.end() - 1);
  json* holder = value_at(root, parent);
  if (!holder) return;
  if (p.back().is_string() && holder->is_object()) holder->erase(p.back().get<std::string>());
  if (p.back().is_number() && holder->is_array()) holder->erase(p.back().get<std::size_t>());
}

/// A value that stands for raw text in a dumped body (bytes no JSON value can carry).
constexpr const char* kRawMark = "@@fuzz-raw@@";

std::string with_raw(json body, const Path& p, const std::string& raw) {
  if (p.empty()) return raw;
  json* v = value_at(body, p);
  if (!v) return body.dump();
  *v = kRawMark;
  std::string text = body.dump();
  const std::string mark = std::string("\"") + kRawMark + "\"";
  auto at = text.find(mark);
  return at == std::string::npos ? text : text.replace(at, mark.size(), raw);
}

// ---------------------------------------------------------------------------------------------
// Cases.

/// One request to send: what it changes from the valid-looking one, and what it may answer.
struct Case {
  std::string what;
  std::string method, target;
  Headers headers;
  std::string body;
  bool must_fail = false;               // not valid by the document: a 2xx is a finding
  std::vector<std::string> field_keys;  // the body's field it breaks, for errors[].field
  bool mandatory = false;               // always sent, whatever the budget
  int status = 0;                       // the one status it must answer, when there is one
};

/// The edge values tried on every field of a type; `fails`: never valid for the type.
struct Edge {
  std::string what;
  std::string raw;  // JSON text
  bool fails;
};

std::string as_json(const std::string& s) {
  return json(s).dump();
}

const std::vector<Edge>& integer_edges() {
  static const std::vector<Edge> edges = {
      {"-1", "-1", false},
      {"0", "0", false},
      {"2^63", "9223372036854775808", false},
      {"2^64", "18446744073709551616", false},
      {"-2^63-1", "-9223372036854775809", false},
      {"INT64_MAX", "9223372036854775807", false},
      {"INT64_MIN", "-9223372036854775808", false},
      {"2^31", "2147483648", false},
      {"2^32+1", "4294967297", false},
      {"2^53+1", "9007199254740993", false},
      {"1e308", "1e308", false},
      {"-1e308", "-1e308", false},
      {"1e400", "1e400", false},
      {"1.5 where an integer is expected", "1.5", true},
      {"-0", "-0", false},
      {"30 digits", "123456789012345678901234567890", false},
      {"a number as a string", "\"12\"", true},
  };
  return edges;
}

const std::vector<Edge>& number_edges() {
  static const std::vector<Edge> edges = {
      {"1e308", "1e308", false},
      {"-1e308", "-1e308", false},
      {"5e-324", "5e-324", false},
      {"-1", "-1", false},
      {"0", "0", false},
      {"1e400", "1e400", false},
      {"2^63", "9223372036854775808", false},
      {"-0.0", "-0.0", false},
      {"a number as a string", "\"1.5\"", true},
  };
  return edges;
}

const std::vector<Edge>& string_edges() {
  static const std::vector<Edge> edges = {
      {"empty string", "\"\"", false},
      {"100 KB string", as_json(std::string(100 * 1024, 'x')), false},
      {"5 KB of emoji", as_json(repeat("\xF0\x9F\x8E\xBE", 1280)), false},
      {"NUL inside", "\"fu\\u0000zz\"", false},
      {"only NUL", "\"\\u0000\"", false},
      {"RTL mark",
       as_json("\xE2\x80\x8F"
               "fuzz"),
       false},
      {"RTL override",
       as_json("\xE2\x80\xAE"
               "zzuf"),
       false},
      {"emoji", as_json("\xF0\x9F\x8E\xBE\xF0\x9F\x8F\xB8"), false},
      {"byte order mark",
       as_json("\xEF\xBB\xBF"
               "fuzz"),
       false},
      {"zero-width joiner", as_json("f\xE2\x80\x8Du\xE2\x80\x8Dzz"), false},
      {"combining marks", as_json("e\xCC\x81\xCC\x81\xCC\x81"), false},
      {"line and paragraph separators",
       as_json("a\xE2\x80\xA8"
               "b\xE2\x80\xA9"),
       false},
      {"control characters", "\"a\\tb\\nc\\rd\\u001f\\u007f\"", false},
      {"whitespace only", "\"   \"", false},
      {"escaped surrogate pair", "\"\\ud83c\\udfbe\"", false},
      {"lone high surrogate escape", "\"\\ud800\"", true},
      {"lone low surrogate escape", "\"x\\udc00\"", true},
      {"reversed surrogate escapes", "\"\\udc00\\ud800\"", true},
      {"overlong UTF-8 '/'", "\"\xC0\xAF\"", true},
      {"overlong UTF-8 NUL",
       "\"a\xC0\x80"
       "b\"",
       true},
      {"raw surrogate bytes", "\"\xED\xA0\x80\"", true},
      {"bytes FF FE", "\"\xFF\xFE\"", true},
      {"truncated UTF-8 sequence", "\"\xE2\x82\"", true},
      {"5-byte UTF-8 sequence", "\"\xF8\x88\x80\x80\x80\"", true},
      {"SQL", as_json("' OR 1=1; DROP TABLE bookings; --"), false},
      {"HTML", as_json("<script>alert(1)</script>"), false},
      {"a string as a number", "12", true},
  };
  return edges;
}

const std::vector<Edge>& instant_edges() {
  static const std::vector<Edge> edges = {
      {"year 0", "\"0000-01-01T00:00:00Z\"", false},
      {"year 9999", "\"9999-12-31T23:59:59Z\"", false},
      {"year 99999", "\"99999-01-01T00:00:00Z\"", true},
      {"negative year", "\"-0001-01-01T00:00:00Z\"", true},
      {"hour 24", "\"2026-11-25T24:00:00Z\"", true},
      {"February 30", "\"2026-02-30T10:00:00Z\"", true},
      {"month 13", "\"2026-13-01T10:00:00Z\"", true},
      {"leap second", "\"2026-12-31T23:59:60Z\"", false},
      {"no offset", "\"2026-11-25T15:00:00\"", true},
      {"DST gap, New York wall time", "\"2027-03-14T02:30:00-05:00\"", false},
      {"DST gap, no offset", "\"2027-03-14T02:30:00\"", true},
      {"DST gap of 2026, New York wall time", "\"2026-03-08T02:30:00-05:00\"", false},
      {"DST gap of 2026, no offset", "\"2026-03-08T02:30:00\"", true},
      {"DST overlap", "\"2026-11-01T01:30:00-04:00\"", false},
      {"offset +14:00", "\"2026-11-25T15:00:00+14:00\"", false},
      {"offset +99:00", "\"2026-11-25T15:00:00+99:00\"", true},
      {"nanoseconds", "\"2026-11-25T15:00:00.123456789Z\"", false},
      {"2000 fraction digits", as_json("2026-11-25T15:00:00." + std::string(2000, '9') + "Z"), false},
      {"lower case", "\"2026-11-25t15:00:00z\"", false},
      {"a space for T", "\"2026-11-25 15:00:00Z\"", true},
      {"a date only", "\"2026-11-25\"", true},
      {"epoch", "\"1970-01-01T00:00:00Z\"", false},
      {"in the past", "\"2020-01-01T10:00:00Z\"", false},
      {"words", "\"tomorrow at ten\"", true},
      {"epoch seconds", "1795000000", true},
  };
  return edges;
}

const std::vector<Edge>& date_edges() {
  static const std::vector<Edge> edges = {
      {"year 0", "\"0000-01-01\"", false},
      {"year 9999", "\"9999-12-31\"", false},
      {"year 99999", "\"99999-01-01\"", true},
      {"February 30", "\"2026-02-30\"", true},
      {"February 29, 2027", "\"2027-02-29\"", true},
      {"month 13", "\"2026-13-01\"", true},
      {"day 0", "\"2026-11-00\"", true},
      {"no padding", "\"2026-3-8\"", true},
      {"an instant", "\"2026-11-25T10:00:00Z\"", true},
      {"DST gap day", "\"2027-03-14\"", false},
      {"DST gap day of 2026", "\"2026-03-08\"", false},
      {"DST overlap day", "\"2026-11-01\"", false},
      {"in the past", "\"2020-01-01\"", false},
  };
  return edges;
}

const std::vector<Edge>& clock_edges() {
  static const std::vector<Edge> edges = {
      {"24:00", "\"24:00\"", false}, {"00:00", "\"00:00\"", false},     {"25:00", "\"25:00\"", true},
      {"23:60", "\"23:60\"", true},  {"24:01", "\"24:01\"", true},      {"7:00", "\"7:00\"", true},
      {"-1:00", "\"-1:00\"", true},  {"seconds", "\"12:00:00\"", true}, {"12:00 PM", "\"12:00 PM\"", true},
  };
  return edges;
}

/// Bodies no JSON parser may accept.
const std::vector<Edge>& malformed_bodies() {
  static const std::vector<Edge> edges = {
      {"unterminated object", "{", true},
      {"missing value", "{\"a\":}", true},
      {"unterminated array", "[1,2", true},
      {"bare word", "nul", true},
      {"single quotes", "{'a':1}", true},
      {"trailing garbage", "{}x", true},
      {"trailing comma", "{\"a\":1,}", true},
      {"NaN", "{\"a\":NaN}", true},
      {"comment", "{/* c */}", true},
      {"a byte order mark before {}", "\xEF\xBB\xBF{}", false},
      {"raw NUL", std::string("{\"a\":\"\0\"}", 9), true},
      {"lone surrogate key", "{\"\\ud800\":1}", true},
      {"overlong UTF-8 key", "{\"\xC0\xAF\":1}", true},
      {"UTF-16", std::string("\xFF\xFE{\0}\0", 6), true},
  };
  return edges;
}

/// Path parameters no real object has (already encoded for the request line).
std::vector<Edge> junk_ids(const std::string& real) {
  return {
      {"'..'", "..", true},
      {"'%2e%2e'", "%2e%2e", true},
      {"'%00'", "%00", true},
      {"the real id and %00", real + "%00", true},
      {"the real id, %00 and more", real + "%00x", true},
      {"bytes FF FE", "%FF%FE", true},
      {"overlong UTF-8 '/'", "%C0%AF", true},
      {"raw surrogate bytes", "%ED%A0%80", true},
      {"RTL mark and the real id", "%E2%80%8F" + real, true},
      {"emoji", "%F0%9F%8E%BE", true},
      {"5 KB", std::string(5 * 1024, 'a'), true},
      {"an encoded slash", "%2F", true},
      {"-1", "-1", true},
      {"1e308", "1e308", true},
      {"the real id in upper case", upper(real), true},
      {"raw byte FF", "\xFF", true},
      {"SQL", encode("' OR '1'='1"), true},
  };
}

// ---------------------------------------------------------------------------------------------
// The fixture: the driver's, with the fuzzer's cases and judgement.

class FuzzHttpTest : public OpenApiHttpTest {
 protected:
  /// Another tenant's object in place of the caller's must not be reached, except where the
  /// caller may reach any (a platform admin, the public sandbox pages, a user as such).
  static bool foreign_id_must_fail(const Operation& op, const std::string& kind) {
    if (op.public_route() || op.path.rfind("/api/v1/admin/", 0) == 0 || kind == "user" || kind == "role") return false;
    if (kind == "notification_type") return false;  // no tenant's: the catalogue's
    // Asking to join another club's players is what a join request is.
    if (op.method == "POST" && op.path == "/api/v1/facilities/{facility_id}/join-requests") return false;
    // A facility's public face (its courts, hours, prices, whether it takes cards) is anyone's to read.
    static const std::set<std::string> visible = {"org", "facility", "court", "calendar_token"};
    return op.unsafe() || !visible.contains(kind);
  }

  // -- Who calls ---------------------------------------------------------------------------

  /// The caller: the owner, so that requests reach validation; a platform admin for the admin
  /// routes; a throw-away account for what ends the caller's own session or account.
  Account caller(const Operation& op) {
    if (op.path.rfind("/api/v1/admin/", 0) == 0) return admin_;
    if (op.path == "/api/v1/me" && op.method != "GET") return scratch();
    if (op.path == "/api/v1/auth/logout" || op.path == "/api/v1/auth/refresh" || op.path == "/api/v1/auth/login")
      return scratch();
    return owner_;
  }

  // -- The cases ---------------------------------------------------------------------------

  std::vector<Case> cases_for(const Operation& op, World& mine, World& theirs, Rng& rng, std::size_t& candidates) {
    Request r = request_for(op, mine, theirs, caller(op));
    Context& cx = r.cx;
    const bool webhook = op.webhook();
    const bool send_token = r.send_token;
    const auto& path_values = r.path_values;
    const auto& query = r.query;
    auto target_with = [&r](const std::map<std::string, std::string>& values,
                            const std::map<std::string, std::string>& q) { return r.target_with(values, q); };
    const std::string& content_type = r.content_type;
    const bool form = r.form;
    const json& body_schema = r.body_schema;
    const json& valid_body = r.body;
    const std::string& valid_text = r.text;
    const Headers& base_headers = r.headers;

    std::vector<Case> out;
    auto add = [&](Case c) {
      if (c.method.empty()) c.method = op.method;
      if (c.target.empty()) c.target = target_with(path_values, query);
      if (webhook && c.what.rfind("signature", 0) != 0) {
        // Webhooks: every body signed as the provider signs it, so that it reaches the parser.
        c.headers.push_back({"Stripe-Signature", sign(c.body)});
      }
      out.push_back(std::move(c));
    };
    auto body_case = [&](const std::string& what, const std::string& text, bool must_fail,
                         std::vector<std::string> keys = {}, bool mandatory = false) {
      Case c{what, "", "", base_headers, text, must_fail && !webhook, std::move(keys), mandatory};
      if (text.empty())
        c.headers.erase(
            std::remove_if(c.headers.begin(), c.headers.end(), [](const auto& h) { return h.first == "Content-Type"; }),
            c.headers.end());
      else if (std::none_of(c.headers.begin(), c.headers.end(),
                            [](const auto& h) { return h.first == "Content-Type"; }))
        c.headers.push_back({"Content-Type", "application/json"});
      add(std::move(c));
    };

    // Path parameters: another tenant's object and junk, one parameter at a time.
    for (const auto& [name, value] : path_values) {
      const auto kind = kind_of_param(op, name);
      auto values = path_values;
      values[name] = need(theirs, kind);
      add({"path " + name + ": " + theirs.tenant->label + "'s " + kind,
           "",
           target_with(values, query),
           base_headers,
           valid_text,
           foreign_id_must_fail(op, kind),
           {},
           true});
      auto junk = junk_ids(value);
      for (std::size_t i = 0; i < junk.size(); ++i) {
        values[name] = junk[i].raw;
        const std::set<std::string> always = {"'%00'", "the real id and %00", "5 KB", "raw byte FF"};
        add({"path " + name + ": " + junk[i].what,
             "",
             target_with(values, query),
             base_headers,
             valid_text,
             true,
             {},
             always.contains(junk[i].what)});
      }
    }

    // Query parameters, one at a time.
    for (const auto& p : r.query_params) {
      const std::string name = p["name"];
      const bool required = p.value("required", false);
      const auto types = schemas_->types(p.value("schema", json::object()));
      const json s = p.value("schema", json::object());
      auto with = [&](const std::string& what, const std::optional<std::string>& encoded, bool must_fail,
                      bool mandatory = false) {
        auto q = query;
        if (encoded)
          q[name] = *encoded;
        else
          q.erase(name);
        add({"query " + name + ": " + what,
             "",
             target_with(path_values, q),
             base_headers,
             valid_text,
             must_fail,
             {},
             mandatory});
      };
      if (required) with("missing", std::nullopt, true, true);
      if (!required)
        if (auto v = query_value(cx, p)) with("valid", encode(*v), false, true);
      with("empty", "", false);
      with("100 KB", std::string(100 * 1024, 'x'), false);
      with("5 KB", std::string(5 * 1024, '9'), false);
      with("%00", "%00", false);
      with("bytes FF FE", "%FF%FE", false);
      with("overlong UTF-8", "%C0%AF", false);
      with("RTL mark", "%E2%80%8F", false);
      with("emoji", "%F0%9F%8E%BE", false);
      with("a bad percent escape", "%zz%", false);
      with("given twice", encode(query_value(cx, p).value_or("x")) + "&" + name + "=x", false);
      if (types.contains("integer")) {
        with("not a number", "abc", true, true);
        for (const char* n : {"-1", "0", "9223372036854775808", "99999999999", "%20%2012"}) with(n, n, false);
        with("1.5", "1.5", true);
        with("1e308", "1e308", true);
        with("0x10", "0x10", true);
      }
      if (s.contains("enum")) with("not one of the values", "nope", true, true);
      if (name == "date") {
        with("year 0", "0000-01-01", false);
        with("year 99999", "99999-01-01", true, true);
        with("February 30", "2026-02-30", true, true);
        with("month 13", "2026-13-01", true);
        with("24:00", "24%3A00", true);
        with("an instant", encode("2026-11-25T24:00:00Z"), true);
        with("DST gap day", "2027-03-14", false);
        with("DST gap day of 2026", "2026-03-08", false);
        with("DST overlap day", "2026-11-01", false);
        with("year 9999", "9999-12-31", false);
      }
      const auto kind = kind_of_param(op, name);
      if (!kind.empty()) {
        with(theirs.tenant->label + "'s " + kind, encode(need(theirs, kind)), false, true);
        with("the real id and %00", encode(need(mine, kind)) + "%00", false);
      }
    }
    {
      auto q = query;
      q["zz_unknown"] = "1";
      add({"an unknown query parameter", "", target_with(path_values, q), base_headers, valid_text, false, {}, false});
    }

    // Credentials and headers.
    if (send_token) {
      Headers h = base_headers;
      h[0].second = "Bearer " + std::string(5 * 1024, 'e');
      add({"a 5 KB junk token", "", "", h, valid_text, !op.public_route(), {}, true});
      h[0].second = "Basic Zm9vOmJhcg==";
      add({"Basic credentials", "", "", h, valid_text, !op.public_route(), {}, false});
      h[0].second = "Bearer " + cx.who.access + "\xFF";
      add({"the token and a byte FF", "", "", h, valid_text, !op.public_route(), {}, false});
    }
    if (op.unsafe()) {
      Headers h = base_headers;
      h.push_back({"Idempotency-Key", std::string(300, 'k')});
      add({"a 300-character Idempotency-Key", "", "", h, valid_text, true, {}, true});
      h.back().second = "\xE2\x80\x8F\xF0\x9F\x8E\xBE";
      add({"a unicode Idempotency-Key", "", "", h, valid_text, false, {}, false});
      h.back().second = "\xFF\xFE\xC0\xAF";
      add({"an Idempotency-Key of bytes that are not UTF-8", "", "", h, valid_text, false, {}, false});
    }
    if (webhook) {
      const std::string text = valid_text;
      auto signed_as = [&](const std::string& what, const std::optional<std::string>& signature) {
        Headers h = base_headers;
        if (signature) h.push_back({"Stripe-Signature", *signature});
        // A bad signature is 400 where the provider is the one configured (the tests' sandbox); the
        // other provider's route is 404 whatever it is sent.
        add({"signature: " + what, "", "", h, text, true, {}, true, op.path == "/api/v1/webhooks/sandbox" ? 400 : 404});
      };
      const auto good = sign(text);
      const auto t = epoch_seconds(clock_.now());
      signed_as("missing", std::nullopt);
      signed_as("wrong", "t=" + std::to_string(t) + ",v1=" + std::string(64, '0'));
      signed_as("an hour old", "t=" + std::to_string(t - 3600) + good.substr(good.find(',')));
      signed_as("empty", "");
      signed_as("no timestamp", good.substr(good.find(',') + 1));
      signed_as("a timestamp of 30 digits", "t=" + std::string(30, '9') + good.substr(good.find(',')));
      signed_as("a negative timestamp", "t=-1" + good.substr(good.find(',')));
      signed_as("5 KB", std::string(5 * 1024, 'v'));
      signed_as("not hex", "t=" + std::to_string(t) + ",v1=" + std::string(64, 'z'));
      signed_as("short", "t=" + std::to_string(t) + ",v1=ab");
    }

    // An image upload: the bytes decide, whatever Content-Type claims; other types of body, an
    // image of another type than declared, and one over the limit are refused.
    if (r.image) {
      auto image_case = [&](const std::string& what, const std::string& type, std::string bytes, int status) {
        Case c{what, "", "", base_headers, std::move(bytes), true, {}, true, status};
        c.headers.erase(
            std::remove_if(c.headers.begin(), c.headers.end(), [](const auto& h) { return h.first == "Content-Type"; }),
            c.headers.end());
        if (type != "(none)") c.headers.push_back({"Content-Type", type});
        add(std::move(c));
      };
      image_case("no body", "(none)", "", 415);
      image_case("an empty image/png", "image/png", "", 415);
      image_case("JSON as image/png", "image/png", "{}", 415);
      image_case("GIF bytes as image/png", "image/png", "GIF89a\x02\x01\x02\x01 ;", 415);
      image_case("text as image/png", "image/png", "not a picture at all", 415);
      image_case("the PNG as image/jpeg", "image/jpeg", valid_text, 415);
      image_case("the PNG as image/webp", "image/webp", valid_text, 415);
      image_case("a PNG's magic bytes only, cut", "image/png", valid_text.substr(0, 4), 415);
      for (const char* type : {"text/plain", "application/json", "multipart/form-data; boundary=x",
                               "application/octet-stream", "image/gif", "image/svg+xml", "(none)"})
        image_case(std::string("the PNG as ") + type, type, valid_text, 415);
      image_case("3 MB behind a PNG's header", "image/png", valid_text + std::string(3 << 20, 'x'), 413);
      image_case("5 MB behind a PNG's header", "image/png", valid_text + std::string(5 << 20, 'x'), 413);
    } else if (!content_type.empty() || op.unsafe()) {
      // The body as a whole.
      const bool fields_required = body_schema.contains("required") && !body_schema["required"].empty();
      // A form's text is any text: what breaks it is a required field missing.
      const bool not_the_type_fails = form ? fields_required : !content_type.empty();
      body_case("no body", "", r.body_required && fields_required, {}, true);
      const auto& bad = malformed_bodies();
      const std::size_t first = rng.below(bad.size());
      for (std::size_t i = 0; i < bad.size(); ++i)
        body_case("malformed JSON: " + bad[i].what, bad[i].raw, bad[i].fails && !content_type.empty() && !form, {},
                  i == first || i == (first + 7) % bad.size());
      for (const char* top : {"[]", "\"fuzz\"", "1", "null", "true"})
        body_case(std::string("a body of ") + top, top, not_the_type_fails, {}, std::string(top) == "[]");
      for (const char* type :
           {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml",
            "application/jsonx", "text/json", "application/json-patch+json", "(none)"}) {
        Case c{std::string("Content-Type ") + type,    "",    "", base_headers,
               valid_text.empty() ? "{}" : valid_text, false, {}, false};
        c.headers.erase(
            std::remove_if(c.headers.begin(), c.headers.end(), [](const auto& h) { return h.first == "Content-Type"; }),
            c.headers.end());
        const std::string t = type;
        if (t != "(none)") c.headers.push_back({"Content-Type", t});
        const bool declared =
            r.declared_types.contains(t.substr(0, t.find(';'))) || (!form && t == "application/json-patch+json");
        c.must_fail = !declared;
        c.mandatory = t == "text/plain" || t == "(none)";
        if (t == content_type) continue;
        add(std::move(c));
      }
      if (form) {
        Case c{"Content-Type application/json",     "",   "", base_headers,
               json{{"action", "complete"}}.dump(), true, {}, true};
        c.headers.erase(
            std::remove_if(c.headers.begin(), c.headers.end(), [](const auto& h) { return h.first == "Content-Type"; }),
            c.headers.end());
        c.headers.push_back({"Content-Type", "application/json"});
        add(std::move(c));
      }
      body_case("200,000 nested arrays", repeat("[", 200000) + repeat("]", 200000), not_the_type_fails, {}, true);
      body_case("100,000 nested objects", repeat("{\"a\":", 100000) + "1" + repeat("}", 100000),
                Schemas::closed(body_schema), {}, false);
      body_case("1.5 MB", as_json(std::string(1536 * 1024, 'x')), true, {}, true);
      body_case("a duplicated member",
                valid_text.size() > 2 && !form ? valid_text.substr(0, valid_text.size() - 1) + ",\"" +
                                                     (valid_body.empty() ? "a" : valid_body.begin().key()) + "\":[]}"
                                               : valid_text,
                false);
      if (valid_body.is_object() && !form) {
        json extra = valid_body;
        extra["zz_unknown"] = 1;
        body_case("an unknown member", extra.dump(), Schemas::closed(body_schema), {"zz_unknown"}, true);
      }
    }

    // Each field of the body, one mutation at a time. An optional field of an HTML form may be
    // ignored whatever it holds.
    if (form) {
      const auto required = body_schema.value("required", json::array());
      for (const auto& [k, v] : valid_body.items()) {
        const bool req = std::find(required.begin(), required.end(), k) != required.end();
        auto as_form = [&](const std::string& what, const std::string& text, bool must_fail, bool mandatory) {
          Case c{"form " + k + ": " + what, "", "", base_headers, text, must_fail, {}, mandatory};
          add(std::move(c));
        };
        json rest = valid_body;
        rest.erase(k);
        as_form("missing", form_text(rest), req, true);
        for (const auto& [what, raw] : std::vector<std::pair<std::string, std::string>>{
                 {"not one of the values", "nope"},
                 {"%00", "%00"},
                 {"bytes FF FE", "%FF%FE"},
                 {"a bad percent escape", "%zz%"},
                 {"100 KB", std::string(100 * 1024, 'x')},
                 {"emoji", "%F0%9F%8E%BE"},
             })
          as_form(what, encode(k) + "=" + raw, req, what == "%00");
        as_form("given twice", form_text(valid_body) + "&" + encode(k) + "=nope", false, false);
      }
    } else if (valid_body.is_object() && !r.image) {
      field_cases(cx, body_schema, valid_body, {}, true, body_case);
    }

    // What is always sent, then as many of the rest as the budget allows, the valid request last.
    candidates = out.size() + 1;
    std::vector<Case> chosen, pool;
    for (auto& c : out) (c.mandatory ? chosen : pool).push_back(std::move(c));
    rng.shuffle(pool);
    for (auto& c : pool) {
      if (chosen.size() + 1 >= kCasesPerOperation) break;
      chosen.push_back(std::move(c));
    }
    Case valid{"the valid-looking request",
               op.method,
               target_with(path_values, query),
               base_headers,
               valid_text,
               false,
               {},
               true};
    if (webhook) valid.headers.push_back({"Stripe-Signature", sign(valid.body)});
    chosen.push_back(std::move(valid));
    return chosen;
  }

  template <class BodyCase>
  void field_cases(Context& cx, const json& schema, const json& body, const Path& at, bool top, BodyCase& body_case) {
    const json s = schemas_->concrete(schema);
    if (!s.is_object() || !s.contains("properties")) return;
    std::set<std::string> required;
    for (const auto& r : s.value("required", json::array())) required.insert(r.get<std::string>());
    for (const auto& [name, prop] : s["properties"].items()) {
      Path p = at;
      p.push_back(name);
      const json* current = value_at(const_cast<json&>(body), p);
      if (!current) continue;
      std::vector<std::string> keys;
      for (const auto& k : p)
        if (k.is_string()) keys.push_back(k.get<std::string>());
      const std::string label = path_name(p);
      const auto types = schemas_->types(prop);
      const json ps = schemas_->concrete(prop);
      const bool req = required.contains(name);
      auto mutated = [&](const json& value) {
        json b = body;
        *value_at(b, p) = value;
        return b.dump();
      };
      auto raw = [&](const std::string& text) { return with_raw(body, p, text); };
      {
        json b = body;
        erase_at(b, p);
        body_case(label + ": missing", b.dump(), req, keys, req && top);
      }
      body_case(label + ": null", mutated(nullptr), req && !types.contains("null"), keys, false);
      // Wrong types.
      const std::vector<std::pair<std::string, json>> others = {
          {"a string", "fuzz"},          {"an integer", 7},
          {"a fraction", 2.5},           {"a boolean", true},
          {"an object", json::object()}, {"an array", json::array({1})},
      };
      bool first_wrong = true;
      for (const auto& [what, v] : others) {
        if (types.empty() || Schemas::accepts(types, v)) continue;
        body_case(label + ": " + what + " instead", mutated(v), true, keys, top && first_wrong);
        first_wrong = false;
      }
      // Edge values of the type.
      const std::string format = ps.value("format", "");
      const std::string pattern = ps.value("pattern", "");
      std::vector<Edge> edges;
      auto append = [&](const std::vector<Edge>& more) { edges.insert(edges.end(), more.begin(), more.end()); };
      if (ps.contains("enum")) {
        const std::string first = ps["enum"][0].is_string() ? ps["enum"][0].get<std::string>() : "x";
        edges.push_back({"not one of the values", "\"not_a_value\"", true});
        if (upper(first) != first) edges.push_back({"upper case", as_json(upper(first)), true});
        edges.push_back({"with a space", as_json(first + " "), true});
        edges.push_back({"100 KB", as_json(std::string(100 * 1024, 'x')), true});
      } else if (format == "date-time") {
        append(instant_edges());
      } else if (format == "date" || name == "until") {
        append(date_edges());
      } else if (pattern.find("24:00") != std::string::npos) {
        append(clock_edges());
      } else if (types.contains("string")) {
        append(string_edges());
        if (name == "currency") {
          for (const char* code : {"XXX", "usd", "US", "EURO", "JPY", "BTC"})
            edges.push_back({std::string("currency ") + code, as_json(code), false});
        }
        if (format == "email" || name == "email") {
          edges.push_back({"not an email", "\"not-an-email\"", false});
          edges.push_back({"a 5 KB email", as_json(std::string(5 * 1024, 'a') + "@example.com"), false});
          edges.push_back({"a unicode email", as_json("\xC3\xBC\xE2\x80\x8F@example.com"), false});
        }
        if (name.size() > 3 && name.compare(name.size() - 3, 3, "_id") == 0) {
          const auto kind = kind_of_param(*cx.op, name);
          if (!kind.empty()) edges.push_back({"another tenant's " + kind, as_json(need(*cx.theirs, kind)), false});
        }
      }
      if (types.contains("integer")) append(integer_edges());
      if (types.contains("number") && !types.contains("integer")) append(number_edges());
      if (types.contains("array")) {
        edges.push_back({"empty array", "[]", false});
        edges.push_back({"nulls", "[null,null]", false});
        edges.push_back({"64 nested arrays", repeat("[", 64) + repeat("]", 64), false});
        edges.push_back({"50,000 nested arrays", repeat("[", 50000) + repeat("]", 50000), false});
        if (current->is_array() && !current->empty()) {
          json many = json::array();
          for (int i = 0; i < 2000; ++i) many.push_back((*current)[0]);
          edges.push_back({"2000 elements", many.dump(), false});
        }
      }
      if (types.contains("object")) {
        edges.push_back({"empty object", "{}", false});
        edges.push_back({"50,000 nested objects", repeat("{\"a\":", 50000) + "1" + repeat("}", 50000), false});
        if (current->is_object()) {
          json extra = *current;
          extra["zz_unknown"] = json::array({1, "x", nullptr});
          edges.push_back({"an unknown member", extra.dump(), Schemas::closed(ps)});
        }
      }
      for (const auto& edge : edges)
        body_case(label + ": " + edge.what, raw(edge.raw), edge.fails || out_of_bounds(ps, edge.raw), keys, false);
      if (current->is_object()) field_cases(cx, prop, body, p, false, body_case);
      if (current->is_array() && !current->empty() && ps.contains("items")) {
        Path element = p;
        element.push_back(0);
        const json items = schemas_->concrete(ps["items"]);
        if (items.contains("properties")) field_cases(cx, items, body, element, false, body_case);
      }
    }
  }

  /// Whether a value breaks its schema's bounds: minimum and maximum, minLength and maxLength.
  static bool out_of_bounds(const json& schema, const std::string& raw) {
    const auto v = json::parse(raw, nullptr, false);
    if (v.is_number()) {
      const double n = v.get<double>();
      return (schema.contains("minimum") && n < schema["minimum"].get<double>()) ||
             (schema.contains("maximum") && n > schema["maximum"].get<double>());
    }
    if (v.is_string()) {
      const auto& text = v.get_ref<const std::string&>();
      const auto chars = static_cast<std::size_t>(std::count_if(
          text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
      return (schema.contains("minLength") && chars < schema["minLength"].get<std::size_t>()) ||
             (schema.contains("maxLength") && chars > schema["maxLength"].get<std::size_t>());
    }
    return false;
  }

  // -- The answers -------------------------------------------------------------------------

  /// Why an answer is wrong; empty when it is right.
  std::string judge(const Operation& op, const Case& c, const Answer& a) const {
    if (a.status == 0) return a.failure;
    if (a.status >= 500) return "a server error";
    if (c.status && a.status != c.status) return "not the " + std::to_string(c.status) + " it must be";
    const std::string code = std::to_string(a.status);
    const json& responses = op.op["responses"];
    if (a.status == 415 && c.status != 415 && op.op.contains("requestBody"))
      for (const auto& [name, value] : c.headers)
        if (name == "Content-Type" && op.op["requestBody"]["content"].contains(lower(value.substr(0, value.find(';')))))
          return "the Content-Type the document declares refused";
    if (a.status < 400) {
      if (!responses.contains(code)) return "a status the document does not declare";
      if (a.status < 300 && c.must_fail) return "invalid input accepted";
      return "";
    }
    std::string type = lower(a.header("content-type"));
    type = type.substr(0, type.find(';'));
    while (!type.empty() && type.back() == ' ') type.pop_back();
    if (type != "application/problem+json") {
      if (responses.contains(code) && responses[code].contains("content") && responses[code]["content"].contains(type))
        return "";
      return "a " + code + " that is not problem+json (" + type + ")";
    }
    auto problem = json::parse(a.body, nullptr, false);
    if (!problem.is_object()) return "a problem that is not a JSON object";
    for (const char* member : {"type", "title", "detail"})
      if (!problem.contains(member) || !problem[member].is_string()) return std::string("a problem without ") + member;
    if (problem.value("status", 0) != a.status) return "a problem whose status is not the answer's";
    if (a.status == 422 && problem.value("code", "") == "invalid_argument") {
      const auto& errors = problem.value("errors", json::array());
      if (!errors.is_array() || errors.empty()) return "a validation error naming no field";
      bool named = c.field_keys.empty() || !c.must_fail;
      for (const auto& e : errors) {
        if (!e.is_object() || !e.contains("field") || !e["field"].is_string() ||
            e["field"].get<std::string>().empty() || !e.contains("message") || !e["message"].is_string())
          return "a validation error without field and message";
        const std::string field = e["field"];
        for (const auto& k : c.field_keys) named = named || field.find(k) != std::string::npos;
        named = named || field == "body";
      }
      if (!named) return kUnnamed;
    }
    return "";
  }

  using OpenApiHttpTest::send;
  Answer send(const Case& c) { return send(c.method, c.target, c.headers, c.body); }

  static std::string report(const Operation& op, const Case& c, const Answer& a, const std::string& why) {
    std::string headers;
    for (const auto& [k, v] : c.headers)
      headers += "\n      " + k + ": " + shown(k == "Authorization" ? v.substr(0, 20) + "..." : v, 120);
    return op.name() + " — " + c.what + ": " + why + "\n    request: " + c.method + " " + shown(c.target, 300) +
           headers + "\n    body: " + shown(c.body, 300) + "\n    answer: " + std::to_string(a.status) + " " +
           a.header("content-type") + " " + shown(a.body, 500);
  }

  /// The fields an answer's validation error names.
  static std::set<std::string> fields_named(const Answer& a) {
    std::set<std::string> out;
    auto j = json::parse(a.body, nullptr, false);
    if (a.status == 422 && j.is_object() && j.contains("errors") && j["errors"].is_array())
      for (const auto& e : j["errors"])
        if (e.is_object() && e.contains("field") && e["field"].is_string()) out.insert(e["field"].get<std::string>());
    return out;
  }
  /// The field of the answer's first validation error.
  static std::string field_of(const Answer& a) {
    auto j = json::parse(a.body, nullptr, false);
    if (!j.is_object() || !j.contains("errors") || !j["errors"].is_array() || j["errors"].empty()) return "";
    return j["errors"][0].value("field", "");
  }

  /// Runs every case of every operation, printing how many requests and how long.
  void fuzz(const std::vector<Operation>& ops) {
    World theirs{&theirs_, {}, 0, nullptr, false};
    const auto started = SteadyClock::now();
    std::size_t cases = 0;
    std::vector<std::string> never_accepted;
    for (const auto& op : ops) {
      World mine{&mine_, {}, 0, nullptr, false};
      Rng rng(fnv1a(op.name()));
      const auto op_started = SteadyClock::now();
      std::size_t candidates = 0;
      auto list = cases_for(op, mine, theirs, rng, candidates);
      std::vector<std::string> failures;
      // A validation error that names another field than the one a case broke is a finding only
      // if the valid-looking request (sent last) does not name that field itself.
      std::vector<std::pair<std::string, std::set<std::string>>> unnamed;
      bool accepted = false;
      for (const auto& c : list) {
        auto a = send(c);
        accepted = accepted || (a.status >= 200 && a.status < 400);
        last_status_ = a.status;
        last_body_ = a.body;
        if (auto why = judge(op, c, a); why == kUnnamed)
          unnamed.push_back({report(op, c, a, why), fields_named(a)});
        else if (!why.empty())
          failures.push_back(report(op, c, a, why));
        if (a.status == 0 || a.status >= 500)
          if (!healthy()) {
            ADD_FAILURE() << report(op, c, a, "and the server stopped answering /health");
            return;
          }
      }
      const auto valid_named = fields_named(list.empty() ? Answer{} : Answer{last_status_, "", {}, last_body_, 0});
      for (const auto& [failure, fields] : unnamed)
        if (!std::includes(valid_named.begin(), valid_named.end(), fields.begin(), fields.end()))
          failures.push_back(failure);
      cases += list.size();
      if (!accepted) never_accepted.push_back(op.name());
      const double seconds = std::chrono::duration<double>(SteadyClock::now() - op_started).count();
      for (std::size_t i = 0; i < failures.size() && i < 8; ++i) ADD_FAILURE() << failures[i];
      if (failures.size() > 8) ADD_FAILURE() << op.name() << ": and " << failures.size() - 8 << " more";
      EXPECT_TRUE(healthy()) << op.name() << ": /health does not answer after the operation's cases";
      if (std::getenv("SLOTBASE_FUZZ_VERBOSE"))
        std::cout << "  " << op.name() << ": " << list.size() << " of " << candidates << " cases, " << seconds
                  << " s, the valid-looking request: " << last_status_ << " "
                  << (last_status_ < 300 ? "" : shown(last_body_, 300)) << "\n";
    }
    const double seconds = std::chrono::duration<double>(SteadyClock::now() - started).count();
    std::cout << "[ fuzz     ] " << GetParam() << ": " << ops.size() << " operations, " << cases << " cases, "
              << requests_ << " requests in " << seconds << " s; " << ops.size() - never_accepted.size()
              << " operations took at least one request (never: " << json(never_accepted).dump() << ")\n";
  }

  int last_status_ = 0;
  std::string last_body_;
};

TEST_P(FuzzHttpTest, EveryOperationAnswersBadInputWithA4xxProblemNeverA5xx) {
  const auto ops = operations();
  ASSERT_FALSE(ops.empty());
  fuzz(ops);
  EXPECT_TRUE(healthy());
  // The server's own invariants hold: no two live bookings of a resource overlap.
  const auto overlaps = app_->database().read([](db::Connection& c) {
    std::string out;
    for (const auto& r : c.query("SELECT a.id, b.id FROM bookings a JOIN bookings b ON a.resource_id = b.resource_id "
                                 "AND a.id < b.id AND a.start_at < b.end_at AND b.start_at < a.end_at "
                                 "WHERE a.status IN ('confirmed', 'checked_in') AND b.status IN ('confirmed', "
                                 "'checked_in')"))
      out += r.text(0) + " and " + r.text(1) + "; ";
    return out;
  });
  EXPECT_EQ(overlaps, "") << "double bookings after fuzzing";
  // And every event written is well-formed and was handled: none dead, no subscriber stuck.
  work();
  const auto events = app_->database().read([](db::Connection& c) {
    std::string out;
    for (const auto& r : c.query("SELECT event_id, type, payload, metadata FROM outbox"))
      if (r.text(1).empty() || !json::parse(r.text(2), nullptr, false).is_object() ||
          !json::parse(r.text(3), nullptr, false).is_object())
        out += r.text(0) + " " + r.text(1) + ": " + r.text(2) + "; ";
    for (const auto& r : c.query("SELECT subscriber, event_id, error FROM dead_events"))
      out += "dead at " + r.text(0) + ": " + r.text(1) + " " + r.text(2) + "; ";
    for (const auto& r : c.query("SELECT subscriber, last_error FROM event_subscriptions WHERE last_error IS NOT NULL"))
      out += "stuck: " + r.text(0) + " " + r.text(1) + "; ";
    return out;
  });
  EXPECT_EQ(events, "") << "events after fuzzing";
}

// What the fuzzer found, each kept as a focused case.

// A signed event whose data is not an object: 500 ("cannot use value() with string").
TEST_P(FuzzHttpTest, ASignedEventOfAnyShapeIsTakenNeverAServerError) {
  const std::vector<std::string> data = {R"("data":"x",)",
                                         R"("data":[1],)",
                                         R"("data":null,)",
                                         "",
                                         R"("data":{},)",
                                         R"("data":{"object":[]},)",
                                         R"("data":{"object":{"id":7}},)"};
  for (std::size_t i = 0; i < data.size(); ++i) {
    const std::string payload = R"({"id":"evt_shape)" + std::to_string(i) + R"(",)" + data[i] + R"("type":"ping"})";
    auto a = call("POST", "/api/v1/webhooks/sandbox", payload, nullptr, {{"Stripe-Signature", sign(payload)}});
    EXPECT_EQ(a.status, 200) << payload << " -> " << a.body;
  }
}

// On PostgreSQL a path or query parameter that was not UTF-8 was 500 ("invalid byte sequence"),
// and one with a NUL reached the object its text before the NUL names (libpq ends text at NUL).
TEST_P(FuzzHttpTest, PathAndQueryParametersAreUtf8TextWithoutNul) {
  const std::string booking =
      book_as(player_, court_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").value("id", std::string());
  EXPECT_EQ(call("GET", "/api/v1/bookings/" + booking, "", &owner_).status, 200);
  for (const char* junk : {"%00", "%00x", "%FF", "%C0%AF", "%ED%A0%80", "%2500"}) {
    auto a = call("GET", "/api/v1/bookings/" + booking + junk, "", &owner_);
    EXPECT_EQ(a.status, 404) << junk << " -> " << a.body;
  }
  for (const char* junk : {"%FF", "%00", "%C0%AF"}) {
    auto a = call("GET", std::string("/api/v1/facilities?q=") + junk, "", &owner_);
    EXPECT_EQ(a.status, 422) << junk << " -> " << a.body;
    EXPECT_EQ(field_of(a), "q");
  }
}

// An encoded slash was decoded before routing: GET /api/v1/facilities/%2F listed the facilities.
TEST_P(FuzzHttpTest, AnEncodedSlashStaysInsideItsPathSegment) {
  for (const char* path : {"/api/v1/facilities/%2F", "/api/v1/organizations/%2F", "/api/v1/bookings/%2F",
                           "/api/v1/facilities/x%2Fhours"}) {
    auto a = call("GET", path, "", &owner_);
    EXPECT_EQ(a.status, 404) << path << " -> " << shown(a.body, 200);
  }
  EXPECT_EQ(call("GET", "/api/v1/facilities/" + facility_ + "/hours", "", &owner_).status, 200);
}

// A NUL in a JSON string reached PostgreSQL: 500 (jsonb holds no \u0000).
TEST_P(FuzzHttpTest, TextWithNulIsRefusedNamingTheField) {
  auto a = call("POST", "/api/v1/organizations", R"({"name":"Club\u0000"})", &owner_);
  EXPECT_EQ(a.status, 422) << a.body;
  EXPECT_EQ(field_of(a), "name");
  a = call("POST", "/api/v1/organizations/" + mine_.org + "/facilities",
           R"({"name":"Courts","timezone":"America/New_York","currency":"USD","address":{"city":"\u0000"}})", &owner_);
  EXPECT_EQ(a.status, 422) << a.body;
  EXPECT_EQ(field_of(a), "city");
}

// An Idempotency-Key of bytes that are not UTF-8: 500 on PostgreSQL.
TEST_P(FuzzHttpTest, AnIdempotencyKeyIsUtf8Text) {
  auto a = call("POST", "/api/v1/organizations", R"({"name":"Club"})", &owner_, {{"Idempotency-Key", "\xFF\xFE"}});
  EXPECT_EQ(a.status, 422) << a.body;
  EXPECT_EQ(field_of(a), "Idempotency-Key");
}

// Operating hours: a holiday's "closed" that was not true or false was 500; a closed holiday's
// open and close were not read at all; weekday 4294967297 was taken as Monday.
TEST_P(FuzzHttpTest, OperatingHoursCheckEveryMember) {
  const std::string target = "/api/v1/facilities/" + facility_ + "/hours";
  const std::string weekly = R"("weekly":[{"weekday":1,"open":"08:00","close":"20:00"}])";
  for (const auto& [holiday, field] :
       std::vector<std::pair<std::string, std::string>>{{R"("closed":1)", "holidays[0].closed"},
                                                        {R"("closed":null)", "holidays[0].closed"},
                                                        {R"("closed":"yes")", "holidays[0].closed"},
                                                        {R"("closed":true,"open":"25:00")", "holidays[0].open"},
                                                        {R"("closed":true,"close":7)", "holidays[0].close"}}) {
    auto a = call("PUT", target, "{" + weekly + R"(,"holidays":[{"date":"2026-12-24","name":"Eve",)" + holiday + "}]}",
                  &owner_);
    EXPECT_EQ(a.status, 422) << holiday << " -> " << a.body;
    EXPECT_EQ(field_of(a), field) << holiday;
  }
  for (const char* weekday : {"4294967297", "9007199254740993", "9223372036854775808"}) {
    auto a =
        call("PUT", target,
             std::string(R"({"weekly":[{"weekday":)") + weekday + R"(,"open":"08:00","close":"20:00"}]})", &owner_);
    EXPECT_EQ(a.status, 422) << weekday << " -> " << a.body;
    EXPECT_EQ(field_of(a), "weekly[0].weekday");
  }
  EXPECT_EQ(
      call("PUT", target, "{" + weekly + R"(,"holidays":[{"date":"2026-12-24","name":"Eve","closed":true}]})", &owner_)
          .status,
      200);
}

// A price rule's name that was not a string: 500.
TEST_P(FuzzHttpTest, APriceRuleNameIsText) {
  for (const char* name : {"7", "null", "{}", "[]", "true"}) {
    auto a = call("PUT", "/api/v1/resources/" + court_ + "/pricing",
                  std::string(R"({"base":{"amount":2000,"currency":"USD"},"rules":[{"name":)") + name +
                      R"(,"weekdays":[1],"from":"17:00","to":"21:00","price":{"amount":3000,"currency":"USD"}}]})",
                  &owner_);
    EXPECT_EQ(a.status, 422) << name << " -> " << a.body;
    EXPECT_EQ(field_of(a), "rules[0].name");
  }
}

// Credit was granted to, and listed for, users who do not exist: "..", "%00", 5 KB of "a".
TEST_P(FuzzHttpTest, CreditIsForUsersWhoExist) {
  const std::string members = "/api/v1/facilities/" + facility_ + "/members/";
  const std::string body = R"({"amount":500,"reason":"goodwill"})";
  for (const std::string& user :
       {std::string("usr_nobody"), std::string(".."), std::string(5 * 1024, 'a'), rival_.id + "x"}) {
    EXPECT_EQ(call("POST", members + user + "/credit", body, &owner_).status, 404) << user.substr(0, 20);
    EXPECT_EQ(call("GET", members + user + "/credit/ledger", "", &owner_).status, 404) << user.substr(0, 20);
  }
  EXPECT_EQ(call("POST", members + player_.id + "/credit", body, &owner_).status, 201);
  EXPECT_EQ(call("GET", members + player_.id + "/credit/ledger", "", &owner_).status, 200);
}

// The sandbox's card form took any "type"; a paid intent's confirm took an empty payment method.
TEST_P(FuzzHttpTest, PaymentMethodsAreNamed) {
  auto a = call("POST", "/sandbox/v1/payment_methods",
                R"({"type":"bank","card":{"number":"4242424242424242","exp_month":12,"exp_year":2030,"cvc":"123"}})");
  EXPECT_EQ(a.status, 422) << a.body;
  EXPECT_EQ(field_of(a), "type");
  World w{&mine_, {}, 0, nullptr, false};
  const std::string intent = need(w, "intent");
  const std::string confirm = "/api/v1/payment-intents/" + intent + "/confirm";
  ASSERT_EQ(call("POST", confirm, json{{"payment_method", payment_method("4242424242424242")}}.dump(), &owner_).status,
            200);
  a = call("POST", confirm, R"({"payment_method":""})", &owner_);
  EXPECT_EQ(a.status, 422) << a.body;
  EXPECT_EQ(field_of(a), "payment_method");
}

SB_INSTANTIATE_BACKENDS(FuzzHttpTest);

}  // namespace
}  // namespace slotbase::testing
