#include "booking_routes.h"

#include <tuple>

#include "booking/recurring_service.h"
#include "bookings_csv.h"
#include "platform/core/zone.h"
#include "platform/http/gzip.h"
#include "platform/http/handler_support.h"
#include "rules/settlement.h"

namespace slotbase::booking {
namespace {

using http::JsonBody;
using http::Request;
using http::Response;
using nlohmann::json;

json money_json(const Money& m) {
  return {{"amount", m.amount}, {"currency", m.currency}};
}

json hold_json(const Hold& h) {
  return {{"id", h.id.str()},
          {"facility_id", h.facility_id},
          {"resource_id", h.resource_id},
          {"user_id", h.user_id},
          {"start", format_rfc3339(h.start)},
          {"end", format_rfc3339(h.end)},
          {"expires_at", format_rfc3339(h.expires_at)},
          {"status", str(h.status)},
          {"price", money_json(h.price)}};
}

json booking_json(const Booking& b) {
  return {{"id", b.id.str()},
          {"facility_id", b.facility_id},
          {"resource_id", b.resource_id},
          {"user_id", b.user_id},
          {"created_by", b.created_by},
          {"type", b.type},
          {"start", format_rfc3339(b.start)},
          {"end", format_rfc3339(b.end)},
          {"status", str(b.status)},
          {"approval_status", str(b.approval_status)},
          {"payment_status", str(b.payment_status)},
          {"payment_method", str(b.payment_method)},
          {"price", money_json(b.price)},
          {"note", b.note},
          {"cancel_reason", b.cancel_reason ? json(*b.cancel_reason) : json(nullptr)},
          {"refund_amount", b.refund_amount ? json(*b.refund_amount) : json(nullptr)},
          {"series_id", b.series_id ? json(b.series_id->str()) : json(nullptr)},
          {"created_at", format_rfc3339(b.created_at)}};
}

json block_json(const Block& b) {
  return {{"id", b.id.str()},
          {"facility_id", b.facility_id},
          {"resource_id", b.resource_id},
          {"start", format_rfc3339(b.start)},
          {"end", format_rfc3339(b.end)},
          {"reason", b.reason},
          {"created_by", b.created_by},
          {"series_id", b.series_id ? json(b.series_id->str()) : json(nullptr)},
          {"cancelled_bookings", strs(b.cancelled_bookings)}};
}

json blocks_json(const std::vector<Block>& blocks) {
  json items = json::array();
  for (const auto& b : blocks) items.push_back(block_json(b));
  return {{"items", items}, {"next_cursor", nullptr}};
}

json series_json(const Series& s) {
  json occurrences = json::array();
  for (const auto& b : s.occurrences) occurrences.push_back(booking_json(b));
  json blocks = json::array();
  for (const auto& b : s.blocks) blocks.push_back(block_json(b));
  json conflicts = json::array();
  for (const auto& c : s.conflicts)
    conflicts.push_back({{"date", c.date},
                         {"start", format_rfc3339(c.start)},
                         {"end", format_rfc3339(c.end)},
                         {"rule", c.rule},
                         {"detail", c.detail}});
  json out = {{"id", s.id.str()},
              {"kind", str(s.kind)},
              {"facility_id", s.facility_id},
              {"resource_id", s.resource_id},
              {"type", s.type},
              {"rrule", s.rrule},
              {"timezone", s.timezone},
              {"first_date", s.first_date},
              {"start_time", LocalTime{s.start_minute}.str()},
              {"duration_minutes", s.duration_minutes},
              {"until", s.until_date ? json(*s.until_date) : json(nullptr)},
              {"status", str(s.status)},
              {"booked_through", s.materialized_through},
              {"created_by", s.created_by},
              {"conflicts", conflicts}};
  if (s.kind == SeriesKind::block) {
    out["reason"] = s.note;
    out["blocks"] = blocks;
    out["cancelled_bookings"] = strs(s.cancelled_bookings);
  } else {
    out["user_id"] = s.user_id;
    out["note"] = s.note;
    out["occurrences"] = occurrences;
  }
  return out;
}

json cancel_json(const CancelResult& c) {
  return {
      {"booking", booking_json(c.booking)},
      {"refund",
       {{"amount", c.refund.amount.amount}, {"currency", c.refund.amount.currency}, {"percent", c.refund.percent}}}};
}

json entry_json(const WaitlistEntry& e) {
  return {{"id", e.id.str()},
          {"facility_id", e.facility_id},
          {"resource_id", e.resource_id},
          {"user_id", e.user_id},
          {"start", format_rfc3339(e.start)},
          {"end", format_rfc3339(e.end)},
          {"status", str(e.status)},
          {"hold_id", e.hold_id ? json(e.hold_id->str()) : json(nullptr)},
          {"claim_deadline", e.claim_deadline ? json(format_rfc3339(*e.claim_deadline)) : json(nullptr)},
          {"created_at", format_rfc3339(e.created_at)}};
}

/// A POST on a booking with no body, or an empty JSON object.
Result<void> empty_body(const Request& req) {
  SB_ASSIGN_OR_RETURN(auto body, JsonBody::parse(req.body));
  body.only({});
  return body.finish();
}

json bookings_json(const std::vector<Booking>& list, std::optional<std::string> next = std::nullopt) {
  json items = json::array();
  for (const auto& b : list) items.push_back(booking_json(b));
  return {{"items", items}, {"next_cursor", next ? json(*next) : json(nullptr)}};
}

/// A facility's page for its staff: each booking with its player's name and contact, or null
/// for a club booking without one (or an account since deleted).
json staff_bookings_json(const FacilityBookingPage& p) {
  json items = json::array();
  for (const auto& b : p.items) {
    json item = booking_json(b);
    if (auto player = p.players.find(b.user_id); player != p.players.end()) {
      const auto& who = player->second;
      item["player"] = {{"id", who.id}, {"name", who.name}, {"email", who.email}};
      if (who.phone) item["player"]["phone"] = *who.phone;
    } else {
      item["player"] = nullptr;
    }
    items.push_back(std::move(item));
  }
  return {{"items", items}, {"next_cursor", p.next_cursor ? json(*p.next_cursor) : json(nullptr)}};
}

/// The availability document, written directly: it is the hottest response (hundreds of slots a
/// request), and building it as a JSON tree cost more than computing it. Only ids, fixed status
/// words, times and integers go in; ids and names are escaped all the same.
std::string availability_body(const Availability& a) {
  auto zone = Zone::find(a.timezone);
  std::string out;
  std::size_t slots = 0;
  for (const auto& r : a.resources) slots += r.slots.size();
  out.reserve(128 + slots * 140);
  auto str = [&](const std::string& s) { out += json(s).dump(); };
  out += "{\"facility_id\":";
  str(a.facility_id);
  out += ",\"timezone\":";
  str(a.timezone);
  out += ",\"resources\":[";
  for (std::size_t i = 0; i < a.resources.size(); ++i) {
    const auto& r = a.resources[i];
    if (i) out += ',';
    out += "{\"resource_id\":";
    str(r.resource_id);
    out += ",\"name\":";
    str(r.name);
    out += ",\"slots\":[";
    for (std::size_t k = 0; k < r.slots.size(); ++k) {
      const auto& s = r.slots[k];
      if (k) out += ',';
      out += "{\"start\":\"";
      out += zone->format(s.start);
      out += "\",\"end\":\"";
      out += zone->format(s.end);
      out += "\",\"status\":\"";
      out += to_string(s.status);
      out += "\",\"price\":{\"amount\":";
      out += std::to_string(s.price.amount);
      out += ",\"currency\":\"";
      out += s.price.currency;
      out += "\"}}";
    }
    out += "]}";
  }
  out += "]}";
  return out;
}

/// The facility's slot grid: one rendering per document revision, shared by every caller shown it.
void add_availability_routes(http::Router& router, BookingService& bookings, AvailabilityDocuments& documents) {
  router.add({"GET", "/api/v1/facilities/{facility_id}/availability",
              [&bookings, &documents](Request& req) {
                AvailabilityQuery q;
                q.date = req.query_param("date").value_or("");
                SB_ASSIGN_OR_RETURN_RESPONSE(q.days, http::query_int(req, "days", 1, 1, 14), req);
                q.resource_id = req.query_param("resource_id");
                if (req.query_param("duration")) {
                  SB_ASSIGN_OR_RETURN_RESPONSE(int d, http::query_int(req, "duration", 60, 1, 1440), req);
                  q.duration_minutes = d;
                }
                auto view = bookings.availability(req.param("facility_id"), q, http::context_of(req));
                if (!view.ok()) return http::fail(req, view.error());
                // Every caller shown the same document shares one rendering of it. One day of 20
                // courts is 90 kB of JSON, two weeks over a megabyte; gzip takes it to a few
                // percent. Compressed once here, not for every client that asks.
                auto doc = documents.get(view->revision);
                if (!doc) {
                  auto body = std::make_shared<const std::string>(availability_body(*view->availability));
                  doc = AvailabilityDocument{body, std::make_shared<const std::string>(http::gzip(*body))};
                  documents.put(view->revision, *doc, body->size() + doc->gzipped->size());
                }
                return Response::shared(200, std::move(doc->body), std::move(doc->gzipped), "application/json");
              },
              http::Auth::optional, http::RateClass::normal, "Slots of 1 to 14 days with status and price"});
}

/// Holds: take, let go, confirm.
void add_hold_routes(http::Router& router, BookingService& bookings) {
  router.add({"POST", "/api/v1/holds",
              [&bookings](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"resource_id", "start", "end", "booked_for_user_id"});
                HoldRequest r;
                r.resource_id = body.string("resource_id", true, 100).value_or("");
                const auto start = body.string("start", true, 40);
                const auto end = body.string("end", true, 40);
                r.booked_for_user_id = body.string("booked_for_user_id", false, 100);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                SB_ASSIGN_OR_RETURN_RESPONSE(std::tie(r.start, r.end), rules::parse_range(*start, *end), req);
                return http::reply(req, 201, bookings.create_hold(r, http::context_of(req)), hold_json);
              },
              http::Auth::required, http::RateClass::normal, "Hold a slot for the facility's hold time"});

