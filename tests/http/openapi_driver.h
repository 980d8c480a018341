#pragma once

// The OpenAPI document the server serves, as a driver of requests: every operation it lists, the
// real objects of a tenant to bind its path parameters to (made fresh for each operation), and a
// valid-looking request built from its parameters and request body schema. The fuzzer sends
// mutations of that request; the authorization matrix sends it as each kind of caller.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "http/booking_fixture.h"

namespace slotbase::testing::openapi {

using json = nlohmann::json;
using Headers = std::vector<std::pair<std::string, std::string>>;

constexpr auto kAnswerWithin = std::chrono::seconds(10);
constexpr const char* kPassword = "a long enough passphrase";

// ---------------------------------------------------------------------------------------------
// The wire: a raw HTTP/1.1 exchange over a socket with a deadline, so that any bytes can be sent
// (raw invalid UTF-8 in the request line, a body under any Content-Type) and a hang is a finding.

struct Answer {
  int status = 0;                              // 0: no answer
  std::string failure;                         // why there is no answer
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  double seconds = 0;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

/// Sends `request` as it is and reads the answer until the server closes, within kAnswerWithin.
Answer send_raw(std::uint16_t port, const std::string& request);

std::string lower(std::string s);
std::string upper(std::string s);
std::string repeat(const std::string& s, std::size_t n);
/// Percent-encodes everything but unreserved characters.
std::string encode(const std::string& s);
/// Bytes as a reader can see them: non-printable ones escaped, long texts cut.
std::string shown(const std::string& s, std::size_t limit = 300);
/// A small valid PNG (a few pixels), for operations whose body is an image.
std::string fixture_png();
/// An object's members in an HTML form's encoding.
std::string form_text(const nlohmann::json& b);

// ---------------------------------------------------------------------------------------------
// The document.

class Schemas {
 public:
  explicit Schemas(const json& doc) : doc_(doc) {}

  /// The schema behind `$ref`s, with `allOf` merged into one.
  json resolve(const json& schema) const;
  /// The JSON types a schema allows; empty when it says nothing.
  std::set<std::string> types(const json& schema) const;
  /// The branch of a oneOf/anyOf (or of a type list) a valid value takes: the first not null.
  json concrete(const json& schema) const;
  /// Whether an object schema refuses members it does not name.
  static bool closed(const json& schema);
  static bool accepts(const std::set<std::string>& types, const json& v);

 private:
  const json& doc_;
};

struct Operation {
  std::string method, path;
  json op, item;
  std::string name() const { return method + " " + path; }
  bool public_route() const { return op.contains("security") && op["security"].empty(); }
  bool unsafe() const { return method != "GET" && method != "HEAD"; }
  bool webhook() const { return path.rfind("/api/v1/webhooks/", 0) == 0; }
};

// ---------------------------------------------------------------------------------------------
// The fixture: the booking fixture's owner and player, a platform admin, and another tenant.

class OpenApiHttpTest : public BookingHttpTest {
 protected:
  struct Tenant {
    Account* staff = nullptr;
    Account* member = nullptr;
    std::string org;
    std::string label;
  };

  /// The objects one operation is driven against: made on first use, so each operation has its
  /// own facility and nothing one operation changes or uses up reaches the next. `holder` makes
  /// what a player holds (holds, waitlist entries, payment intents, the calendar feed, a
  /// notification): the staff, unless told otherwise. `hidden`: its facilities are private, seen
  /// only by their players and staff.
  struct World {
    Tenant* tenant = nullptr;
    std::map<std::string, std::string> ids;
    int slots = 0;
    Account* holder = nullptr;
    bool hidden = false;
    /// Who else works at its facilities, and as what (facility_manager, staff, coach).
    std::vector<std::pair<const Account*, std::string>> crew = {};
  };

  /// What the valid-looking values of one request are made for.
  struct Context {
    const Operation* op;
    World* world;
    World* theirs;
    Account who;
    std::pair<std::string, std::string> slot;
  };

  /// An operation's valid-looking request: its path parameters bound to the world's objects, its
  /// required query parameters, an example of its body and the caller's token.
  struct Request {
    Context cx;
    std::map<std::string, std::string> path_values;
    std::map<std::string, std::string> query;  // name -> encoded value
    std::vector<json> query_params;
    std::string content_type;  // the body's, empty without one
    std::set<std::string> declared_types;
    json body_schema = json::object();
    bool body_required = false;
    bool form = false;
    bool image = false;  // the body is an image's bytes (an upload), not a document
    bool send_token = false;
    json body;
    std::string text;
    Headers headers;
    std::string target() const { return target_with(path_values, query); }
    std::string target_with(const std::map<std::string, std::string>& values,
                            const std::map<std::string, std::string>& q) const;
  };

  void configure(Config& c) override { c.rate_limit = "off"; }
  void SetUp() override;

  std::vector<Operation> operations() const;

  // -- The objects -------------------------------------------------------------------------

  /// A slot tomorrow on the world's courts (open around the clock), one hour, never used before.
  std::pair<std::string, std::string> slot(World& w);
  std::string made(const HttpResult& r, int status, const std::string& what, const std::string& field = "id");
  json book_as(const Account& who, const std::string& court, const std::string& start, const std::string& end);
  /// The id of the world's object of `kind`, made when first asked for.
  std::string need(World& w, const std::string& kind);
  std::string make(World& w, const std::string& kind);
  std::string payment_method(const std::string& number);
  /// What a path or query parameter names, by its name.
  static std::string kind_of_param(const Operation& op, const std::string& name);
  Account scratch() { return sign_up("scratch" + std::to_string(++scratches_) + "@example.com"); }

  // -- Valid-looking values ----------------------------------------------------------------

  /// A value for a member by its name and place, where its schema alone does not say enough.
  std::optional<json> hint(Context& cx, const std::string& path, const std::string& name);
  json example(Context& cx, const json& raw, const std::string& path, const std::string& name, int depth = 0);
  std::vector<json> parameters(const Operation& op) const;
  /// A valid-looking value of a query parameter.
  std::optional<std::string> query_value(Context& cx, const json& p);
  /// A webhook's signature as the sandbox provider signs it.
  std::string sign(const std::string& payload) const;
  /// The operation's valid-looking request as `who`.
  Request request_for(const Operation& op, World& mine, World& theirs, const Account& who);

  // -- Sending -----------------------------------------------------------------------------

  Answer send(const std::string& method, const std::string& target, const Headers& headers, const std::string& body);
  /// One request as the regression cases send it: raw, with the caller's token and JSON body.
  Answer call(const std::string& method, const std::string& target, const std::string& body = "",
              const Account* who = nullptr, Headers headers = {});
  bool healthy() { return send("GET", "/health", {}, "").status == 200; }

  Tenant mine_, theirs_;
  Account admin_, rival_, rival_member_;
  json doc_;
  std::unique_ptr<Schemas> schemas_;
  int facilities_ = 0, scratches_ = 0, emails_ = 0;
  std::size_t requests_ = 0;
};

}  // namespace slotbase::testing::openapi
