#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace slotbase::notification::rules {

/// RFC 4648 base64 with its standard alphabet and padding (HTTP basic auth, Svix signatures and
/// secrets).
std::string base64_encode(std::string_view bytes);
/// nullopt for a character outside the alphabet or a length that is not a whole number of
/// quads.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace slotbase::notification::rules
