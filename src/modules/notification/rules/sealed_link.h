#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace slotbase::notification::rules {

/// What a stored message shows where a link that holds a secret goes (an account e-mail's reset
/// or verification link). The link itself is kept sealed in the message's data
/// (`kSealedLinkField`), and put in only as the message is sent: the notifications table holds
/// no usable link, only one that the server's key opens.
inline constexpr std::string_view kSealedLinkMark = "@@sealed-link@@";
inline constexpr const char* kSealedLinkField = "sealed_link";

/// `plain` encrypted and authenticated (XSalsa20-Poly1305, a fresh random nonce each time) under
/// a key made from `secret`, as base64url text.
std::string seal(std::string_view secret, std::string_view plain);
/// What seal() sealed under the same secret; nullopt for anything else (another key, altered).
std::optional<std::string> unseal(std::string_view secret, std::string_view sealed);

/// Puts the sealed link of `data`, if it has one, where `text` and `html` show the mark (HTML-
/// escaped in `html`). False when there is a sealed link that `secret` cannot open.
bool open_sealed_link(std::string_view secret, const nlohmann::json& data, std::string& text, std::string& html);

}  // namespace slotbase::notification::rules
