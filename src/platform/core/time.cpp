#include "platform/core/time.h"

#include <date/date.h>
#include <date/tz.h>

#include <charconv>
#include <cstdio>

namespace slotbase {
namespace {

bool parse_int(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

std::string format_rfc3339(Instant t) {
  return format_rfc3339(t, 0);
}

std::string format_rfc3339(Instant t, int offset_minutes) {
  const auto local = t + std::chrono::minutes{offset_minutes};
  const auto days = date::floor<date::days>(local);
  const date::year_month_day ymd{days};
  const auto secs = (local - days).count();
  char buf[32];
  auto two = [](char* p, long v) {
    p[0] = static_cast<char>('0' + v / 10);
    p[1] = static_cast<char>('0' + v % 10);
  };
  const int y = static_cast<int>(ymd.year());
  buf[0] = static_cast<char>('0' + (y / 1000) % 10);
  buf[1] = static_cast<char>('0' + (y / 100) % 10);
  buf[2] = static_cast<char>('0' + (y / 10) % 10);
  buf[3] = static_cast<char>('0' + y % 10);
  buf[4] = '-';
  two(buf + 5, static_cast<unsigned>(ymd.month()));
  buf[7] = '-';
  two(buf + 8, static_cast<unsigned>(ymd.day()));
  buf[10] = 'T';
  two(buf + 11, secs / 3600);
  buf[13] = ':';
  two(buf + 14, (secs / 60) % 60);
  buf[16] = ':';
  two(buf + 17, secs % 60);
  std::size_t n = 19;
  if (offset_minutes == 0) {
    buf[n++] = 'Z';
  } else {
    const int a = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    buf[n++] = offset_minutes < 0 ? '-' : '+';
    two(buf + n, (a / 60) % 100);
    buf[n + 2] = ':';
    two(buf + n + 3, a % 60);
    n += 5;
  }
  return std::string(buf, n);
}

std::optional<Instant> parse_rfc3339(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM)
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':')
    return std::nullopt;
  int y, mo, d, h, mi, se;
  if (!parse_int(s.substr(0, 4), y) || !parse_int(s.substr(5, 2), mo) || !parse_int(s.substr(8, 2), d) ||
      !parse_int(s.substr(11, 2), h) || !parse_int(s.substr(14, 2), mi) || !parse_int(s.substr(17, 2), se))
    return std::nullopt;
  std::size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }
  if (pos >= s.size()) return std::nullopt;
  int offset_minutes = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    if (pos + 1 != s.size()) return std::nullopt;
  } else if (s[pos] == '+' || s[pos] == '-') {
    if (s.size() != pos + 6 || s[pos + 3] != ':') return std::nullopt;
    int oh, om;
    if (!parse_int(s.substr(pos + 1, 2), oh) || !parse_int(s.substr(pos + 4, 2), om) || oh > 23 || om > 59)
      return std::nullopt;
    offset_minutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(mo)}, date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || se > 60) return std::nullopt;
  auto local =
      date::sys_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{std::min(se, 59)};
  const Instant t{local - std::chrono::minutes{offset_minutes}};
  // An offset may carry a time near the ends of year 0 or 9999 into year -1 or 10000, which four
  // digits cannot write back (10000 came out as year 0000): refused like any other bad instant.
  static const Instant first{date::sys_days{date::year{0} / 1 / 1}};
  static const Instant last{date::sys_days{date::year{9999} / 12 / 31} + std::chrono::seconds{86399}};
  if (t < first || t > last) return std::nullopt;
  return t;
}

unsigned LocalDate::iso_weekday() const {
  date::year_month_day ymd{date::year{year}, date::month{month}, date::day{day}};
  return date::weekday{date::sys_days{ymd}}.iso_encoding();
}

std::string LocalDate::str() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, month, day);
  return buf;
}

std::optional<LocalDate> LocalDate::parse(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y, m, d;
  if (!parse_int(s.substr(0, 4), y) || !parse_int(s.substr(5, 2), m) || !parse_int(s.substr(8, 2), d))
    return std::nullopt;
  date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)}, date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return LocalDate{y, static_cast<unsigned>(m), static_cast<unsigned>(d)};
}

std::string LocalTime::str() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

std::optional<LocalTime> LocalTime::parse(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  int h, m;
  if (!parse_int(s.substr(0, 2), h) || !parse_int(s.substr(3, 2), m)) return std::nullopt;
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return LocalTime{h * 60 + m};
}

bool is_valid_time_zone(std::string_view name) {
  if (name.empty()) return false;
  try {
    return date::locate_zone(name) != nullptr;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace slotbase
