#include "payment_routes.h"

#include <cmath>

#include "platform/core/strings.h"
#include "platform/http/handler_support.h"

namespace slotbase::payment {
namespace {

using http::JsonBody;
using http::Request;
using http::Response;
using nlohmann::json;

json money_json(const Money& m) {
  return {{"amount", m.amount}, {"currency", m.currency}};
}

template <class T>
json opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json intent_json(const PaymentIntent& i) {
  json next_action = nullptr;
  if (i.status == IntentStatus::requires_action && i.next_action_url)
    next_action = {{"type", "redirect_to_url"}, {"redirect_url", *i.next_action_url}};
  return {{"id", i.id},
          {"status", str(i.status)},
          {"amount", i.amount.amount},
          {"currency", i.amount.currency},
          {"credit_amount", i.credit_amount},
          {"client_secret", i.client_secret},
          {"provider", i.provider},
          {"next_action", next_action},
          {"hold_id", i.target_kind == "hold" ? json(i.target_id) : json(nullptr)},
          {"fee_id", i.target_kind == "fee" ? json(i.target_id) : json(nullptr)},
          {"booking_id", opt(i.booking_id)},
          {"decline_code", opt(i.decline_code)},
          {"error_message", opt(i.error_message)},
          {"outcome", i.outcome},
          {"expires_at", format_rfc3339(i.expires_at)},
          {"created_at", format_rfc3339(i.created_at)}};
}

json payment_json(const Payment& p) {
  return {{"id", p.id},
          {"facility_id", p.facility_id},
          {"user_id", p.user_id},
          {"booking_id", opt(p.booking_id)},
          {"fee_id", opt(p.fee_id)},
          {"intent_id", opt(p.intent_id)},
          {"kind", str(p.kind)},
          {"method", p.method},
          {"amount", money_json(p.amount)},
          {"refunded", money_json({p.refunded, p.amount.currency})},
          {"status", str(p.status)},
          {"reference", opt(p.reference)},
          {"note", opt(p.note)},
          {"platform_fee", money_json({p.platform_fee, p.amount.currency})},
          {"recorded_by", opt(p.recorded_by)},
          {"created_at", format_rfc3339(p.created_at)}};
}

json refund_json(const RefundRecord& r) {
  return {{"id", r.id},
          {"payment_id", r.payment_id},
          {"facility_id", r.facility_id},
          {"user_id", r.user_id},
          {"booking_id", opt(r.booking_id)},
          {"amount", money_json(r.amount)},
          {"destination", str(r.destination)},
          {"status", str(r.status)},
          {"source", r.source},
          {"reason", r.reason},
          {"failure_reason", opt(r.failure_reason)},
          {"retried_as", opt(r.retried_as)},
          {"created_at", format_rfc3339(r.created_at)}};
}

json fee_json(const Fee& f) {
  return {{"id", f.id},
          {"facility_id", f.facility_id},
          {"user_id", f.user_id},
          {"booking_id", f.booking_id},
          {"kind", str(f.kind)},
          {"amount", money_json(f.amount)},
          {"status", str(f.status)},
          {"waive_reason", opt(f.waive_reason)},
          {"created_at", format_rfc3339(f.created_at)}};
}

json credit_json(const CreditEntry& c) {
  return {{"id", c.id},
          {"facility_id", c.facility_id},
          {"user_id", c.user_id},
          {"amount", money_json(c.amount)},
          {"kind", c.kind},
          {"reason", opt(c.reason)},
          {"created_by", opt(c.created_by)},
          {"created_at", format_rfc3339(c.created_at)}};
}

json card_json(const SavedCard& c) {
  return {{"id", c.id}, {"brand", c.brand}, {"last4", c.last4}, {"exp_month", c.exp_month}, {"exp_year", c.exp_year}};
}

template <class T, class Encode>
json items(const std::vector<T>& list, Encode&& encode) {
  json out = json::array();
  for (const auto& x : list) out.push_back(encode(x));
  return out;
}

template <class T, class Encode>
json list_json(const std::vector<T>& list, Encode&& encode) {
  return {{"items", items(list, encode)}, {"next_cursor", nullptr}};
}

/// An amount as the contract sends it: minor units as an integer, or {amount, currency}.
std::optional<std::int64_t> amount_of(JsonBody& body, const char* field, bool required,
                                      std::optional<std::string>* currency = nullptr) {
  if (const json& doc = body.doc(); doc.contains(field) && doc[field].is_object()) {
    JsonBody money(doc[field]);
    auto amount = money.integer("amount", true, -(std::int64_t{1} << 53), std::int64_t{1} << 53);
    auto code = money.string("currency", currency != nullptr, 3);
    if (currency) *currency = code;
    if (auto done = money.finish(); !done.ok())
      for (const auto& f : done.error().fields) body.fail(std::string(field) + "." + f.field, f.message);
    return amount;
  }
  return body.integer(field, required, -(std::int64_t{1} << 53), std::int64_t{1} << 53);
}

/// A small page of the sandbox's: plain HTML, no script, the same look as the apps.
Response page(int status, const std::string& title, const std::string& body) {
  std::string html =
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title +
      "</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>"
      "body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;"
      "color:#1d2939}button{font:inherit;padding:.6rem 1.2rem;margin:.4rem .4rem 0 0;border-radius:.4rem;"
      "border:1px solid #98a2b3;background:#fff;cursor:pointer}button.primary{background:#175cd3;"
      "color:#fff;border-color:#175cd3}.note{color:#475467}</style></head><body><p class=\"note\">"
      "SlotBase payments sandbox: no real money moves.</p><h1>" +
      title + "</h1>" + body + "</body></html>";
  auto r = Response::text(status, std::move(html), "text/html; charset=utf-8");
  r.headers["Cache-Control"] = "no-store";
  return r;
}

/// A percentage with at most two decimals, as basis points: 2.5 -> 250.
std::optional<std::int64_t> basis_points_of(JsonBody& body, const std::string& field) {
  if (!body.has(field)) {
    body.fail(field, "is required");
    return std::nullopt;
  }
  const auto& v = body.doc()[field];
  if (!v.is_number()) {
    body.fail(field, "must be a number from 0 to 100");
    return std::nullopt;
  }
  const double percent = v.get<double>();
  if (!(percent >= 0 && percent <= 100)) {
    body.fail(field, "must be a number from 0 to 100");
    return std::nullopt;
  }
  const auto bp = static_cast<std::int64_t>(std::llround(percent * 100));
  if (std::fabs(percent * 100 - static_cast<double>(bp)) > 1e-6) {
    body.fail(field, "must have at most two decimals");
    return std::nullopt;
  }
  return bp;
}

json percent_json(std::int64_t basis_points) {
  if (basis_points % 100 == 0) return basis_points / 100;
  return static_cast<double>(basis_points) / 100;
}

Response redirect(const std::string& to) {
  Response r = Response::text(303, "", "text/plain");
  // Only our own paths: a return address never sends anyone to another site.
  r.headers["Location"] = !to.empty() && to[0] == '/' && (to.size() < 2 || to[1] != '/') ? to : "/";
  return r;
}

void add_online_routes(http::Router& router, PaymentService& payments) {
  router.add({"POST", "/api/v1/facilities/{facility_id}/payments/connect",
              [&payments](Request& req) {
                return http::reply(req, 201, payments.connect(req.param("facility_id"), http::context_of(req)),
                                   [](const std::string& url) {
                                     return json{{"onboarding_url", url}};
                                   });
              },
              http::Auth::required, http::RateClass::normal, "Connect the facility to the payment provider"});
  router.add({"GET", "/api/v1/facilities/{facility_id}/payments/account",
              [&payments](Request& req) {
                return http::reply(req, 200, payments.account(req.param("facility_id"), http::context_of(req)),
                                   [](const AccountState& a) {
                                     return json{{"status", str(a.status)},
                                                 {"charges_enabled", a.charges_enabled},
                                                 {"payouts_enabled", a.payouts_enabled},
                                                 {"provider", a.provider},
                                                 {"publishable_key", opt(a.publishable_key)},
                                                 {"platform_fee_percent", percent_json(a.platform_fee_basis_points)}};
                                   });
              },
              http::Auth::required, http::RateClass::normal, "The facility's payment account"});
  router.add({"PUT", "/api/v1/admin/facilities/{facility_id}/platform-fee",
              [&payments](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"percent"});
                auto basis_points = basis_points_of(body, "percent");
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(
                    req, 200, payments.set_platform_fee(req.param("facility_id"), *basis_points, http::context_of(req)),
                    [&req](std::int64_t bp) {
                      return json{{"facility_id", req.param("facility_id")}, {"percent", percent_json(bp)}};
                    });
              },
              http::Auth::required, http::RateClass::normal,
              "Set the platform's fee on a facility's card payments (platform administrator)"});
  router.add({"POST", "/api/v1/payment-intents",
              [&payments](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"hold_id", "invoice_id", "registration_id", "enrollment_id", "package_id",
                           "membership_plan_id", "amount"});
                for (const char* later :
                     {"invoice_id", "registration_id", "enrollment_id", "package_id", "membership_plan_id"})
                  if (body.has(later)) body.fail(later, "cannot be paid online yet: pay for a hold");
                if (body.has("amount")) body.fail("amount", "is set by the server for a hold");
                auto hold_id = body.string("hold_id", true, 64);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(req, 201, payments.create_intent_for_hold(*hold_id, http::context_of(req)),
                                   intent_json);
              },
              http::Auth::required, http::RateClass::normal, "Start paying for a hold"});
  router.add({"GET", "/api/v1/payment-intents/{intent_id}",
              [&payments](Request& req) {
                return http::reply(req, 200, payments.get_intent(req.param("intent_id"), http::context_of(req)),
                                   intent_json);
              },
              http::Auth::required, http::RateClass::normal, "A payment intent and its outcome"});
  router.add({"POST", "/api/v1/payment-intents/{intent_id}/confirm",
              [&payments](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"payment_method", "save_card"});
                auto method = body.string("payment_method", true, 255);
                if (method && method->empty()) body.fail("payment_method", "is required");
                auto save = body.boolean("save_card", false);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(req, 200,
                                   payments.confirm_intent(req.param("intent_id"), *method, save.value_or(false),
                                                           http::context_of(req)),
                                   intent_json);
              },
              http::Auth::required, http::RateClass::normal, "Pay with a payment method made at the provider"});
  for (const char* provider : {"stripe", "sandbox"}) {
    router.add({"POST", std::string("/api/v1/webhooks/") + provider,
                [&payments, provider](Request& req) {
                  auto received =
                      payments.receive_webhook(provider, req.body, req.header("Stripe-Signature").value_or(""));
                  if (!received.ok()) return http::fail(req, received.error());
                  return Response::json(200, {{"received", true}});
                },
                http::Auth::none, http::RateClass::exempt,
                std::string("Events from ") + provider + " (signed; a repeat changes nothing)"});
  }
}