  router.add({"GET", "/api/v1/facilities/{facility_id}/holds",
              [&bookings](Request& req) {
                const LocalDates dates{req.query_param("date"), req.query_param("from"), req.query_param("to")};
                return http::reply(req, 200,
                                   bookings.facility_holds(req.param("facility_id"), dates, http::context_of(req)),
                                   [](const std::vector<Hold>& holds) {
                                     json items = json::array();
                                     for (const auto& h : holds) items.push_back(hold_json(h));
                                     return json{{"items", items}, {"next_cursor", nullptr}};
                                   });
              },
              http::Auth::required, http::RateClass::normal,
              "The live holds of one local day, or of local dates from and to, at their exact times (staff)"});

  router.add({"DELETE", "/api/v1/holds/{hold_id}",
              [&bookings](Request& req) {
                return http::reply_empty(req,
                                         bookings.release_hold(HoldId{req.param("hold_id")}, http::context_of(req)));
              },
              http::Auth::required, http::RateClass::normal, "Let a held slot go at once"});

  router.add({"POST", "/api/v1/holds/{hold_id}/confirm",
              [&bookings](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"payment"});
                PaymentChoice payment;
                if (const json* p = body.object("payment", false)) {
                  JsonBody pb(*p);
                  const std::string method = pb.string("method", true, 20).value_or("none");
                  if (auto known = enum_from<PaymentMethod>(method))
                    payment.method = *known;
                  else
                    return http::fail(req, Error::rule_violation("payment-method-unavailable",
                                                                 "Paying with " + method + " is not available."));
                  payment.offline_method = pb.string("offline_method", false, 40);
                  if (const json* d = pb.object("details", false)) {
                    // Other members are accepted and ignored, as they always were.
                    JsonBody details(*d);
                    payment.payment_method = details.string("payment_method", false, 255);
                    if (auto done = details.finish(); !done.ok()) {
                      for (const auto& f : done.error().fields) pb.fail("details." + f.field, f.message);
                    }
                  }
                  if (auto done = pb.finish(); !done.ok()) {
                    for (const auto& f : done.error().fields) body.fail("payment." + f.field, f.message);
                  }
                }
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(req, 201,
                                   bookings.confirm_hold(HoldId{req.param("hold_id")}, payment, http::context_of(req)),
                                   booking_json);
              },
              http::Auth::required, http::RateClass::normal, "Turn a hold into a booking"});
}

