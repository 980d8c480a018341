#pragma once

#include "platform/core/error.h"
#include "platform/http/message.h"

namespace slotbase::http {

/// The HTTP status for an error code: the one table, covered by a test for every enumerator.
int status_for(ErrorCode code);

/// An RFC 9457 application/problem+json response for an error:
/// {type, title, status, detail, code, [errors], [rule], [instance]}.
Response problem(const Error& error, const std::string& instance = {});

}  // namespace slotbase::http