void add_money_routes(http::Router& router, PaymentService& payments) {
  router.add({"GET", "/api/v1/me/payments",
              [&payments](Request& req) {
                return http::reply(req, 200, payments.my_payments(http::context_of(req)), [](const PaymentHistory& h) {
                  return json{{"payments", items(h.payments, payment_json)},
                              {"refunds", items(h.refunds, refund_json)},
                              {"fees", items(h.fees, fee_json)},
                              {"credit", items(h.credit, credit_json)}};
                });
              },
              http::Auth::required, http::RateClass::normal, "The caller's payments, refunds, fees and credit"});
  router.add({"GET", "/api/v1/me/cards",
              [&payments](Request& req) {
                return http::reply(req, 200, payments.saved_cards(http::context_of(req)),
                                   [](const std::vector<SavedCard>& cards) { return list_json(cards, card_json); });
              },
              http::Auth::required, http::RateClass::normal, "The caller's saved cards"});
  router.add({"GET", "/api/v1/me/credit",
              [&payments](Request& req) {
                auto facility = req.query_param("facility_id");
                if (!facility) return http::fail(req, Error::invalid("facility_id", "is required"));
                return http::reply(req, 200, payments.credit_balance(*facility, http::context_of(req)),
                                   [](const Money& m) {
                                     return json{{"balance", money_json(m)}};
                                   });
              },
              http::Auth::required, http::RateClass::normal, "The caller's account credit at a facility"});
  router.add({"POST", "/api/v1/bookings/{booking_id}/payments",
              [&payments](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"amount", "method", "reference", "note"});
                OfflinePaymentRequest r;
                r.amount = amount_of(body, "amount", true, &r.currency).value_or(0);
                r.method = body.string("method", true, 40).value_or("");
                r.reference = body.string("reference", false, 200);
                r.note = body.string("note", false, 1000);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(req, 201,
                                   payments.record_booking_payment(req.param("booking_id"), r, http::context_of(req)),
                                   payment_json);
              },
              http::Auth::required, http::RateClass::normal, "Record a payment taken at the desk (staff)"});
  router.add({"GET", "/api/v1/bookings/{booking_id}/payments",
              [&payments](Request& req) {
                return http::reply(req, 200, payments.booking_payments(req.param("booking_id"), http::context_of(req)),
                                   [](const BookingMoneyView& v) {
                                     return json{{"items", items(v.payments, payment_json)},
                                                 {"refunds", items(v.refunds, refund_json)},
                                                 {"fees", items(v.fees, fee_json)},
                                                 {"next_cursor", nullptr}};
                                   });
              },
              http::Auth::required, http::RateClass::normal, "A booking's payments"});
  for (const auto& [verb, status] :
       {std::pair{"verify", RecordStatus::verified}, std::pair{"dispute", RecordStatus::disputed},
        std::pair{"void", RecordStatus::voided}}) {
    router.add({"POST", std::string("/api/v1/payments/{payment_id}/") + verb,
                [&payments, status](Request& req) {
                  return http::reply(req, 200,
                                     payments.set_record_status(req.param("payment_id"), status, http::context_of(req)),
                                     payment_json);
                },
                http::Auth::required, http::RateClass::normal,
                std::string("Mark a desk payment ") + std::string(str(status)) + " (staff)"});
  }
  router.add({"POST", "/api/v1/bookings/{booking_id}/payment-status",
              [&payments](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"status", "reason"});
                auto status = body.string("status", true, 20);
                auto reason = body.string("reason", true, 500);
                if (status && *status != "waived") body.fail("status", "must be waived");
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(req, 200,
                                   payments.waive_booking(req.param("booking_id"), *reason, http::context_of(req)),
                                   [](const std::string& s) {
                                     return json{{"payment_status", s}};
                                   });
              },
              http::Auth::required, http::RateClass::normal, "Waive what a booking owes (staff)"});
  router.add({"POST", "/api/v1/payments/{payment_id}/refunds",
              [&payments](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"amount", "destination", "reason"});
                RefundRequest r;
                r.amount = amount_of(body, "amount", false);
                const auto destination = body.string("destination", false, 20).value_or("original");
                if (auto d = enum_from<RefundDestination>(destination))
                  r.destination = *d;
                else
                  body.fail("destination", "must be original or credit");
                r.reason = body.string("reason", true, 500).value_or("");
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(req, 201, payments.refund(req.param("payment_id"), r, http::context_of(req)),
                                   refund_json);
              },
              http::Auth::required, http::RateClass::normal, "Refund a payment, in full or in part (staff)"});
  router.add({"POST", "/api/v1/refunds/{refund_id}/retry",
              [&payments](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body.empty() ? "{}" : req.body), req);
                body.only({"destination"});
                const auto destination = body.string("destination", false, 20).value_or("original");
                auto d = enum_from<RefundDestination>(destination);
                if (!d) body.fail("destination", "must be original or credit");
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(req, 201, payments.retry_refund(req.param("refund_id"), *d, http::context_of(req)),
                                   refund_json);
              },
              http::Auth::required, http::RateClass::normal, "Try a failed refund again, or give it as credit"});
  router.add({"POST", "/api/v1/fees/{fee_id}/waive",
              [&payments](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"reason"});
                auto reason = body.string("reason", true, 500);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(req, 200, payments.waive_fee(req.param("fee_id"), *reason, http::context_of(req)),
                                   fee_json);
              },
              http::Auth::required, http::RateClass::normal, "Waive a fee (staff)"});
  router.add({"POST", "/api/v1/facilities/{facility_id}/members/{user_id}/credit",
              [&payments](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"amount", "reason"});
                std::optional<std::string> currency;
                auto amount = amount_of(body, "amount", true, &currency);
                auto reason = body.string("reason", true, 500);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(req, 201,
                                   payments.adjust_credit(req.param("facility_id"), req.param("user_id"), *amount,
                                                          *reason, http::context_of(req)),
                                   credit_json);
              },
              http::Auth::required, http::RateClass::normal, "Add or remove a player's credit (staff)"});
  router.add({"GET", "/api/v1/facilities/{facility_id}/members/{user_id}/credit/ledger",
              [&payments](Request& req) {
                return http::reply(
                    req, 200,
                    payments.credit_ledger(req.param("facility_id"), req.param("user_id"), http::context_of(req)),
                    [](const std::vector<CreditEntry>& e) { return list_json(e, credit_json); });
              },
              http::Auth::required, http::RateClass::normal, "A player's credit entries (staff)"});
  router.add({"GET", "/api/v1/facilities/{facility_id}/payments/reconciliation",
              [&payments](Request& req) {
                return http::reply(
                    req, 200, payments.reconciliation(req.param("facility_id"), http::context_of(req)),
                    [](const Reconciliation& r) {
                      json unrecorded = json::array(), unpaid = json::array();
                      for (const auto& u : r.unrecorded_payments)
                        unrecorded.push_back({{"provider_intent_id", u.provider_intent_id},
                                              {"amount", money_json(u.amount)},
                                              {"status", u.status},
                                              {"intent_id", opt(u.our_intent_id)}});
                      for (const auto& b : r.paid_bookings_without_payment)
                        unpaid.push_back({{"booking_id", b.booking_id},
                                          {"price", money_json(b.price)},
                                          {"received", money_json({b.received, b.price.currency})}});
                      return json{{"unrecorded_payments", unrecorded}, {"paid_bookings_without_payment", unpaid}};
                    });
              },
              http::Auth::required, http::RateClass::normal,
              "Provider payments with no record here, and paid bookings with no payment (owner)"});
  router.add(
      {"GET", "/api/v1/facilities/{facility_id}/payments",
       [&payments](Request& req) {
         PaymentFilter f;
         f.method = req.query_param("method");
         f.status = req.query_param("status");
         f.date = req.query_param("date");
         SB_ASSIGN_OR_RETURN_RESPONSE(f.limit, http::query_int(req, "limit", 100, 1, 500), req);
         return http::reply(
             req, 200, payments.facility_payments(req.param("facility_id"), f, http::context_of(req)),
             [](const FacilityPayments& p) {
               json takings = json::array();
               for (const auto& t : p.takings)
                 takings.push_back({{"method", t.method}, {"amount", money_json(t.amount)}});
               return json{{"items", items(p.items, payment_json)}, {"takings", takings}, {"next_cursor", nullptr}};
             });
       },
       http::Auth::required, http::RateClass::normal, "The facility's payments and takings (staff)"});
}

