#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace slotbase::notification {

/// What one HTTP exchange with a provider came to.
struct HttpReply {
  bool exchanged = false;  // false: no answer (no connection, a timeout, a dropped reply)
  std::string error;       // why, when there was no answer
  bool bad_url = false;    // the URL itself cannot work: no retry will help
  long status = 0;
  std::string body;
};

/// One POST over libcurl, with a fresh handle (nothing of a failed exchange leaks into the next),
/// no signals (timeouts work in any thread), and "Expect:" off. `headers` are whole lines
/// ("Authorization: Bearer ..."). A reply body over 1 MiB is abandoned as no answer.
HttpReply http_post(const std::string& url, const std::vector<std::string>& headers, const std::string& body,
                    std::chrono::milliseconds timeout);

/// `text` percent-encoded for a form body or a path segment (RFC 3986 unreserved kept).
std::string form_encode(std::string_view text);

}  // namespace slotbase::notification
