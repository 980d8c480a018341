#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "platform/core/time.h"

namespace slotbase::notification::rules {

/// An e-mail to one person, before it becomes bytes on the wire.
struct MailMessage {
  std::string from;  // "SlotBase <no-reply@example.com>" or a bare address
  std::string to;    // a bare address
  std::string subject;
  std::string text;
  std::string html;
  std::string message_id;  // without angle brackets: "ntf_...@example.com"
  Instant date{};
  /// One-click unsubscribe (RFC 8058): the URL a POST to which unsubscribes.
  std::optional<std::string> unsubscribe_url;
};

/// The message in RFC 5322 and MIME: CRLF line ends, a multipart/alternative body with the
/// text part first and the HTML part second, each UTF-8 in quoted-printable (no line over 76
/// characters), a subject in RFC 2047 encoded words when it is not plain ASCII, and with an
/// unsubscribe URL the List-Unsubscribe and List-Unsubscribe-Post headers. `boundary` must not
/// occur in the parts (quoted-printable output never contains "=_").
std::string build_mime(const MailMessage& m, std::string_view boundary);

/// The headers build_mime writes, by name, as they are before folding (for the local outbox).
std::string header_value(const MailMessage& m, std::string_view name);

/// The bare address of "Name <addr>" or "addr".
std::string bare_address(std::string_view mailbox);
/// The domain of an address ("example.com" of "a@example.com"), or "localhost".
std::string domain_of(std::string_view address);

/// RFC 2045 quoted-printable of UTF-8 text, with CRLF line ends.
std::string quoted_printable(std::string_view text);
/// RFC 5322's date: "Tue, 24 Nov 2026 12:00:00 +0000".
std::string rfc5322_date(Instant t);
/// A header value as RFC 2047 encoded words ("=?UTF-8?B?...?=") if it is not plain ASCII,
/// folded so that no line of the header is over 78 characters.
std::string encode_header_text(std::string_view name, std::string_view value);
/// Whether `address` looks like an address a mail server takes: local@domain, no spaces,
/// controls or angle brackets, at most 254 characters.
bool plausible_address(std::string_view address);

}  // namespace slotbase::notification::rules