void add_sandbox_routes(http::Router& router, SandboxProvider& sandbox) {
  router.add(
      {"POST", "/sandbox/v1/payment_methods",
       [&sandbox](Request& req) {
         SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
         body.only({"type", "card"});
         if (auto type = body.string("type", false); type && *type != "card") body.fail("type", "must be card");
         SandboxCard card;
         if (const json* c = body.object("card", true)) {
           JsonBody cb(*c);
           card.number = cb.string("number", true, 30).value_or("");
           // Out-of-range months and years are the card's errors (402), as Stripe answers them.
           card.exp_month = static_cast<int>(cb.integer("exp_month", true, 0, 99).value_or(0));
           card.exp_year = static_cast<int>(cb.integer("exp_year", true, 0, 9999).value_or(0));
           card.cvc = cb.string("cvc", true, 4).value_or("");
           if (auto done = cb.finish(); !done.ok())
             for (const auto& f : done.error().fields) body.fail("card." + f.field, f.message);
         }
         if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
         auto made = sandbox.create_payment_method(card);
         if (!made.ok())
           return Response::json(
               made.error->http_status,
               {{"error", {{"type", made.error->type}, {"code", made.error->code}, {"message", made.error->message}}}});
         return Response::json(200, {{"id", made.value->id},
                                     {"object", "payment_method"},
                                     {"type", "card"},
                                     {"card",
                                      {{"brand", made.value->brand},
                                       {"last4", made.value->last4},
                                       {"exp_month", made.value->exp_month},
                                       {"exp_year", made.value->exp_year}}}});
       },
       http::Auth::none, http::RateClass::normal, "The sandbox's card form: a payment method for a test card"});
  router.add({"GET", "/sandbox/authenticate/{intent_id}",
              [&sandbox](Request& req) {
                const std::string id = html_escape(req.param("intent_id"));
                auto intent = sandbox.retrieve_intent(req.param("intent_id"));
                if (!intent.ok()) return page(404, "No such payment", "<p>This payment does not exist.</p>");
                if (intent.value->status != "requires_action")
                  return page(409, "Nothing to authenticate",
                              "<p>This payment is " + html_escape(intent.value->status) + ".</p>");
                return page(200, "Authenticate this payment",
                            "<p>Your bank asks you to confirm a payment of " +
                                std::to_string(intent.value->amount.amount) + " " +
                                html_escape(intent.value->amount.currency) +
                                " (minor units).</p><form method=\"post\" action=\"/sandbox/authenticate/" + id +
                                "\"><button class=\"primary\" name=\"action\" value=\"complete\">Complete</button>"
                                "<button name=\"action\" value=\"fail\">Fail</button></form>");
              },
              http::Auth::none, http::RateClass::normal, "The sandbox's 3-D Secure page"});
  router.add({"POST", "/sandbox/authenticate/{intent_id}",
              [&sandbox](Request& req) {
                const auto form = http::parse_query(req.body);
                const auto action = form.find("action");
                if (action == form.end() || (action->second != "complete" && action->second != "fail"))
                  return page(422, "Choose Complete or Fail", "<p>The form was sent without a choice.</p>");
                auto done = sandbox.authenticate(req.param("intent_id"), action->second == "complete");
                if (!done.ok())
                  return page(409, "This payment cannot be authenticated",
                              "<p>" + html_escape(done.error->message) + "</p>");
                return redirect(done.value->value_or("/"));
              },
              http::Auth::none, http::RateClass::normal, "Complete or fail a 3-D Secure challenge",
              "application/x-www-form-urlencoded"});
  router.add({"GET", "/sandbox/onboarding/{account_id}",
              [&sandbox](Request& req) {
                auto account = sandbox.retrieve_account(req.param("account_id"));
                if (!account.ok()) return page(404, "No such account", "<p>This account does not exist.</p>");
                return page(200, "Connect payments",
                            "<p>In the sandbox, submitting this form stands for the provider's onboarding "
                            "(identity, bank account). The facility then takes card payments.</p>"
                            "<form method=\"post\" action=\"/sandbox/onboarding/" +
                                html_escape(req.param("account_id")) +
                                "\"><button class=\"primary\">Submit and activate</button></form>");
              },
              http::Auth::none, http::RateClass::normal, "The sandbox's onboarding page"});
  router.add({"POST", "/sandbox/onboarding/{account_id}",
              [&sandbox](Request& req) {
                auto done = sandbox.complete_onboarding(req.param("account_id"));
                if (!done.ok()) return page(404, "No such account", "<p>This account does not exist.</p>");
                return redirect("/admin/?payments=connected");
              },
              http::Auth::none, http::RateClass::normal, "Activate a sandbox account",
              "application/x-www-form-urlencoded"});
}

}  // namespace

void register_payment_routes(http::Router& router, PaymentService& payments, SandboxProvider* sandbox) {
  add_online_routes(router, payments);
  add_money_routes(router, payments);
  if (sandbox) add_sandbox_routes(router, *sandbox);
}

}  // namespace slotbase::payment
