// Authorization, for every route: a matrix generated from the OpenAPI document the server serves.
// Every operation declares who may call it in `x-slotbase-access` (docs/testing.md says what each
// value means). For each operation the test sends the valid-looking request the fuzzer starts from
// (tests/http/openapi_driver.h), with the ids of the owning tenant, as each kind of caller: nobody,
// a signed-in user with no role there, another organization's owner, a player of the facility (on
// its roster, holding what a player holds), its coach, desk staff and manager, its organization's
// owner and a platform admin; once where the facility is public and, when the request names a
// facility's things, once where it is private. A caller the declaration refuses must get exactly
// its 401, 403 or 404 (an object named in the query or body, as an id that names nothing); one it
// admits must get a 2xx, or a 4xx that is not about who is asking (a rule, a state, a body that is
// not valid for that caller). Each call meets objects made fresh for it, so that what one caller
// does (a hold confirmed, a booking cancelled) does not decide the next one's answer. An operation
// without a declaration, or with a value the test does not know, fails.
// SLOTBASE_AUTHZ_VERBOSE=1 prints each operation's answers.

#include <algorithm>
#include <array>
#include <chrono>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "http/openapi_driver.h"
#include "identity/identity_service.h"

namespace slotbase::testing {
namespace {

using namespace openapi;

enum Caller { kNobody, kUser, kRival, kPlayer, kCoach, kDesk, kManager, kOwner, kAdmin, kCallers };
constexpr std::array<const char*, kCallers> kCallerNames = {
    "nobody",         "a signed-in user", "another organization's owner", "a player of the facility", "its coach",
    "its desk staff", "its manager",      "its organization's owner",     "a platform admin"};

/// What a caller must get: 0 is admitted (a 2xx, or a 4xx that is not about who is asking);
/// otherwise the one status of the refusal.
using Row = std::array<int, kCallers>;

/// What a declaration means for each caller, where the facility is public and where it is
/// private (seen only by its players and staff; the matrix sends an operation that reaches a
/// facility both ways).
struct Meaning {
  Row open;
  Row hidden;
};

/// The declarations the matrix knows (docs/testing.md says the same in words). The columns:
/// nobody, a user, another organization's owner, a player, the facility's coach, desk staff and
/// manager, its organization's owner, a platform admin.
const std::map<std::string, Meaning>& declarations() {
  static const std::map<std::string, Meaning> rows = {
      // Anyone, without a token: health, the document, sign-up and login, a facility's public face
      // (its courts, hours, prices, availability). A private facility's face is for its players
      // and staff: to everyone else it does not exist.
      {"public", {{0, 0, 0, 0, 0, 0, 0, 0, 0}, {404, 404, 404, 0, 0, 0, 0, 0, 0}}},
      // Anyone, without a token, and only what is public: what a calendar application reads, which
      // cannot sign in. A private facility publishes nothing, to anyone.
      {"published", {{0, 0, 0, 0, 0, 0, 0, 0, 0}, {404, 404, 404, 404, 404, 404, 404, 404, 404}}},
      // A secret in the URL stands for the caller (a calendar feed, an unsubscribe link, the
      // sandbox provider's pages for an intent or an account).
      {"token", {{0, 0, 0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0, 0, 0}}},
      // The payment provider, by its signature over the body instead of a token.
      {"webhook", {{0, 0, 0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0, 0, 0}}},
      // Any signed-in user, for themselves: their account, bookings, notifications; holds and
      // waitlist places at any facility they may see.
      {"user", {{401, 0, 0, 0, 0, 0, 0, 0, 0}, {401, 404, 404, 0, 0, 0, 0, 0, 0}}},
      // The player whose object it is (a hold, a waitlist entry, a payment intent, a notification);
      // to everyone else it does not exist.
      {"player", {{401, 404, 404, 0, 404, 404, 404, 404, 404}, {401, 404, 404, 0, 404, 404, 404, 404, 404}}},
      // The player whose booking or series it is, or any of the facility's staff; to everyone else
      // it does not exist.
      {"player-or-staff", {{401, 404, 404, 0, 0, 0, 0, 0, 0}, {401, 404, 404, 0, 0, 0, 0, 0, 0}}},
      // The player whose booking or series it is, or the facility's desk (staff who manage
      // bookings); a coach sees it and is refused with 403, anyone else gets 404.
      {"player-or-desk", {{401, 404, 404, 0, 403, 0, 0, 0, 0}, {401, 404, 404, 0, 403, 0, 0, 0, 0}}},
      // The facility's desk, on a player's booking or its money: who sees it (its player, a
      // coach) is refused with 403; to everyone else it does not exist.
      {"booking-desk", {{401, 404, 404, 403, 403, 0, 0, 0, 0}, {401, 404, 404, 403, 403, 0, 0, 0, 0}}},
      // Any of the facility's staff, coaches too (the day's bookings, blocks, members, staff).
      // Who may see the facility is refused with 403, anyone else with 404.
      {"facility-view", {{401, 403, 403, 403, 0, 0, 0, 0, 0}, {401, 404, 404, 403, 0, 0, 0, 0, 0}}},
      // The facility's desk: desk staff, managers, the organization's owners and admins.
      {"facility-desk", {{401, 403, 403, 403, 403, 0, 0, 0, 0}, {401, 404, 404, 403, 403, 0, 0, 0, 0}}},
      // The facility's managers and the organization's owners and admins: its settings, hours,
      // courts, prices, staff, payment account.
      {"facility-manager", {{401, 403, 403, 403, 403, 403, 0, 0, 0}, {401, 404, 404, 403, 403, 403, 0, 0, 0}}},
      // The organization's owners and admins: to everyone else, a facility's staff included, the
      // organization does not exist.
      {"org-admin", {{401, 404, 404, 404, 404, 404, 404, 0, 0}, {401, 404, 404, 404, 404, 404, 404, 0, 0}}},
      // Platform admins only.
      {"platform-admin", {{401, 403, 403, 403, 403, 403, 403, 403, 0}, {401, 403, 403, 403, 403, 403, 403, 403, 0}}},
  };
  return rows;
}

std::string known_values() {
  std::string out;
  for (const auto& [name, meaning] : declarations()) out += (out.empty() ? "" : ", ") + name;
  return out;
}

/// The problem `code` an authorization refusal carries, by its status.
std::string refusal_code(int status) {
  return status == 401 ? "unauthenticated" : status == 403 ? "permission_denied" : status == 404 ? "not_found" : "";
}

class AuthorizationHttpTest : public OpenApiHttpTest {
 protected:
  /// The callers of one operation, made for it: fresh accounts, so that what one operation does
  /// to its callers (a logout, a deleted account) does not reach the next.
  struct Callers {
    std::array<Account, kCallers> accounts;
    Tenant tenant;
  };

