#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace slotbase {

std::string base64url_encode(std::string_view bytes);
/// Decodes unpadded base64url; nullopt on any character outside the alphabet.
std::optional<std::string> base64url_decode(std::string_view text);
std::string hex_encode(std::string_view bytes);
/// SHA-256 of `data`, as lowercase hex.
std::string sha256_hex(std::string_view data);
/// HMAC-SHA256 of `data` under `key`, raw bytes.
std::string hmac_sha256(std::string_view key, std::string_view data);
/// Compares two strings in time independent of where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace slotbase