/// The staff list's query as sent; the service checks it once it knows the caller may see it.
Result<FacilityBookingQuery> facility_booking_query(const Request& req) {
  FacilityBookingQuery q;
  for (auto [name, field] : {std::pair{"date", &q.date},
                             {"from", &q.from},
                             {"to", &q.to},
                             {"resource_id", &q.resource_id},
                             {"status", &q.status},
                             {"approval_status", &q.approval_status},
                             {"payment_status", &q.payment_status},
                             {"type", &q.type},
                             {"cursor", &q.cursor}})
    *field = req.query_param(name);
  // One day is every booking of it (as the desk's day sheet reads it) unless a page is asked for.
  if (!q.date || req.query_param("limit")) {
    SB_ASSIGN_OR_RETURN(q.limit, http::query_int(req, "limit", 50, 1, 500));
  }
  return q;
}

/// Bookings: read, the desk's day, staff bookings, and each step of a booking's life.
void add_booking_routes(http::Router& router, BookingService& bookings) {
  router.add({"GET", "/api/v1/bookings/{booking_id}",
              [&bookings](Request& req) {
                return http::reply(req, 200,
                                   bookings.get_booking(BookingId{req.param("booking_id")}, http::context_of(req)),
                                   booking_json);
              },
              http::Auth::required, http::RateClass::normal, "One booking (its player, or the facility's staff)"});

  router.add({"GET", "/api/v1/bookings",
              [&bookings](Request& req) {
                if (req.query_param("mine").value_or("true") != "true")
                  return http::fail(req, Error::invalid("mine",
                                                        "only mine=true is supported here; staff use "
                                                        "/facilities/{facility_id}/bookings"));
                BookingFilter f;
                SB_ASSIGN_OR_RETURN_RESPONSE(f.limit, http::query_int(req, "limit", 50, 1, 100), req);
                f.cursor = req.query_param("cursor");
                f.status = req.query_param("status");
                auto list = bookings.my_bookings(f, http::context_of(req));
                if (!list.ok()) return http::fail(req, list.error());
                std::optional<std::string> next;
                if (static_cast<int>(list->size()) == f.limit)
                  next = std::to_string(epoch_seconds(list->back().start)) + ":" + list->back().id.str();
                return Response::json(200, bookings_json(list.value(), next));
              },
              http::Auth::required, http::RateClass::normal, "The caller's bookings, soonest first"});

  router.add({"GET", "/api/v1/facilities/{facility_id}/bookings",
              [&bookings](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto q, facility_booking_query(req), req);
                const auto format = req.query_param("format").value_or("json");
                if (format == "csv") {
                  auto e = bookings.export_facility_bookings(req.param("facility_id"), q, http::context_of(req));
                  if (!e.ok()) return http::fail(req, e.error());
                  auto res = Response::text(200, bookings_csv(e.value()), "text/csv; charset=utf-8; header=present");
                  res.headers["Content-Disposition"] =
                      "attachment; filename=\"bookings-" + e->from.str() + "-to-" + e->to.str() + ".csv\"";
                  return res;
                }
                if (format != "json") return http::fail(req, Error::invalid("format", "must be json or csv"));
                return http::reply(req, 200,
                                   bookings.facility_bookings(req.param("facility_id"), q, http::context_of(req)),
                                   staff_bookings_json);
              },
              http::Auth::required, http::RateClass::normal,
              "A facility's bookings over local dates with filters, a page at a time, or as CSV (staff)"});

  router.add({"POST", "/api/v1/facilities/{facility_id}/bookings",
              [&bookings](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"resource_id", "start", "end", "type", "user_id", "note"});
                StaffBookingRequest r;
                r.resource_id = body.string("resource_id", true, 100).value_or("");
                const auto start = body.string("start", true, 40);
                const auto end = body.string("end", true, 40);
                r.type = body.string("type", true, 20).value_or("");
                r.user_id = body.string("user_id", false, 100);
                r.note = body.string("note", false, 1000).value_or("");
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                SB_ASSIGN_OR_RETURN_RESPONSE(std::tie(r.start, r.end), rules::parse_range(*start, *end), req);
                return http::reply(req, 201, bookings.staff_booking(req.param("facility_id"), r, http::context_of(req)),
                                   booking_json);
              },
              http::Auth::required, http::RateClass::normal, "Book directly as staff (no hold, no approval)"});

  router.add({"POST", "/api/v1/bookings/{booking_id}/cancel",
              [&bookings](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"reason", "full_refund"});
                auto reason = body.string("reason", false, 500).value_or("");
                auto full = body.boolean("full_refund", false).value_or(false);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(
                    req, 200, bookings.cancel(BookingId{req.param("booking_id")}, reason, full, http::context_of(req)),
                    cancel_json);
              },
              http::Auth::required, http::RateClass::normal, "Cancel under the facility's cancellation policy"});

  router.add(
      {"POST", "/api/v1/bookings/{booking_id}/reschedule",
       [&bookings](Request& req) {
         SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
         body.only({"start", "end", "resource_id"});
         RescheduleRequest r;
         const auto start = body.string("start", true, 40);
         const auto end = body.string("end", true, 40);
         r.resource_id = body.string("resource_id", false, 100);
         if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
         SB_ASSIGN_OR_RETURN_RESPONSE(std::tie(r.start, r.end), rules::parse_range(*start, *end), req);
         return http::reply(req, 200, bookings.reschedule(BookingId{req.param("booking_id")}, r, http::context_of(req)),
                            booking_json);
       },
       http::Auth::required, http::RateClass::normal, "Move a booking; the old slot is kept if the new is taken"});

  router.add({"POST", "/api/v1/bookings/{booking_id}/check-in",
              [&bookings](Request& req) {
                if (auto b = empty_body(req); !b.ok()) return http::fail(req, b.error());
                return http::reply(req, 200,
                                   bookings.check_in(BookingId{req.param("booking_id")}, http::context_of(req)),
                                   booking_json);
              },
              http::Auth::required, http::RateClass::normal, "Check in (staff any time; the player in the window)"});

  router.add({"POST", "/api/v1/bookings/{booking_id}/no-show",
              [&bookings](Request& req) {
                if (auto b = empty_body(req); !b.ok()) return http::fail(req, b.error());
                return http::reply(req, 200,
                                   bookings.mark_no_show(BookingId{req.param("booking_id")}, http::context_of(req)),
                                   booking_json);
              },
              http::Auth::required, http::RateClass::normal, "Mark a no-show (staff, after the start)"});

  router.add({"POST", "/api/v1/bookings/{booking_id}/approve",
              [&bookings](Request& req) {
                if (auto b = empty_body(req); !b.ok()) return http::fail(req, b.error());
                return http::reply(req, 200,
                                   bookings.approve(BookingId{req.param("booking_id")}, http::context_of(req)),
                                   booking_json);
              },
              http::Auth::required, http::RateClass::normal, "Approve a pending booking (staff)"});

  router.add({"POST", "/api/v1/bookings/{booking_id}/reject",
              [&bookings](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"reason"});
                auto reason = body.string("reason", true, 500);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                return http::reply(req, 200,
                                   bookings.reject(BookingId{req.param("booking_id")}, *reason, http::context_of(req)),
                                   cancel_json);
              },
              http::Auth::required, http::RateClass::normal, "Reject a pending booking with a reason (staff)"});
}

