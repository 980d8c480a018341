// RRULEs: the recurring series' rule parser (booking rules/recurrence.h, libical underneath) and
// the occurrences it expands to. An input is the rule text as a client sends it.
//
// Invariants: a refused rule is 422 naming "rrule"; an accepted rule is accepted again as
// returned (no "RRULE:" prefix, no surrounding space); its occurrences over a window are valid
// dates, strictly increasing, inside the window, at most the limit, and the same when computed
// again, and a later window holds the tail of the same occurrences.

#include <cstddef>
#include <cstdint>
#include <string>

#include "booking/rules/recurrence.h"
#include "fuzz_check.h"

using namespace slotbase;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  auto rule = booking::rules::parse_rrule(input);
  if (!rule.ok()) {
    fuzz::check_client_error(rule.error(), input);
    fuzz::check(rule.error().fields.size() == 1 && rule.error().fields[0].field == "rrule", "errors name rrule", input);
    return 0;
  }
  const std::string& text = rule.value();
  auto again = booking::rules::parse_rrule(text);
  fuzz::check(again.ok() && again.value() == text, "an accepted rule is accepted again as it is", input);
  (void)booking::rules::rrule_has_end(text);
  const LocalDate first{2026, 1, 31};  // the 31st: months without one, February, leap years
  const LocalDate from{2026, 1, 1};
  const LocalDate to{2028, 12, 31};
  const std::size_t limit = 200;
  const auto dates = booking::rules::occurrence_dates(text, first, from, to, limit);
  fuzz::check(dates.size() <= limit, "at most the limit", input);
  for (std::size_t i = 0; i < dates.size(); ++i) {
    const auto& d = dates[i];
    fuzz::check(LocalDate::parse(d.str()) == d, "an occurrence is a real date", input + " -> " + d.str());
    fuzz::check(d >= from && d <= to && d >= first, "an occurrence is inside the window, from the first", input);
    if (i) fuzz::check(dates[i - 1] < d, "occurrences are strictly increasing", input);
  }
  fuzz::check(booking::rules::occurrence_dates(text, first, from, to, limit) == dates, "the same rule, the same dates",
              input);
  // A later window is the tail of the same expansion.
  const LocalDate mid{2027, 6, 1};
  const auto tail = booking::rules::occurrence_dates(text, first, mid, to, limit);
  std::vector<LocalDate> expected;
  for (const auto& d : dates)
    if (d >= mid) expected.push_back(d);
  if (dates.size() < limit) fuzz::check(tail == expected, "a later window holds the same occurrences", input);
  return 0;
}
