#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace slotbase::payment::rules {

/// The `Stripe-Signature` header value for `payload` sent at `timestamp` (Unix seconds):
/// `t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<payload>" under secret>`. The sandbox signs
/// its webhooks this way too.
std::string sign_webhook(std::string_view payload, std::string_view secret, std::int64_t timestamp);

enum class SignatureCheck { ok, malformed, mismatch, too_old };

/// Checks a `Stripe-Signature` header against the raw request body. The header holds one `t` and
/// one or more `v1` entries (several while a secret is being rolled); any matching v1 will do, and
/// other schemes (`v0`) are ignored. `malformed` when there is no integer `t` or no `v1`;
/// `mismatch` when no v1 matches; `too_old` when an authentic signature's timestamp is more than
/// `tolerance_seconds` away from `now`, in the past or in the future (a replayed event).
SignatureCheck verify_webhook(std::string_view header, std::string_view payload, std::string_view secret,
                              std::int64_t now, std::int64_t tolerance_seconds = 300);

}  // namespace slotbase::payment::rules
