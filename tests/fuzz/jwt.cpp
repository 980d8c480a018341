// JWTs: the access-token verifier (platform security/jwt.h), with a fixed secret. Each input is
// used twice: as a token as it arrives in an Authorization header, and as the JSON of a token's
// claims ("<header JSON>\n<claims JSON>" for both parts) signed with the secret by hand, the
// way a holder of the secret could write any token.
//
// Invariants: the verifier never throws; it accepts a token only with a good HS256 signature, in
// the one spelling the signer wrote (no second encoding of the same signature), the issuer and an
// integer exp; accepted claims are the payload that was signed; a token signed here and then
// changed in any one character is refused.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "platform/core/encoding.h"
#include "platform/security/jwt.h"

using namespace slotbase;
using nlohmann::json;

namespace {

const std::string kSecret = "fuzzing-secret-0123456789abcdef0123456789";
const security::JwtSigner kSigner(kSecret);

void check_accepted(const std::string& token, const json& claims) {
  const auto dot1 = token.find('.');
  const auto dot2 = token.rfind('.');
  fuzz::check(dot1 != std::string::npos && dot2 > dot1, "an accepted token has three parts", token);
  const std::string signature = token.substr(dot2 + 1);
  const auto mac = base64url_decode(signature);
  fuzz::check(mac && *mac == hmac_sha256(kSecret, token.substr(0, dot2)), "an accepted token is signed", token);
  fuzz::check(base64url_encode(*mac) == signature, "an accepted signature is spelled as the signer wrote it", token);
  const auto payload = base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1));
  fuzz::check(payload && json::parse(*payload, nullptr, false) == claims, "accepted claims are what was signed", token);
  fuzz::check(claims.is_object() && claims.value("iss", json()) == "slotbase", "an accepted token is ours", token);
  fuzz::check(claims.contains("exp") && claims["exp"].is_number_integer(), "an accepted token has an integer exp",
              token);
}

void as_token(const std::string& token) {
  auto claims = kSigner.verify_signed(token);
  if (!claims.ok()) {
    fuzz::check(claims.error().code == ErrorCode::unauthenticated, "a refused token is 401", token);
    return;
  }
  check_accepted(token, claims.value());
  (void)kSigner.verify(token, from_epoch_seconds(1'800'000'000));
}

void as_claims(const std::string& input) {
  std::string header = R"({"alg":"HS256","typ":"JWT"})";
  std::string claims = input;
  if (const auto nl = input.find('\n'); nl != std::string::npos) {
    header = input.substr(0, nl);
    claims = input.substr(nl + 1);
  }
  const std::string signing_input = base64url_encode(header) + "." + base64url_encode(claims);
  const std::string token = signing_input + "." + base64url_encode(hmac_sha256(kSecret, signing_input));
  auto verified = kSigner.verify_signed(token);
  if (verified.ok()) check_accepted(token, verified.value());
  (void)kSigner.verify(token, from_epoch_seconds(1'800'000'000));
  // Any one character changed: refused.
  std::string tampered = token;
  const std::size_t at = std::hash<std::string>{}(input) % tampered.size();
  for (char c : {'A', 'B', 'Q', 'g', 'w', '_', '-', '.', '0'}) {
    if (c == token[at]) continue;
    tampered[at] = c;
    fuzz::check(!kSigner.verify_signed(tampered).ok(), "a changed token is refused", token + " -> " + tampered);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  as_token(input);
  as_claims(input);
  return 0;
}