/// Blocks, one or a series of them.
void add_block_routes(http::Router& router, BookingService& bookings, RecurringService& recurring) {
  router.add({"POST", "/api/v1/resources/{resource_id}/blocks",
              [&bookings, &recurring](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"start", "end", "reason", "force", "rrule", "until"});
                BlockSeriesRequest r;
                r.resource_id = req.param("resource_id");
                const auto start = body.string("start", true, 40);
                const auto end = body.string("end", true, 40);
                r.reason = body.string("reason", true, 500).value_or("");
                r.force = body.boolean("force", false).value_or(false);
                auto rrule = body.string("rrule", false, 500);
                r.until = body.string("until", false, 10);
                if (r.until && !rrule) body.fail("until", "goes with rrule");
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                SB_ASSIGN_OR_RETURN_RESPONSE(std::tie(r.start, r.end), rules::parse_range(*start, *end), req);
                if (rrule) {
                  r.rrule = *rrule;
                  return http::reply(req, 201, recurring.create_blocks(r, http::context_of(req)), series_json);
                }
                BlockRequest one{r.resource_id, r.start, r.end, r.reason, r.force};
                return http::reply(req, 201, bookings.create_block(one, http::context_of(req)), block_json);
              },
              http::Auth::required, http::RateClass::normal,
              "Block a resource for maintenance, once or by a recurrence rule (staff)"});

  router.add({"GET", "/api/v1/resources/{resource_id}/blocks",
              [&bookings](Request& req) {
                auto list = bookings.list_blocks(req.param("resource_id"), http::context_of(req));
                if (!list.ok()) return http::fail(req, list.error());
                return Response::json(200, blocks_json(list.value()));
              },
              http::Auth::required, http::RateClass::normal, "A resource's current and coming blocks (staff)"});

  router.add({"GET", "/api/v1/facilities/{facility_id}/blocks",
              [&bookings](Request& req) {
                const LocalDates dates{req.query_param("date"), req.query_param("from"), req.query_param("to")};
                auto list = bookings.facility_blocks(req.param("facility_id"), dates, http::context_of(req));
                if (!list.ok()) return http::fail(req, list.error());
                return Response::json(200, blocks_json(list.value()));
              },
              http::Auth::required, http::RateClass::normal,
              "Every block of one local day, or of local dates from and to, on any resource (staff)"});

  router.add({"DELETE", "/api/v1/blocks/{block_id}",
              [&recurring](Request& req) {
                return http::reply_empty(
                    req, recurring.remove_blocks(BlockId{req.param("block_id")},
                                                 req.query_param("scope").value_or("this"), http::context_of(req)));
              },
              http::Auth::required, http::RateClass::normal,
              "Remove a block; scope=following|all removes more of its series (staff)"});
}