  Callers callers_for(const std::string& label) {
    Callers c;
    auto& identity = app_->service<identity::IdentityService>();
    auto grant = [&](const Account& a, identity::Role role, identity::ScopeType scope, const std::string& id) {
      EXPECT_TRUE(identity.grant_role(identity::UserId{a.id}, role, scope, id, {}).ok()) << a.email;
    };
    for (int i = 0; i < kCallers; ++i) c.accounts[i] = sign_up(label + ".caller" + std::to_string(i) + "@example.com");
    grant(c.accounts[kRival], identity::Role::org_owner, identity::ScopeType::organization, theirs_.org);
    grant(c.accounts[kOwner], identity::Role::org_owner, identity::ScopeType::organization, mine_.org);
    grant(c.accounts[kAdmin], identity::Role::platform_admin, identity::ScopeType::platform, "");
    c.tenant = {&c.accounts[kOwner], &c.accounts[kPlayer], mine_.org, "owner"};
    return c;
  }

  /// One call: what was sent and answered.
  struct Sent {
    std::string target, text;
    Headers headers;
    Answer answer;
    std::vector<std::string> named;  // ids of the facility's things the request names
    bool in_path = false;            // its path names objects of the tenant
  };

  /// The operation as `who`, against objects of the owning tenant made fresh for it, at a public
  /// facility or a private one (`hidden`). What any signed-in user may do, they do for themselves:
  /// a body's user is the caller.
  Sent call_as(const Operation& op, const std::string& declared, Callers& callers, Caller who, World& theirs,
               bool hidden) {
    World mine{&callers.tenant,
               {},
               0,
               &callers.accounts[kPlayer],
               hidden,
               {{&callers.accounts[kCoach], "coach"},
                {&callers.accounts[kDesk], "staff"},
                {&callers.accounts[kManager], "facility_manager"}}};
    if (declared == "user") mine.ids["user"] = callers.accounts[who].id;
    const Request r = request_for(op, mine, theirs, callers.accounts[who]);
    Sent sent{r.target(), r.text, {}, {}, {}, false};
    for (const auto& [kind, id] : mine.ids)
      if (kind != "org" && kind != "user" && kind != "role" &&
          (sent.target.find(id) != std::string::npos || sent.text.find(id) != std::string::npos))
        sent.named.push_back(id);
    sent.in_path = !r.path_values.empty();
    for (const auto& h : r.headers)
      if (h.first != "Authorization") sent.headers.push_back(h);
    if (who != kNobody) sent.headers.push_back({"Authorization", "Bearer " + callers.accounts[who].access});
    if (op.webhook()) sent.headers.push_back({"Stripe-Signature", sign(r.text)});
    sent.answer = send(op.method, sent.target, sent.headers, sent.text);
    return sent;
  }

