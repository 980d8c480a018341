#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace slotbase::testing {

/// A browser's side of Web Push, written against OpenSSL alone (not the server's code), to read
/// what the server sends: a P-256 key pair and an auth secret like PushManager.subscribe makes,
/// and RFC 8291 / RFC 8188 aes128gcm decryption.
class PushReceiver {
 public:
  /// A new key pair and a random 16-byte auth secret.
  PushReceiver();
  /// Fixed keys (raw bytes): the RFC's example.
  PushReceiver(std::string private_scalar, std::string public_point, std::string auth);

  /// base64url, as PushSubscription.toJSON() gives them.
  std::string p256dh() const;
  std::string auth() const;

  /// The plaintext of an aes128gcm body for this subscription; nullopt when it does not decrypt
  /// (wrong key, tampered, bad padding).
  std::optional<std::string> decrypt(std::string_view body) const;

 private:
  std::string private_;  // 32 bytes
  std::string public_;   // 65 bytes
  std::string auth_;     // 16 bytes
};

/// The claims of a compact JWS signed ES256 by the holder of `public_point` (65 bytes, raw), with
/// the header {"typ":"JWT","alg":"ES256"}; nullopt when the signature or the header is wrong.
std::optional<nlohmann::json> verify_es256_jwt(std::string_view jwt, std::string_view public_point);

}  // namespace slotbase::testing
