#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace slotbase::notification::rules {

enum class SvixCheck { ok, malformed, mismatch, too_old };

/// Checks a webhook signed the Svix way, as Resend sends them: the signed content is
/// "{svix-id}.{svix-timestamp}.{raw body}", signed with HMAC-SHA256 under the secret (the base64
/// after "whsec_"); `svix-signature` holds space-separated "v1,<base64 signature>" entries (more
/// than one while a secret is being rolled), any of which may match. `malformed` for a missing
/// id, a timestamp that is not whole seconds, no v1 entry or a secret that is not base64;
/// `mismatch` when none matches; `too_old` when an authentic signature's timestamp is more than
/// `tolerance_seconds` from `now` (a replay).
SvixCheck verify_svix(std::string_view secret, std::string_view id, std::string_view timestamp,
                      std::string_view signature_header, std::string_view payload, std::int64_t now,
                      std::int64_t tolerance_seconds = 300);

/// The `svix-signature` value for a payload (the tests' sender, and the docs' example).
std::string sign_svix(std::string_view secret, std::string_view id, std::string_view timestamp,
                      std::string_view payload);

}  // namespace slotbase::notification::rules
