#include "http/openapi_driver.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "identity/identity_service.h"
#include "platform/config/config.h"
#include "platform/core/encoding.h"
#include "platform/media/png.h"

namespace slotbase::testing::openapi {
namespace {

using SteadyClock = std::chrono::steady_clock;

std::string dechunk(const std::string& in) {
  std::string out;
  std::size_t pos = 0;
  while (pos < in.size()) {
    auto eol = in.find("\r\n", pos);
    if (eol == std::string::npos) break;
    std::size_t n = std::strtoul(in.substr(pos, eol - pos).c_str(), nullptr, 16);
    if (n == 0) break;
    out += in.substr(eol + 2, n);
    pos = eol + 2 + n + 2;
  }
  return out;
}

Answer parse_answer(const std::string& in) {
  Answer a;
  std::size_t start = 0;
  for (;;) {
    auto end = in.find("\r\n\r\n", start);
    if (end == std::string::npos || in.compare(start, 5, "HTTP/") != 0) {
      a.failure = "no complete answer (" + std::to_string(in.size()) + " bytes)";
      return a;
    }
    auto sp = in.find(' ', start);
    a.status = std::atoi(in.c_str() + sp + 1);
    if (a.status >= 200 || a.status < 100) {
      std::size_t line = in.find("\r\n", start) + 2;
      while (line < end) {
        auto eol = in.find("\r\n", line);
        auto colon = in.find(':', line);
        if (colon != std::string::npos && colon < eol) {
          std::string value = in.substr(colon + 1, eol - colon - 1);
          while (!value.empty() && value.front() == ' ') value.erase(0, 1);
          a.headers[lower(in.substr(line, colon - line))] = value;
        }
        line = eol + 2;
      }
      std::string body = in.substr(end + 4);
      if (lower(a.header("transfer-encoding")).find("chunked") != std::string::npos) {
        body = dechunk(body);
      } else if (!a.header("content-length").empty()) {
        const std::size_t n = std::strtoull(a.header("content-length").c_str(), nullptr, 10);
        if (body.size() < n) {
          a.failure = "the answer's body ends early (" + std::to_string(body.size()) + " of " + std::to_string(n) + ")";
          a.status = 0;
          return a;
        }
        body.resize(n);
      }
      a.body = std::move(body);
      return a;
    }
    start = end + 4;  // an interim 1xx answer
  }
}

}  // namespace

std::string fixture_png() {
  return media::encode_png(2, 2, {0x228B22, 0xFFFFFF, 0xFFFFFF, 0x228B22});
}

std::string form_text(const json& b) {
  std::string out;
  if (b.is_object())
    for (const auto& [k, v] : b.items())
      out += (out.empty() ? "" : "&") + encode(k) + "=" + encode(v.is_string() ? v.get<std::string>() : v.dump());
  return out;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Answer send_raw(std::uint16_t port, const std::string& request) {
  const auto started = SteadyClock::now();
  const auto deadline = started + kAnswerWithin;
  Answer a;
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    a.failure = std::string("cannot connect: ") + std::strerror(errno);
    if (fd >= 0) ::close(fd);
    return a;
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  std::size_t sent = 0;
  std::string in;
  std::vector<char> buf(1 << 16);
  for (bool eof = false; !eof;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now()).count();
    if (left <= 0) {
      a.failure = "no answer within " + std::to_string(kAnswerWithin.count()) + " s (" + std::to_string(in.size()) +
                  " bytes so far)";
      ::close(fd);
      return a;
    }
    pollfd p{fd, static_cast<short>(POLLIN | (sent < request.size() ? POLLOUT : 0)), 0};
    if (::poll(&p, 1, static_cast<int>(left)) <= 0) continue;
    if ((p.revents & POLLOUT) && sent < request.size()) {
      const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n > 0) sent += static_cast<std::size_t>(n);
      // The server stopped reading (a refused body): its answer says why.
      else if (n < 0 && errno != EAGAIN && errno != EINTR)
        sent = request.size();
    }
    if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
      const ssize_t n = ::recv(fd, buf.data(), buf.size(), 0);
      if (n > 0)
        in.append(buf.data(), static_cast<std::size_t>(n));
      else if (n == 0 || (errno != EAGAIN && errno != EINTR))
        eof = true;
    }
  }
  ::close(fd);
  a = parse_answer(in);
  a.seconds = std::chrono::duration<double>(SteadyClock::now() - started).count();
  return a;
}