/// Recurring bookings.
void add_series_routes(http::Router& router, RecurringService& recurring) {
  router.add({"POST", "/api/v1/recurring-bookings",
              [&recurring](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"resource_id", "start", "end", "rrule", "until", "user_id", "type", "note"});
                SeriesRequest r;
                r.resource_id = body.string("resource_id", true, 100).value_or("");
                const auto start = body.string("start", true, 40);
                const auto end = body.string("end", true, 40);
                r.rrule = body.string("rrule", true, 500).value_or("");
                r.until = body.string("until", false, 10);
                r.user_id = body.string("user_id", false, 100);
                r.type = body.string("type", false, 20).value_or("open_play");
                r.note = body.string("note", false, 1000).value_or("");
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                SB_ASSIGN_OR_RETURN_RESPONSE(std::tie(r.start, r.end), rules::parse_range(*start, *end), req);
                return http::reply(req, 201, recurring.create(r, http::context_of(req)), series_json);
              },
              http::Auth::required, http::RateClass::normal,
              "Book a series by a recurrence rule; occurrences that clash are listed as conflicts"});

  router.add({"GET", "/api/v1/recurring-bookings/{series_id}",
              [&recurring](Request& req) {
                return http::reply(req, 200, recurring.get(SeriesId{req.param("series_id")}, http::context_of(req)),
                                   series_json);
              },
              http::Auth::required, http::RateClass::normal, "A series with its occurrences and conflicts"});

  router.add({"PATCH", "/api/v1/recurring-bookings/{series_id}",
              [&recurring](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"scope", "booking_id", "start", "end", "resource_id", "note", "dry_run"});
                SeriesChange c;
                c.scope = body.string("scope", true, 20).value_or("");
                c.booking_id = opt_id<BookingId>(body.string("booking_id", false, 100));
                const auto start = body.string("start", false, 40);
                const auto end = body.string("end", false, 40);
                if (start.has_value() != end.has_value()) body.fail(start ? "end" : "start", "is needed too");
                c.resource_id = body.string("resource_id", false, 100);
                c.note = body.string("note", false, 1000);
                c.dry_run = body.boolean("dry_run", false).value_or(false);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                if (start) {
                  SB_ASSIGN_OR_RETURN_RESPONSE(auto range, rules::parse_range(*start, *end), req);
                  c.start = range.first;
                  c.end = range.second;
                }
                return http::reply(req, 200,
                                   recurring.change(SeriesId{req.param("series_id")}, c, http::context_of(req)),
                                   series_json);
              },
              http::Auth::required, http::RateClass::normal, "Move one occurrence, those from one on, or all to come"});

  router.add({"DELETE", "/api/v1/recurring-bookings/{series_id}",
              [&recurring](Request& req) {
                // The scope may come as query parameters or as a JSON body.
                SeriesCancel c;
                c.scope = req.query_param("scope").value_or("");
                c.booking_id = opt_id<BookingId>(req.query_param("booking_id"));
                c.reason = req.query_param("reason").value_or("");
                c.full_refund = req.query_param("full_refund").value_or("false") == "true";
                if (!req.body.empty()) {
                  SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                  body.only({"scope", "booking_id", "reason", "full_refund"});
                  if (auto v = body.string("scope", false, 20)) c.scope = *v;
                  if (auto v = body.string("booking_id", false, 100)) c.booking_id = BookingId{*v};
                  if (auto v = body.string("reason", false, 500)) c.reason = *v;
                  if (auto v = body.boolean("full_refund", false)) c.full_refund = *v;
                  if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                }
                return http::reply(req, 200,
                                   recurring.cancel(SeriesId{req.param("series_id")}, c, http::context_of(req)),
                                   series_json);
              },
              http::Auth::required, http::RateClass::normal,
              "Cancel one occurrence, those from one on, or the whole series; refunds per policy"});
}

