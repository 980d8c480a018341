#pragma once

#include <string>

#include "platform/core/context.h"
#include "platform/core/result.h"
#include "platform/http/json_body.h"
#include "platform/http/message.h"
#include "platform/http/problem.h"

namespace slotbase::http {

/// The service-call context of a request: the caller, the request id (as correlation id), the IP.
inline Context context_of(const Request& r) {
  if (!r.principal) return {std::nullopt, r.request_id, r.remote_ip, nullptr};
  return {r.principal->user_id, r.request_id, r.remote_ip, r.principal->facts};
}

/// The caller's user id; only on routes declared Auth::required.
inline const std::string& caller(const Request& r) {
  return r.principal.value().user_id;
}

/// `status` with the encoded value, or the error as problem+json.
template <class T, class Encode>
Response reply(const Request& req, int status, const Result<T>& result, Encode&& encode) {
  if (!result.ok()) return problem(result.error(), req.path);
  return Response::json(status, encode(result.value()));
}

inline Response reply_empty(const Request& req, const Result<void>& result) {
  if (!result.ok()) return problem(result.error(), req.path);
  return Response::no_content();
}

inline Response fail(const Request& req, const Error& error) {
  return problem(error, req.path);
}

/// An integer query parameter in [min, max], `fallback` when absent; invalid_argument naming it.
inline Result<int> query_int(const Request& req, const std::string& name, int fallback, int min, int max) {
  auto text = req.query_param(name);
  if (!text) return fallback;
  try {
    std::size_t pos = 0;
    int n = std::stoi(*text, &pos);
    if (pos == text->size() && n >= min && n <= max) return n;
  } catch (const std::exception&) {
  }
  return Error::invalid(name, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
}

}  // namespace slotbase::http

/// Declares `lhs` from a Result, or returns the error as a problem response for `req`.
#define SB_ASSIGN_OR_RETURN_RESPONSE(lhs, expr, req) \
  SB_ASSIGN_OR_RETURN_RESPONSE_IMPL(SB_CONCAT(sb_rr_, __LINE__), lhs, expr, req)
#define SB_ASSIGN_OR_RETURN_RESPONSE_IMPL(tmp, lhs, expr, req)    \
  auto tmp = (expr);                                              \
  if (!tmp.ok()) return ::slotbase::http::fail(req, tmp.error()); \
  lhs = std::move(tmp).value()
