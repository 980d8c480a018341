#include "platform/http/gzip.h"

#include <zlib.h>

#include <optional>
#include <stdexcept>

#include "platform/core/strings.h"

namespace slotbase::http {

std::string gzip(std::string_view text) {
  z_stream zs{};
  // 15 window bits, plus 16 for a gzip header and trailer instead of zlib's.
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("gzip: deflateInit2 failed");
  std::string out(deflateBound(&zs, static_cast<uLong>(text.size())), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  zs.avail_in = static_cast<uInt>(text.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);  // the bound fits the whole stream in one call
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("gzip: deflate did not finish");
  return out;
}

bool accepts_gzip(std::string_view accept_encoding) {
  // gzip named outright decides; otherwise "*" does (RFC 9110, 12.5.3).
  std::optional<bool> named, any;
  const std::string header = lower(std::string(accept_encoding));
  std::size_t from = 0;
  while (from <= header.size()) {
    std::size_t comma = header.find(',', from);
    if (comma == std::string::npos) comma = header.size();
    const std::string item = header.substr(from, comma - from);
    from = comma + 1;
    const auto semi = item.find(';');
    const std::string name = trim(item.substr(0, semi));
    if (name != "gzip" && name != "x-gzip" && name != "*") continue;
    // A weight of zero ("q=0", "q=0.0", "q=0.000") refuses the coding; any other accepts it.
    bool accepted = true;
    if (semi != std::string::npos) {
      const std::string param = trim(item.substr(semi + 1));
      if (param.rfind("q=", 0) == 0) accepted = trim(param.substr(2)).find_first_not_of("0.") != std::string::npos;
    }
    (name == "*" ? any : named) = accepted;
  }
  return named.value_or(any.value_or(false));
}

}  // namespace slotbase::http
