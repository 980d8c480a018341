#pragma once

#include <string>
#include <string_view>

namespace slotbase::http {

/// `text` compressed in the gzip format (RFC 1952), at zlib's default level.
std::string gzip(std::string_view text);

/// Whether an Accept-Encoding value (RFC 9110, 12.5.3) lets the response be sent gzipped: gzip
/// (or x-gzip, or *) listed without q=0.
bool accepts_gzip(std::string_view accept_encoding);

}  // namespace slotbase::http
