#include "support/ics_reader.h"

#include <libical/ical.h>

namespace slotbase::testing {
namespace {

std::string text_of(const char* s) {
  return s ? std::string(s) : std::string();
}

std::string tzid_of(icalproperty* p) {
  if (!p) return "";
  icalparameter* tzid = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
  return tzid ? text_of(icalparameter_get_tzid(tzid)) : "";
}

Instant instant_of(icaltimetype t) {
  return from_epoch_seconds(static_cast<std::int64_t>(icaltime_as_timet_with_zone(t, t.zone)));
}

/// The X-LIC-ERROR properties libical left in `c` and its components, at any depth.
void collect_errors(icalcomponent* c, ReadCalendar& out) {
  for (icalproperty* p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
       p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
    icalparameter* type = icalproperty_get_first_parameter(p, ICAL_XLICERRORTYPE_PARAMETER);
    const bool itip = type && icalparameter_get_xlicerrortype(type) == ICAL_XLICERRORTYPE_INVALIDITIP;
    (itip ? out.itip_errors : out.errors).push_back(text_of(icalproperty_get_xlicerror(p)));
  }
  for (icalcomponent* child = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); child;
       child = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
    collect_errors(child, out);
}

}  // namespace

const ReadEvent* ReadCalendar::event(const std::string& uid) const {
  for (const auto& e : events)
    if (e.uid == uid) return &e;
  return nullptr;
}

ReadCalendar read_ics(const std::string& text) {
  ReadCalendar out;
  icalcomponent* cal = icalparser_parse_string(text.c_str());
  if (!cal || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
    out.errors.push_back("not a VCALENDAR");
    if (cal) icalcomponent_free(cal);
    return out;
  }
  icalrestriction_check(cal);
  collect_errors(cal, out);

  auto prop = [&](icalproperty_kind kind) { return icalcomponent_get_first_property(cal, kind); };
  if (auto* p = prop(ICAL_VERSION_PROPERTY)) out.version = text_of(icalproperty_get_version(p));
  if (auto* p = prop(ICAL_PRODID_PROPERTY)) out.prodid = text_of(icalproperty_get_prodid(p));
  if (auto* p = prop(ICAL_CALSCALE_PROPERTY)) out.calscale = text_of(icalproperty_get_calscale(p));
  if (auto* p = prop(ICAL_METHOD_PROPERTY))
    out.method = text_of(icalproperty_method_to_string(icalproperty_get_method(p)));

  for (icalcomponent* tz = icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT); tz;
       tz = icalcomponent_get_next_component(cal, ICAL_VTIMEZONE_COMPONENT))
    out.timezones.push_back(text_of(icalproperty_get_tzid(icalcomponent_get_first_property(tz, ICAL_TZID_PROPERTY))));

  for (icalcomponent* e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
       e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
    ReadEvent r;
    r.uid = text_of(icalcomponent_get_uid(e));
    r.summary = text_of(icalcomponent_get_summary(e));
    r.location = text_of(icalcomponent_get_location(e));
    if (auto* p = icalcomponent_get_first_property(e, ICAL_STATUS_PROPERTY))
      r.status = text_of(icalproperty_status_to_string(icalproperty_get_status(p)));
    if (icalcomponent_get_first_property(e, ICAL_SEQUENCE_PROPERTY)) r.sequence = icalcomponent_get_sequence(e);
    r.has_dtstamp = icalcomponent_get_first_property(e, ICAL_DTSTAMP_PROPERTY) != nullptr;
    if (auto* p = icalcomponent_get_first_property(e, ICAL_LASTMODIFIED_PROPERTY))
      r.last_modified = instant_of(icalproperty_get_lastmodified(p));
    auto* start = icalcomponent_get_first_property(e, ICAL_DTSTART_PROPERTY);
    auto* end = icalcomponent_get_first_property(e, ICAL_DTEND_PROPERTY);
    r.start_tzid = tzid_of(start);
    r.end_tzid = tzid_of(end);
    for (const auto& tzid : {r.start_tzid, r.end_tzid})
      if (!tzid.empty() && !icalcomponent_get_timezone(cal, tzid.c_str())) out.unknown_tzids.push_back(tzid);
    const icaltimetype s = icalcomponent_get_dtstart(e);
    const icaltimetype t = icalcomponent_get_dtend(e);
    r.start_utc = icaltime_is_utc(s);
    r.end_utc = icaltime_is_utc(t);
    r.start = instant_of(s);
    r.end = instant_of(t);
    out.events.push_back(std::move(r));
  }
  icalcomponent_free(cal);
  return out;
}

}  // namespace slotbase::testing
