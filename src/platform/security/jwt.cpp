#include "platform/security/jwt.h"

#include "platform/core/encoding.h"

namespace slotbase::security {

std::string JwtSigner::sign(nlohmann::json claims, Instant now, std::chrono::seconds ttl) const {
  static const std::string header = base64url_encode(R"({"alg":"HS256","typ":"JWT"})");
  claims["iss"] = issuer_;
  claims["iat"] = epoch_seconds(now);
  claims["exp"] = epoch_seconds(now + ttl);
  std::string signing_input = header + "." + base64url_encode(claims.dump());
  return signing_input + "." + base64url_encode(hmac_sha256(secret_, signing_input));
}

Result<nlohmann::json> JwtSigner::verify(const std::string& token, Instant now) const {
  auto claims = verify_signed(token);
  if (claims.ok() && claims.value()["exp"].get<std::int64_t>() <= epoch_seconds(now))
    return Error::unauthenticated("The access token is invalid or has expired.");
  return claims;
}

Result<nlohmann::json> JwtSigner::verify_signed(const std::string& token) const {
  const auto bad = Error::unauthenticated("The access token is invalid or has expired.");
  auto dot1 = token.find('.');
  auto dot2 = token.find('.', dot1 == std::string::npos ? 0 : dot1 + 1);
  if (dot1 == std::string::npos || dot2 == std::string::npos || token.find('.', dot2 + 1) != std::string::npos)
    return bad;
  auto signature = base64url_decode(token.substr(dot2 + 1));
  if (!signature || !constant_time_equal(*signature, hmac_sha256(secret_, token.substr(0, dot2)))) return bad;
  auto header_text = base64url_decode(token.substr(0, dot1));
  auto payload_text = base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1));
  if (!header_text || !payload_text) return bad;
  auto header = nlohmann::json::parse(*header_text, nullptr, false);
  auto claims = nlohmann::json::parse(*payload_text, nullptr, false);
  // Compared as JSON values: value("alg", "") would throw on an alg that is not a string.
  if (!header.is_object() || !claims.is_object() || header.value("alg", nlohmann::json()) != "HS256") return bad;
  if (claims.value("iss", nlohmann::json()) != issuer_) return bad;
  if (!claims.contains("exp") || !claims["exp"].is_number_integer()) return bad;
  return claims;
}

}  // namespace slotbase::security