std::string encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

std::string shown(const std::string& s, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < s.size() && i < limit; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c >= 0x7f) {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\x%02x", c);
      out += esc;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  if (s.size() > limit) out += "... (" + std::to_string(s.size()) + " bytes)";
  return out;
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

json Schemas::resolve(const json& schema) const {
  json s = schema;
  for (int i = 0; i < 32 && s.is_object() && s.contains("$ref"); ++i)
    s = doc_.at(json::json_pointer(s["$ref"].get<std::string>().substr(1)));
  if (!s.is_object() || !s.contains("allOf")) return s;
  json merged = s;
  merged.erase("allOf");
  for (const auto& part : s["allOf"]) {
    json p = resolve(part);
    for (const auto& [k, v] : p.items()) {
      if (k == "properties") {
        for (const auto& [pk, pv] : v.items()) merged["properties"][pk] = pv;
      } else if (k == "required") {
        for (const auto& r : v) merged["required"].push_back(r);
      } else if (!merged.contains(k)) {
        merged[k] = v;
      }
    }
  }
  return merged;
}

std::set<std::string> Schemas::types(const json& schema) const {
  const json s = resolve(schema);
  std::set<std::string> t;
  if (!s.is_object()) return t;
  if (s.contains("type")) {
    if (s["type"].is_string())
      t.insert(s["type"].get<std::string>());
    else
      for (const auto& x : s["type"]) t.insert(x.get<std::string>());
  }
  for (const char* k : {"oneOf", "anyOf"}) {
    if (!s.contains(k)) continue;
    for (const auto& branch : s[k]) {
      auto bt = types(branch);
      t.insert(bt.begin(), bt.end());
    }
  }
  if (t.empty() && s.contains("properties")) t.insert("object");
  if (t.empty() && s.contains("items")) t.insert("array");
  if (t.empty() && s.contains("enum"))
    for (const auto& e : s["enum"]) t.insert(e.is_string() ? "string" : e.is_boolean() ? "boolean" : "number");
  return t;
}

json Schemas::concrete(const json& schema) const {
  json s = resolve(schema);
  for (const char* k : {"oneOf", "anyOf"}) {
    if (!s.is_object() || !s.contains(k)) continue;
    for (const auto& branch : s[k]) {
      auto bt = types(branch);
      if (!(bt.size() == 1 && bt.contains("null"))) return concrete(branch);
    }
  }
  if (s.is_object() && s.contains("type") && s["type"].is_array()) {
    for (const auto& t : s["type"])
      if (t != "null") {
        s["type"] = t;
        break;
      }
  }
  return s;
}

bool Schemas::closed(const json& schema) {
  return schema.is_object() && schema.contains("additionalProperties") && schema["additionalProperties"] == false;
}

bool Schemas::accepts(const std::set<std::string>& types, const json& v) {
  if (types.empty()) return true;
  if (v.is_null()) return types.contains("null");
  if (v.is_boolean()) return types.contains("boolean");
  if (v.is_number_integer()) return types.contains("integer") || types.contains("number");
  if (v.is_number()) return types.contains("number");
  if (v.is_string()) return types.contains("string");
  if (v.is_array()) return types.contains("array");
  return types.contains("object");
}

void OpenApiHttpTest::SetUp() {
  BookingHttpTest::SetUp();
  if (IsSkipped()) return;
  auto orgs = client_->get("/api/v1/organizations", owner_.access).json();
  ASSERT_FALSE(orgs["items"].empty()) << orgs.dump();
  mine_ = {&owner_, &player_, orgs["items"][0]["id"], "owner"};
  admin_ = sign_up_platform_admin("admin@example.com");
  rival_ = sign_up("rival@example.com");
  rival_member_ = sign_up("rival.member@example.com");
  theirs_ = {&rival_, &rival_member_, create_organization(rival_, "Rival Club"), "another tenant"};
  auto doc = client_->get("/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  doc_ = doc.json();
  schemas_ = std::make_unique<Schemas>(doc_);
}

std::vector<Operation> OpenApiHttpTest::operations() const {
  std::vector<Operation> ops;
  for (const auto& [path, item] : doc_["paths"].items())
    for (const auto& [method, op] : item.items()) {
      if (method != "parameters") ops.push_back({upper(method), path, op, item});
    }
  return ops;
}

std::pair<std::string, std::string> OpenApiHttpTest::slot(World& w) {
  const auto start = *parse_rfc3339("2026-11-25T13:00:00Z") + std::chrono::hours(w.slots++);
  return {format_rfc3339(start), format_rfc3339(start + std::chrono::hours(1))};
}

std::string OpenApiHttpTest::made(const HttpResult& r, int status, const std::string& what, const std::string& field) {
  if (r.status != status) {
    ADD_FAILURE() << "cannot make " << what << " to fuzz with: " << r.status << " " << shown(r.body, 500);
    return "missing-" + what;
  }
  auto j = r.json();
  return j.contains(field) && j[field].is_string() ? j[field].get<std::string>() : "missing-" + what;
}

json OpenApiHttpTest::book_as(const Account& who, const std::string& court, const std::string& start,
                              const std::string& end) {
  auto h = client_->post("/api/v1/holds", {{"resource_id", court}, {"start", start}, {"end", end}}, who.access);
  const std::string hold = made(h, 201, "a hold");
  auto b = client_->post("/api/v1/holds/" + hold + "/confirm", {{"payment", {{"method", "offline"}}}}, who.access);
  return b.status == 201 ? b.json() : json{{"id", made(b, 201, "a booking")}};
}

std::string OpenApiHttpTest::need(World& w, const std::string& kind) {
  if (auto it = w.ids.find(kind); it != w.ids.end()) return it->second;
  std::string id = make(w, kind);
  w.ids[kind] = id;
  return id;
}

std::string OpenApiHttpTest::make(World& w, const std::string& kind) {
  const auto& staff = *w.tenant->staff;
  const auto& member = *w.tenant->member;
  const auto& holder = w.holder ? *w.holder : staff;
  static const json weekly = [] {
    json days = json::array();
    for (int d = 1; d <= 7; ++d) days.push_back({{"weekday", d}, {"open", "00:00"}, {"close", "24:00"}});
    return days;
  }();
  if (kind == "org") return w.tenant->org;
  if (kind == "image") {
    // The world's facility's logo: the stored file's name, from the URL it is served at.
    auto r = client_->request("PUT", "/api/v1/facilities/" + need(w, "facility") + "/logo", fixture_png(),
                              {{"Content-Type", "image/png"}, {"Authorization", "Bearer " + staff.access}});
    const std::string url = made(r, 200, "a logo", "logo_url");
    return url.substr(url.rfind('/') + 1);
  }
  if (kind == "user") return member.id;
  if (kind == "facility" || kind == "card_facility" || kind == "approval_facility") {
    const std::string name = "Fuzz " + w.tenant->label + " " + std::to_string(++facilities_);
    auto r = client_->post("/api/v1/organizations/" + w.tenant->org + "/facilities",
                           {{"name", name}, {"timezone", "America/New_York"}, {"currency", "USD"}}, staff.access);
    const std::string id = made(r, 201, "a facility");
    client_->send("PUT", "/api/v1/facilities/" + id + "/hours", {{"weekly", weekly}}, staff.access);
    json policies = {{"payment_timing", kind == "card_facility" ? "at_booking" : "before_session"},
                     {"require_booking_approval", kind == "approval_facility"},
                     {"recurring_horizon_days", 366},
                     {"allow_player_recurring", true}};
    json patch = {{"policies", policies}};
    if (w.hidden) patch["settings"] = {{"public", false}};
    auto p = client_->send("PATCH", "/api/v1/facilities/" + id, patch, staff.access);
    made(p, 200, "the facility's policies");
    if (kind == "card_facility") {
      auto c = client_->post("/api/v1/facilities/" + id + "/payments/connect", json::object(), staff.access);
      const std::string url = made(c, 201, "a payment account", "onboarding_url");
      w.ids["account"] = url.substr(url.rfind('/') + 1);
      client_->request("POST", url);
      work();
    }
    // The member plays there: on its roster.
    made(client_->post("/api/v1/facilities/" + id + "/members", {{"email", member.email}}, staff.access), 201,
         "a member of the facility");
    for (const auto& [who, role] : w.crew)
      made(client_->post("/api/v1/facilities/" + id + "/staff", {{"email", who->email}, {"role", role}}, staff.access),
           201, "a " + role + " of the facility", "role");
    return id;
  }
  if (kind == "court" || kind == "card_court" || kind == "approval_court") {
    const std::string facility = need(w, kind.substr(0, kind.size() - 5) + "facility");
    auto r = client_->post("/api/v1/facilities/" + facility + "/resources",
                           {{"name", "Court"}, {"type", "tennis_court"}}, staff.access);
    const std::string id = made(r, 201, "a court");
    client_->send("PUT", "/api/v1/resources/" + id + "/pricing",
                  {{"base", {{"amount", 2000}, {"currency", "USD"}}}, {"per_minutes", 60}}, staff.access);
    return id;
  }
  if (kind == "hold") {
    auto [start, end] = slot(w);
    return made(client_->post("/api/v1/holds", {{"resource_id", need(w, "court")}, {"start", start}, {"end", end}},
                              holder.access),
                201, "a hold");
  }
  if (kind == "card_hold") {
    auto [start, end] = slot(w);
    return made(client_->post("/api/v1/holds", {{"resource_id", need(w, "card_court")}, {"start", start}, {"end", end}},
                              holder.access),
                201, "a hold to pay by card");
  }
  if (kind == "booking") {
    // Today, starting within the hour: open for check-in.
    return book_as(member, need(w, "court"), "2026-11-24T12:30:00Z", "2026-11-24T13:30:00Z")["id"];
  }
  if (kind == "payment") {
    return made(client_->post("/api/v1/bookings/" + need(w, "booking") + "/payments",
                              {{"amount", 1000}, {"method", "cash"}}, staff.access),
                201, "a desk payment");
  }
  if (kind == "refund") {
    return made(client_->post("/api/v1/payments/" + need(w, "payment") + "/refunds",
                              {{"amount", 100}, {"destination", "credit"}, {"reason", "fuzz"}}, staff.access),
                201, "a refund");
  }
  if (kind == "fee") {
    // Cancelled an hour and a half ahead: a late cancellation's fee.
    const std::string id = book_as(member, need(w, "court"), "2026-11-24T13:30:00Z", "2026-11-24T14:30:00Z")["id"];
    client_->post("/api/v1/bookings/" + id + "/cancel", {{"reason", "fuzz"}}, member.access);
    work();
    auto fees = client_->get("/api/v1/bookings/" + id + "/payments", staff.access).json()["fees"];
    if (!fees.is_array() || fees.empty()) {
      ADD_FAILURE() << "cannot make a fee to fuzz with: " << fees.dump();
      return "missing-fee";
    }
    return fees[0]["id"];
  }
  if (kind == "block") {
    auto [start, end] = slot(w);
    return made(client_->post("/api/v1/resources/" + need(w, "court") + "/blocks",
                              {{"start", start}, {"end", end}, {"reason", "fuzz"}}, staff.access),
                201, "a block");
  }
  if (kind == "series") {
    auto [start, end] = slot(w);
    auto r = client_->post("/api/v1/recurring-bookings",
                           {{"resource_id", need(w, "court")},
                            {"start", start},
                            {"end", end},
                            {"rrule", "FREQ=WEEKLY;COUNT=2"},
                            {"user_id", member.id},
                            {"type", "lesson"}},
                           staff.access);
    const auto occurrences = r.json().value("occurrences", json::array());
    w.ids["occurrence"] = occurrences.empty() ? "missing-occurrence" : occurrences[0].value("id", "");
    return made(r, 201, "a series");
  }
  if (kind == "occurrence") {
    need(w, "series");
    return w.ids["occurrence"];
  }
  if (kind == "pending_booking") {
    auto [start, end] = slot(w);
    return book_as(member, need(w, "approval_court"), start, end)["id"];
  }
  if (kind == "entry") {
    // The staff queue for the slot the member booked.
    need(w, "booking");
    return made(
        client_->post(
            "/api/v1/waitlist",
            {{"resource_id", need(w, "court")}, {"start", "2026-11-24T12:30:00Z"}, {"end", "2026-11-24T13:30:00Z"}},
            holder.access),
        201, "a waitlist entry");
  }
  if (kind == "intent" || kind == "provider_intent") {
    const std::string hold = need(w, "card_hold");
    w.ids.erase("card_hold");
    auto r = client_->post("/api/v1/payment-intents", {{"hold_id", hold}}, holder.access);
    const std::string id = made(r, 201, "a payment intent");
    if (kind == "intent") return id;
    // The provider's intent, waiting at its 3-D Secure page.
    auto paid = client_->post("/api/v1/payment-intents/" + id + "/confirm",
                              {{"payment_method", payment_method("4000002500003155")}}, holder.access);
    const std::string url = paid.json()["next_action"].value("redirect_url", std::string("missing-page"));
    return url.substr(url.rfind('/') + 1);
  }
  if (kind == "account") {
    need(w, "card_facility");
    return w.ids["account"];
  }
  if (kind == "calendar_token") {
    auto r = client_->get("/api/v1/me/calendar-feed", holder.access);
    const std::string url = made(r, 200, "a calendar feed", "url");
    const auto from = url.rfind('/') + 1;
    return url.substr(from, url.rfind(".ics") - from);
  }
  if (kind == "unsubscribe_token") {
    // The link in an e-mail to the member: the confirmation of a booking, in the local outbox.
    auto [start, end] = slot(w);
    book_as(member, need(w, "court"), start, end);
    work();
    const std::string mail = client_->get("/api/v1/admin/outbox?to=" + encode(member.email), admin_.access).body;
    const std::string link = "unsubscribe?token=";
    const auto at = mail.find(link);
    if (at == std::string::npos) {
      ADD_FAILURE() << "cannot find an unsubscribe link to fuzz with: " << shown(mail, 300);
      return "missing-unsubscribe-token";
    }
    const auto from = at + link.size();
    return mail.substr(
        from,
        mail.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~", from) - from);
  }
  if (kind == "notification") {
    // The holder's own booking: its confirmation is a notification to them.
    auto [start, end] = slot(w);
    book_as(holder, need(w, "court"), start, end);
    work();
    auto items = client_->get("/api/v1/me/notifications", holder.access).json().value("items", json::array());
    if (items.empty()) {
      ADD_FAILURE() << "cannot make a notification to fuzz with";
      return "missing-notification";
    }
    return items[0].value("id", "missing-notification");
  }
  // A type of the catalogue: the same for every tenant.
  if (kind == "notification_type") return "booking.confirmed";
  if (kind == "invitation") {
    auto r = client_->post("/api/v1/facilities/" + need(w, "facility") + "/invitations",
                           {{"email", "invitee" + std::to_string(++emails_) + "@example.com"}}, staff.access);
    return made(r, 201, "an invitation");
  }
  if (kind == "join_request") {
    // The member is on the roster, so someone else asks: a player the staff set inactive, who
    // sees the facility even where it is private.
    const std::string facility = need(w, "facility");
    const Account asker = sign_up("asker" + std::to_string(++emails_) + "@example.com");
    made(client_->post("/api/v1/facilities/" + facility + "/players", {{"email", asker.email}}, staff.access), 201,
         "a player", "user_id");
    made(client_->send("PATCH", "/api/v1/facilities/" + facility + "/players/" + asker.id, {{"status", "inactive"}},
                       staff.access),
         200, "an inactive player", "user_id");
    auto r = client_->post("/api/v1/facilities/" + facility + "/join-requests", json::object(), asker.access);
    return made(r, 201, "a join request");
  }
  if (kind == "role") {
    auto r = client_->post("/api/v1/admin/users/" + member.id + "/roles",
                           {{"role", "coach"}, {"scope_type", "platform"}}, admin_.access);
    return made(r, 201, "a role");
  }
  ADD_FAILURE() << "the fuzzer does not know how to make a " << kind;
  return "missing-" + kind;
}

std::string OpenApiHttpTest::payment_method(const std::string& number) {
  auto r = client_->post("/sandbox/v1/payment_methods",
                         {{"card", {{"number", number}, {"exp_month", 12}, {"exp_year", 2030}, {"cvc", "123"}}}});
  return made(r, 200, "a payment method");
}

std::string OpenApiHttpTest::kind_of_param(const Operation& op, const std::string& name) {
  const bool sandbox = op.path.rfind("/sandbox/", 0) == 0;
  static const std::map<std::string, std::string> kinds = {
      {"org_id", "org"},
      {"facility_id", "facility"},
      {"resource_id", "court"},
      {"hold_id", "hold"},
      {"booking_id", "booking"},
      {"block_id", "block"},
      {"series_id", "series"},
      {"entry_id", "entry"},
      {"intent_id", "intent"},
      {"payment_id", "payment"},
      {"refund_id", "refund"},
      {"fee_id", "fee"},
      {"user_id", "user"},
      {"role_id", "role"},
      {"account_id", "account"},
      {"token", "calendar_token"},
      {"notification_id", "notification"},
      {"type", "notification_type"},
      {"file_name", "image"},
      {"invitation_id", "invitation"},
      {"join_request_id", "join_request"},
  };
  if (sandbox && name == "intent_id") return "provider_intent";
  if (op.path == "/api/v1/unsubscribe" && name == "token") return "unsubscribe_token";
  const bool approval = op.path.ends_with("/approve") || op.path.ends_with("/reject");
  if (approval && name == "booking_id") return "pending_booking";
  auto it = kinds.find(name);
  return it == kinds.end() ? "" : it->second;
}

std::optional<json> OpenApiHttpTest::hint(Context& cx, const std::string& path, const std::string& name) {
  World& w = *cx.world;
  if (path == "payment.method") return "offline";
  if (path == "payment.details.payment_method") return payment_method("4242424242424242");
  if (name == "body" && cx.op->path.find("/notification-templates/") != std::string::npos)
    return "Hello {{name}},\n\n{{#price}}Price: {{price}}{{/price}}";
  if (name == "email") {
    if (cx.op->path == "/api/v1/auth/login") return cx.who.email;
    return "fuzz" + std::to_string(++emails_) + "@example.com";
  }
  if (name == "password" || name == "current_password") return kPassword;
  if (name == "refresh_token") return cx.who.refresh;
  if (name == "name") return "Fuzz Club";
  if (name == "timezone") return "America/New_York";
  if (name == "currency") return "USD";
  if (name == "rrule") return "FREQ=WEEKLY;COUNT=2";
  if (name == "start") return cx.slot.first;
  if (name == "end") return cx.slot.second;
  if (name == "until") return "2026-12-31";
  if (name == "open" || name == "from") return "08:00";
  if (name == "close" || name == "to") return "20:00";
  if (name == "weekdays") return json::array({1, 2, 3});
  if (name == "date") return "2026-12-24";
  if (name == "color") return "#00aa00";
  if (name == "role") return "staff";
  if (name == "scope_type") return "facility";
  if (name == "scope_id") return need(w, "facility");
  if (name == "resource_id") return need(w, "court");
  if (name == "hold_id") return cx.op->path == "/api/v1/payment-intents" ? need(w, "card_hold") : need(w, "hold");
  if (name == "booking_id")
    return need(w, cx.op->path.rfind("/api/v1/recurring-bookings/", 0) == 0 ? "occurrence" : "booking");
  if (name == "user_id" || name == "booked_for_user_id") return need(w, "user");
  if (name == "payment_method") return payment_method("4242424242424242");
  if (name == "amount") return 500;
  if (name == "number") return "4242424242424242";
  if (name == "exp_month") return 12;
  if (name == "exp_year") return 2030;
  if (name == "cvc") return "123";
  if (name == "country") return "US";
  if (name == "state") return "NY";
  if (name == "zip") return "10001";
  if (name == "contact_email") return "desk@example.com";
  if (name == "accent_color") return "#1d6b3a";
  if (name == "min_hours_before") return 0;
  if (name == "refund_percent") return 100;
  if (name == "id" && cx.op->path.rfind("/api/v1/webhooks/", 0) == 0) return "evt_fuzz" + std::to_string(++emails_);
  return std::nullopt;
}

json OpenApiHttpTest::example(Context& cx, const json& raw, const std::string& path, const std::string& name,
                              int depth) {
  if (auto h = hint(cx, path, name)) return *h;
  const json s = schemas_->concrete(raw);
  if (depth > 12 || !s.is_object()) return nullptr;
  if (s.contains("enum") && !s["enum"].empty()) return s["enum"][0];
  if (s.contains("default")) return s["default"];
  const auto types = schemas_->types(s);
  const std::string type = types.empty() ? "object" : *types.begin();
  if (type == "object" || s.contains("properties")) {
    json out = json::object();
    if (s.contains("properties"))
      for (const auto& [k, v] : s["properties"].items())
        out[k] = example(cx, v, path.empty() ? k : path + "." + k, k, depth + 1);
    return out;
  }
  if (type == "array")
    return json::array({example(cx, s.value("items", json::object()), path + "[0]", name, depth + 1)});
  if (type == "string") {
    const std::string format = s.value("format", "");
    if (format == "date-time") return cx.slot.first;
    if (format == "date") return "2026-12-24";
    if (format == "email") return "fuzz" + std::to_string(++emails_) + "@example.com";
    const std::string pattern = s.value("pattern", "");
    if (pattern.find("24:00") != std::string::npos) return "08:00";
    return std::string(std::max<std::size_t>(4, s.value("minLength", 0)), 'f');
  }
  if (type == "integer") return s.value("minimum", 1);
  if (type == "number") return 1.0;
  if (type == "boolean") return false;
  return nullptr;
}

std::vector<json> OpenApiHttpTest::parameters(const Operation& op) const {
  std::vector<json> out;
  for (const auto* list : {&op.item, &op.op})
    if (list->contains("parameters"))
      for (const auto& p : (*list)["parameters"]) out.push_back(p.contains("$ref") ? schemas_->resolve(p) : p);
  return out;
}

std::optional<std::string> OpenApiHttpTest::query_value(Context& cx, const json& p) {
  const std::string name = p["name"];
  const json s = p.value("schema", json::object());
  if (s.contains("enum")) return s["enum"][0].get<std::string>();
  if (name == "date") return "2026-11-25";
  if (name == "days") return "2";
  if (name == "limit") return "10";
  if (name == "duration") return "60";
  if (name == "q") return "fuzz";
  if (name == "mine" || name == "full_refund") return "true";
  if (name == "reason") return "fuzz";
  if (name == "method") return "cash";
  if (name == "status") return "confirmed";
  if (name == "cursor") return std::nullopt;
  auto kind = kind_of_param(*cx.op, name);
  if (!kind.empty()) return need(*cx.world, kind);
  // A parameter the fuzzer has no word for: a value of its type.
  const auto types = schemas_->types(s);
  if (types.contains("integer") || types.contains("number")) return "10";
  if (types.contains("boolean")) return "true";
  return "fuzz";
}

std::string OpenApiHttpTest::sign(const std::string& payload) const {
  const auto secret = load_or_create_secret(scratch_->dir(), "sandbox_webhook.key", 32);
  const auto t = epoch_seconds(clock_.now());
  return "t=" + std::to_string(t) + ",v1=" + hex_encode(hmac_sha256(secret, std::to_string(t) + "." + payload));
}

std::string OpenApiHttpTest::Request::target_with(const std::map<std::string, std::string>& values,
                                                  const std::map<std::string, std::string>& q) const {
  std::string t = cx.op->path;
  for (const auto& [name, value] : values) {
    const std::string slot = "{" + name + "}";
    if (auto at = t.find(slot); at != std::string::npos) t.replace(at, slot.size(), value);
  }
  std::string qs;
  for (const auto& [k, v] : q) qs += (qs.empty() ? "?" : "&") + k + "=" + v;
  return t + qs;
}

OpenApiHttpTest::Request OpenApiHttpTest::request_for(const Operation& op, World& mine, World& theirs,
                                                      const Account& who) {
  Request r;
  r.cx = Context{&op, &mine, &theirs, who, slot(mine)};
  Context& cx = r.cx;
  // One queues for a slot someone has: the member's booking.
  if (op.path == "/api/v1/waitlist") {
    need(mine, "booking");
    cx.slot = {"2026-11-24T12:30:00Z", "2026-11-24T13:30:00Z"};
  }
  const bool api = op.path.rfind("/api/v1/", 0) == 0;
  r.send_token = api && !op.webhook() && (!op.public_route() || op.method == "GET");

  // The path, its parameters bound to the world's objects.
  for (const auto& p : parameters(op)) {
    const std::string in = p.value("in", "");
    const std::string name = p.value("name", "");
    if (in == "path") {
      const auto kind = kind_of_param(op, name);
      if (kind.empty()) {
        ADD_FAILURE() << op.name() << ": no object for the path parameter " << name;
        r.path_values[name] = "unbound";
      } else {
        r.path_values[name] = need(mine, kind);
      }
    } else if (in == "query") {
      r.query_params.push_back(p);
      if (p.value("required", false))
        if (auto v = query_value(cx, p)) r.query[name] = encode(*v);
    }
  }

  // The body: an example of the declared schema, as JSON where the operation takes it, else in
  // an HTML form's encoding, else a PNG where it takes images; other declared types are only
  // sent as those bodies' Content-Type.
  if (op.op.contains("requestBody")) {
    const json& rb = op.op["requestBody"];
    r.body_required = rb.value("required", false);
    for (const auto& [type, content] : rb["content"].items()) r.declared_types.insert(type);
    for (const char* type : {"application/json", "application/x-www-form-urlencoded", "image/png"})
      if (r.content_type.empty() && r.declared_types.contains(type)) r.content_type = type;
    if (r.content_type.empty())
      ADD_FAILURE() << op.name() << ": no body of a known type in " << json(r.declared_types).dump();
    else
      r.body_schema = schemas_->resolve(rb["content"][r.content_type].value("schema", json::object()));
  }
  r.form = r.content_type == "application/x-www-form-urlencoded";
  r.image = r.content_type == "image/png";
  r.body = r.content_type.empty() || r.image ? json(nullptr) : example(cx, r.body_schema, "", "");
  r.text = r.content_type.empty() ? "" : r.image ? fixture_png() : r.form ? form_text(r.body) : r.body.dump();

  if (r.send_token) r.headers.push_back({"Authorization", "Bearer " + who.access});
  if (!r.content_type.empty() && !r.text.empty()) r.headers.push_back({"Content-Type", r.content_type});
  return r;
}

Answer OpenApiHttpTest::send(const std::string& method, const std::string& target, const Headers& headers,
                             const std::string& body) {
  std::string r = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& [k, v] : headers) r += k + ": " + v + "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
    r += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  r += "\r\n";
  r += body;
  ++requests_;
  return send_raw(port_, r);
}

Answer OpenApiHttpTest::call(const std::string& method, const std::string& target, const std::string& body,
                             const Account* who, Headers headers) {
  if (who) headers.push_back({"Authorization", "Bearer " + who->access});
  if (!body.empty()) headers.push_back({"Content-Type", "application/json"});
  return send(method, target, headers, body);
}

}  // namespace slotbase::testing::openapi
