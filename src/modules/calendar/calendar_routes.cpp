#include "calendar_routes.h"

#include "platform/http/handler_support.h"

namespace slotbase::calendar {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

/// A Host header that can go into a URL as it is: a name or address and a port, nothing else.
bool plain_host(const std::string& host) {
  if (host.empty() || host.size() > 255) return false;
  for (char c : host)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != ':' && c != '[' && c != ']')
      return false;
  return true;
}

/// The feed's path, and its webcal:// address (which opens a calendar app) when the request
/// says which host it was sent to.
auto link_json(const Request& req) {
  return [host = req.header("Host")](const FeedLink& link) {
    json out{{"url", link.path}, {"webcal_url", nullptr}};
    if (host && plain_host(*host)) out["webcal_url"] = "webcal://" + *host + link.path;
    return out;
  };
}

Response calendar_document(const Request& req, const Result<std::string>& ics, const std::string& filename) {
  if (!ics.ok()) return http::fail(req, ics.error());
  auto r = Response::text(200, ics.value(), "text/calendar; charset=utf-8");
  r.headers["Content-Disposition"] = "attachment; filename=\"" + filename + "\"";
  // The address is the feed's secret: no shared cache keeps a copy, and every poll is answered afresh.
  r.headers["Cache-Control"] = "private, no-cache";
  return r;
}

}  // namespace

void register_calendar_routes(http::Router& router, CalendarService& calendar) {
  router.add({"GET", "/api/v1/me/calendar-feed",
              [&calendar](Request& req) {
                return http::reply(req, 200, calendar.my_feed(http::context_of(req)), link_json(req));
              },
              http::Auth::required, http::RateClass::normal, "The caller's secret calendar feed"});
  router.add({"POST", "/api/v1/me/calendar-feed/rotate",
              [&calendar](Request& req) {
                return http::reply(req, 200, calendar.rotate_feed(http::context_of(req)), link_json(req));
              },
              http::Auth::required, http::RateClass::normal, "A new secret address for the caller's calendar feed"});
  router.add({"GET", "/api/v1/calendar/{token}.ics",
              [&calendar](Request& req) {
                return calendar_document(req, calendar.user_feed(req.param("token")), "slotbase.ics");
              },
              http::Auth::none, http::RateClass::normal, "A user's calendar feed (iCalendar), by its secret token"});
  router.add({"GET", "/api/v1/facilities/{facility_id}/calendar.ics",
              [&calendar](Request& req) {
                return calendar_document(req, calendar.facility_feed(req.param("facility_id")), "facility.ics");
              },
              http::Auth::none, http::RateClass::normal, "A public facility's published events (iCalendar)"});
}

}  // namespace slotbase::calendar
