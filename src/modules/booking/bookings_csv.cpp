#include "bookings_csv.h"

#include <initializer_list>

#include "platform/core/zone.h"

namespace slotbase::booking {
namespace {

void row(std::string& out, std::initializer_list<std::pair<std::string_view, bool>> fields) {
  bool first = true;
  for (const auto& [value, text] : fields) {
    if (!first) out += ',';
    first = false;
    out += csv_field(value, text);
  }
  out += "\r\n";
}

}  // namespace

std::string csv_field(std::string_view value, bool text) {
  std::string cell;
  if (text && !value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos) cell = "'";
  cell += value;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string bookings_csv(const BookingExport& e) {
  auto zone = Zone::find(e.timezone);
  auto local = [&](Instant t) { return zone ? zone->format(t) : format_rfc3339(t); };
  std::string out;
  out.reserve(64 + e.rows.size() * 220);
  row(out, {{"booking_id", false},
            {"court", false},
            {"start", false},
            {"end", false},
            {"time_zone", false},
            {"player", false},
            {"email", false},
            {"phone", false},
            {"type", false},
            {"status", false},
            {"approval_status", false},
            {"payment_status", false},
            {"price", false},
            {"currency", false},
            {"created_at", false}});
  for (const auto& r : e.rows) {
    const auto& b = r.booking;
    const std::string start = local(b.start), end = local(b.end), created = local(b.created_at);
    const std::string status = str(b.status), approval = str(b.approval_status), payment = str(b.payment_status);
    const std::string price = decimal_text(b.price);
    row(out, {{b.id.str(), false},
              {r.resource_name, true},
              {start, false},
              {end, false},
              {e.timezone, false},
              {r.player_name, true},
              {r.player_email, true},
              {r.player_phone, true},
              {b.type, true},
              {status, false},
              {approval, false},
              {payment, false},
              {price, false},
              {b.price.currency, false},
              {created, false}});
  }
  return out;
}

}  // namespace slotbase::booking