/// The waitlist.
void add_waitlist_routes(http::Router& router, BookingService& bookings) {
  router.add({"POST", "/api/v1/waitlist",
              [&bookings](Request& req) {
                SB_ASSIGN_OR_RETURN_RESPONSE(auto body, JsonBody::parse(req.body), req);
                body.only({"resource_id", "start", "end"});
                HoldRequest r;
                r.resource_id = body.string("resource_id", true, 100).value_or("");
                const auto start = body.string("start", true, 40);
                const auto end = body.string("end", true, 40);
                if (auto done = body.finish(); !done.ok()) return http::fail(req, done.error());
                SB_ASSIGN_OR_RETURN_RESPONSE(std::tie(r.start, r.end), rules::parse_range(*start, *end), req);
                return http::reply(req, 201, bookings.join_waitlist(r, http::context_of(req)), entry_json);
              },
              http::Auth::required, http::RateClass::normal, "Wait for a taken slot"});

  router.add({"DELETE", "/api/v1/waitlist/{entry_id}",
              [&bookings](Request& req) {
                return http::reply_empty(
                    req, bookings.leave_waitlist(WaitlistEntryId{req.param("entry_id")}, http::context_of(req)));
              },
              http::Auth::required, http::RateClass::normal, "Leave the waitlist"});

  router.add({"GET", "/api/v1/waitlist",
              [&bookings](Request& req) {
                auto list = bookings.my_waitlist(http::context_of(req));
                if (!list.ok()) return http::fail(req, list.error());
                json items = json::array();
                for (const auto& e : list.value()) items.push_back(entry_json(e));
                return Response::json(200, {{"items", items}, {"next_cursor", nullptr}});
              },
              http::Auth::required, http::RateClass::normal, "The caller's waitlist entries"});
}

}  // namespace

void register_booking_routes(http::Router& router, BookingService& bookings, RecurringService& recurring,
                             AvailabilityDocuments& documents) {
  add_availability_routes(router, bookings, documents);
  add_hold_routes(router, bookings);
  add_booking_routes(router, bookings);
  add_block_routes(router, bookings, recurring);
  add_series_routes(router, recurring);
  add_waitlist_routes(router, bookings);
}

}  // namespace slotbase::booking
