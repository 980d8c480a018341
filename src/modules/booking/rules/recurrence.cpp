#include "recurrence.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <libical/ical.h>

#include "platform/core/strings.h"

namespace slotbase::booking::rules {
namespace {

/// libical allocates the RSCALE name of a parsed rule and leaves freeing it to the caller.
struct ParsedRule {
  icalrecurrencetype rule;
  explicit ParsedRule(const std::string& text) : rule(icalrecurrencetype_from_string(text.c_str())) {}
  ~ParsedRule() { std::free(rule.rscale); }
  ParsedRule(const ParsedRule&) = delete;
  ParsedRule& operator=(const ParsedRule&) = delete;
};

bool unset(const short* by) {
  return by[0] == ICAL_RECURRENCE_ARRAY_MAX;
}

icaltimetype floating(LocalDate d) {
  char text[32];
  std::snprintf(text, sizeof text, "%04d%02u%02uT000000", d.year, d.month, d.day);
  return icaltime_from_string(text);
}

template <std::size_t N>
std::vector<int> values(const short (&by)[N]) {
  std::vector<int> out;
  for (std::size_t i = 0; i < N && by[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i) out.push_back(by[i]);
  return out;
}

/// Why a rule can never occur, if it is one of the kinds libical does not see through: it looks
/// for the first occurrence of such a rule for about a second of CPU on every expansion. BYDAY
/// ordinals beyond the weeks of the period (the 6th Monday of a month), BYSETPOS beyond the
/// candidates a period has (the 9th Monday of a month), month days no month in BYMONTH has.
std::optional<std::string> never_occurs(const icalrecurrencetype& r) {
  const auto days = values(r.by_day);
  const auto months = values(r.by_month);
  const auto month_days = values(r.by_month_day);
  const bool monthly = r.freq == ICAL_MONTHLY_RECURRENCE;
  const bool yearly = r.freq == ICAL_YEARLY_RECURRENCE;
  // In a yearly rule with BYMONTH, an ordinal counts within the month (RFC 5545, 3.3.10).
  const int weeks = monthly || (yearly && !months.empty()) ? 5 : yearly ? 53 : 0;
  int candidates = 0;  // the most days BYDAY picks in one period
  for (int d : days) {
    const int position = icalrecurrencetype_day_position(static_cast<short>(d));
    if (std::abs(position) > weeks)
      return weeks ? "BYDAY ordinals are -" + std::to_string(weeks) + " to " + std::to_string(weeks) + " here"
                   : std::string("BYDAY ordinals (2MO) are for MONTHLY and YEARLY rules only");
    candidates += position != 0 ? 1 : std::max(weeks, 1);
  }
  int period = monthly ? 31 : yearly ? 366 : r.freq == ICAL_WEEKLY_RECURRENCE ? 7 : 1;
  if (!days.empty() && month_days.empty()) period = std::min(period, candidates);
  for (int p : values(r.by_set_pos))
    if (p == 0 || std::abs(p) > period) return "BYSETPOS " + std::to_string(p) + " picks a day no period has";
  if (!months.empty() && !month_days.empty()) {
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int longest = 0;
    for (int m : months)
      if (m >= 1 && m <= 12) longest = std::max(longest, kDays[m - 1]);
    if (std::none_of(month_days.begin(), month_days.end(), [&](int d) { return std::abs(d) <= longest; }))
      return std::string("BYMONTHDAY names no day of the months in BYMONTH");
  }
  return std::nullopt;
}

}  // namespace

Result<std::string> parse_rrule(std::string_view text) {
  std::string rule = trim(std::string(text));
  if (rule.size() >= 6 && lower(rule.substr(0, 6)) == "rrule:") rule.erase(0, 6);
  if (rule.empty()) return Error::invalid("rrule", "is required, e.g. FREQ=WEEKLY;BYDAY=TU");
  if (rule.size() > 500) return Error::invalid("rrule", "must be at most 500 characters");
  ParsedRule parsed(rule);
  const auto& r = parsed.rule;
  if (r.freq == ICAL_NO_RECURRENCE)
    return Error::invalid("rrule", "is not an RFC 5545 recurrence rule, e.g. FREQ=WEEKLY;BYDAY=TU");
  if (r.freq != ICAL_DAILY_RECURRENCE && r.freq != ICAL_WEEKLY_RECURRENCE && r.freq != ICAL_MONTHLY_RECURRENCE &&
      r.freq != ICAL_YEARLY_RECURRENCE)
    return Error::invalid("rrule", "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY");
  if (!unset(r.by_hour) || !unset(r.by_minute) || !unset(r.by_second))
    return Error::invalid("rrule", "BYHOUR, BYMINUTE and BYSECOND are not supported: the series' start sets the time");
  if (r.rscale) return Error::invalid("rrule", "RSCALE is not supported");
  if (r.interval < 1 || r.interval > 366) return Error::invalid("rrule", "INTERVAL must be 1 to 366");
  if (auto never = never_occurs(r)) return Error::invalid("rrule", "can never occur: " + *never);
  return rule;
}

bool rrule_has_end(const std::string& rrule) {
  ParsedRule parsed(rrule);
  return parsed.rule.count > 0 || !icaltime_is_null_time(parsed.rule.until);
}

std::vector<LocalDate> occurrence_dates(const std::string& rrule, LocalDate first, LocalDate from, LocalDate to,
                                        std::size_t limit) {
  std::vector<LocalDate> out;
  if (to < from || limit == 0) return out;
  ParsedRule parsed(rrule);
  if (parsed.rule.freq == ICAL_NO_RECURRENCE) return out;
  // Bound the iterator by `to` as well as the rule's own end: a rule that never matches (the 30th
  // of February) would otherwise search for years.
  icalrecurrencetype bounded = parsed.rule;
  const icaltimetype stop = floating(to);
  if (icaltime_is_null_time(bounded.until) || icaltime_compare(bounded.until, stop) > 0) bounded.until = stop;
  std::unique_ptr<icalrecur_iterator, decltype(&icalrecur_iterator_free)> it(
      icalrecur_iterator_new(bounded, floating(first)), &icalrecur_iterator_free);
  if (!it) return out;
  for (icaltimetype t = icalrecur_iterator_next(it.get()); !icaltime_is_null_time(t);
       t = icalrecur_iterator_next(it.get())) {
    const LocalDate d{t.year, static_cast<unsigned>(t.month), static_cast<unsigned>(t.day)};
    if (d > to) break;
    if (d < from) continue;
    out.push_back(d);
    if (out.size() >= limit) break;
  }
  return out;
}

}  // namespace slotbase::booking::rules
