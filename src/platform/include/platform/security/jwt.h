#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "platform/core/result.h"
#include "platform/core/time.h"

namespace slotbase::security {

/// HS256 JSON Web Tokens, signed and checked with one secret.
class JwtSigner {
 public:
  explicit JwtSigner(std::string secret, std::string issuer = "slotbase")
      : secret_(std::move(secret)), issuer_(std::move(issuer)) {}

  /// Signs `claims` after adding iss, iat and exp.
  std::string sign(nlohmann::json claims, Instant now, std::chrono::seconds ttl) const;
  /// The claims of a token whose signature, algorithm, issuer and expiry are good at `now`;
  /// unauthenticated otherwise.
  Result<nlohmann::json> verify(const std::string& token, Instant now) const;
  /// The same without the expiry check: the caller must compare the integer claim "exp" (which
  /// this guarantees is there) with the time itself.
  Result<nlohmann::json> verify_signed(const std::string& token) const;

 private:
  std::string secret_;
  std::string issuer_;
};

}  // namespace slotbase::security
