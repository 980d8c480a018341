#pragma once

#include <string>
#include <string_view>

#include "booking/booking_types.h"

namespace slotbase::booking {

/// One CSV field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break,
/// with quotes doubled. A `text` field (names, e-mails: what people typed) that a spreadsheet
/// would run as a formula (starting with =, +, -, @, a tab or a carriage return) gets a leading
/// apostrophe, so it is shown and never run.
std::string csv_field(std::string_view value, bool text);

/// The export as a CSV document: a header row, then one row per booking with its times as
/// wall-clock times with offset in the facility's zone; CRLF line ends.
std::string bookings_csv(const BookingExport& e);

}  // namespace slotbase::booking