  /// The same request with every id of the facility's things changed into one that names nothing.
  Answer as_if_nothing(const Operation& op, const Sent& sent) {
    std::string target = sent.target, text = sent.text;
    for (const auto& id : sent.named)
      for (std::string* s : {&target, &text})
        for (auto at = s->find(id); at != std::string::npos; at = s->find(id, at + id.size() + 1))
          s->insert(at + id.size(), "0");
    return send(op.method, target, sent.headers, text);
  }

  /// Why an answer is wrong for the caller; empty when it is right.
  std::string judge(const Operation& op, int expected, const Sent& sent) {
    const Answer& a = sent.answer;
    if (a.status == 0) return a.failure;
    if (a.status >= 500) return "a server error";
    const auto problem = json::parse(a.body, nullptr, false);
    const std::string code = problem.is_object() ? problem.value("code", "") : "";
    if (expected == 404 && !sent.in_path) {
      if (sent.named.empty()) return "a refusal the matrix cannot check: the request names nothing of the tenant's";
      // Named in the query or body, what the caller may not see is answered as an id that names
      // nothing is (most often a 422 naming the field).
      const Answer nothing = as_if_nothing(op, sent);
      const auto other = json::parse(nothing.body, nullptr, false);
      if (a.status < 400 || a.status != nothing.status || !other.is_object() || other.value("code", "") != code)
        return "not answered as an id that names nothing is (" + std::to_string(nothing.status) + " " +
               shown(nothing.body, 200) + ")";
      return "";
    }
    if (expected != 0) {
      if (a.status != expected) return "not the " + std::to_string(expected) + " it must be";
      if (code != refusal_code(expected))
        return "a " + std::to_string(expected) + " whose code is not " + refusal_code(expected);
      return "";
    }
    // The other provider's webhook is not there at all while the sandbox takes payments.
    if (op.webhook() && op.path != "/api/v1/webhooks/sandbox" && a.status == 404) return "";
    if (a.status == 401 || a.status == 403 || a.status == 404 || code == "unauthenticated" ||
        code == "permission_denied" || code == "not_found")
      return "refused (" + std::to_string(a.status) + " " + code + ") though the declaration admits it";
    return "";
  }
};

TEST_P(AuthorizationHttpTest, EveryOperationAnswersEachCallerAsItsDeclarationSays) {
  const auto ops = operations();
  ASSERT_FALSE(ops.empty());
  const auto started = std::chrono::steady_clock::now();
  World theirs{&theirs_, {}, 0, nullptr};
  std::map<std::string, int> counts;
  int checked = 0, hidden_checked = 0, calls = 0, admitted = 0;
  for (const auto& op : ops) {
    const std::string where = op.name() + " (" + op.op.value("operationId", "no operationId") + ")";
    if (!op.op.contains("x-slotbase-access")) {
      ADD_FAILURE() << where << " declares no x-slotbase-access: add \"x-slotbase-access\": \"<who>\" to the "
                    << "operation in api/openapi.json, <who> one of " << known_values()
                    << " (docs/testing.md says what each admits)";
      continue;
    }
    const json& declared = op.op["x-slotbase-access"];
    const auto row = declarations().find(declared.is_string() ? declared.get<std::string>() : "");
    if (row == declarations().end()) {
      ADD_FAILURE() << where << " declares x-slotbase-access " << declared.dump() << ", which is none of "
                    << known_values();
      continue;
    }
    ++counts[row->first];
    Callers callers = callers_for("op" + std::to_string(++checked));
    for (const bool hidden : {false, true}) {
      const Row& expected = hidden ? row->second.hidden : row->second.open;
      const std::string facility = hidden ? "a private facility" : "a public facility";
      std::string answers;
      bool reached = false;
      for (int who = 0; who < kCallers; ++who) {
        const Sent sent = call_as(op, row->first, callers, static_cast<Caller>(who), theirs, hidden);
        const Answer& a = sent.answer;
        reached = !sent.named.empty();
        ++calls;
        answers += std::string(answers.empty() ? "" : ", ") + kCallerNames[who] + " " + std::to_string(a.status);
        if (expected[who] == 0 && a.status >= 300) answers += " (" + shown(a.body, 160) + ")";
        if (expected[who] == 0 && a.status >= 200 && a.status < 300) ++admitted;
        if (auto why = judge(op, expected[who], sent); !why.empty())
          ADD_FAILURE() << where << ", declared " << row->first << ", as " << kCallerNames[who]
                        << (reached ? " at " + facility : "") << ": " << why << "\n    request: " << op.method << " "
                        << shown(sent.target, 200) << " " << shown(sent.text, 200) << "\n    answer: " << a.status
                        << " " << shown(a.body, 400);
      }
      if (std::getenv("SLOTBASE_AUTHZ_VERBOSE"))
        std::cout << "  " << where << " [" << row->first << (reached ? ", " + facility : "") << "]: " << answers
                  << "\n";
      // What reaches no facility is the same whether its facility is public or not.
      if (!reached) break;
      if (!hidden) ++hidden_checked;
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "[ authz    ] " << GetParam() << ": " << checked << " of " << ops.size() << " operations declared ("
            << json(counts).dump() << "), " << hidden_checked << " of them also at a private facility; " << calls
            << " calls, " << admitted << " admitted with a 2xx, in " << seconds << " s\n";
}

// What the matrix found, each kept as a focused case.

// A coach sees a series (facility_view) but was told it did not exist when changing it: 404, where
// one booking of it answered 403.
TEST_P(AuthorizationHttpTest, ACoachWhoSeesASeriesIsRefusedChangingItWith403) {
  Callers callers = callers_for("series");
  World w{&callers.tenant, {}, 0, &callers.accounts[kPlayer], false, {{&callers.accounts[kCoach], "coach"}}};
  const std::string series = "/api/v1/recurring-bookings/" + need(w, "series");
  const Account& coach = callers.accounts[kCoach];
  EXPECT_EQ(call("GET", series, "", &coach).status, 200);
  auto a = call("PATCH", series, R"({"scope":"all","note":"moved"})", &coach);
  EXPECT_EQ(a.status, 403) << a.body;
  a = call("DELETE", series, R"({"scope":"all","reason":"rain"})", &coach);
  EXPECT_EQ(a.status, 403) << a.body;
  EXPECT_EQ(call("PATCH", series, R"({"scope":"all","note":"moved"})", &callers.accounts[kUser]).status, 404);
  EXPECT_EQ(call("PATCH", series, R"({"scope":"all","note":"moved"})", &callers.accounts[kOwner]).status, 200);
}

// A coach sees a booking's payments, refunds and fees, but was told they did not exist when
// acting on them: 404, where the booking's own money routes answered 403.
TEST_P(AuthorizationHttpTest, ACoachWhoSeesABookingsMoneyIsRefusedChangingItWith403) {
  Callers callers = callers_for("money");
  World w{&callers.tenant, {}, 0, &callers.accounts[kPlayer], false, {{&callers.accounts[kCoach], "coach"}}};
  const std::string payment = need(w, "payment"), refund = need(w, "refund"), fee = need(w, "fee");
  const Account& coach = callers.accounts[kCoach];
  auto seen = call("GET", "/api/v1/bookings/" + need(w, "booking") + "/payments", "", &coach);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_NE(seen.body.find(payment), std::string::npos);
  for (const auto& [target, body] : std::vector<std::pair<std::string, std::string>>{
           {"/api/v1/payments/" + payment + "/verify", ""},
           {"/api/v1/payments/" + payment + "/refunds", R"({"amount":100,"destination":"credit","reason":"x"})"},
           {"/api/v1/refunds/" + refund + "/retry", R"({"destination":"credit"})"},
           {"/api/v1/fees/" + fee + "/waive", R"({"reason":"x"})"}}) {
    auto a = call("POST", target, body, &coach);
    EXPECT_EQ(a.status, 403) << target << " -> " << a.body;
    EXPECT_EQ(call("POST", target, body, &callers.accounts[kRival]).status, 404) << target;
  }
}

SB_INSTANTIATE_BACKENDS(AuthorizationHttpTest);

}  // namespace
}  // namespace slotbase::testing
