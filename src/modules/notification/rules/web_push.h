#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/error.h"

typedef struct evp_pkey_st EVP_PKEY;

/// Web Push's cryptography: RFC 8291 message encryption (ECDH on P-256, the subscription's auth
/// secret, HKDF-SHA-256, and RFC 8188's aes128gcm content coding, one record), RFC 8292 VAPID
/// (an ES256 JWT for the push service's origin), and what a subscription must look like. Byte
/// strings are raw bytes in std::string; keys travel base64url as the browsers give them.
namespace slotbase::notification::rules {

/// An uncompressed P-256 point: 0x04 || X || Y.
inline constexpr std::size_t kP256PublicBytes = 65;
inline constexpr std::size_t kP256PrivateBytes = 32;
inline constexpr std::size_t kAuthSecretBytes = 16;
inline constexpr std::size_t kSaltBytes = 16;
/// The record size written in the aes128gcm header. Push services need not take a body larger
/// than 4096 octets, so one record of that size holds every message.
inline constexpr std::uint32_t kRecordSize = 4096;
/// The largest plaintext that fits in a 4096-octet body: 4096 less the 86-octet header, the
/// 16-octet tag and the padding delimiter (RFC 8291, section 4).
inline constexpr std::size_t kMaxPlaintext = 3993;

/// A P-256 key pair (or a public key alone), with OpenSSL's key inside. Movable, not copyable.
class P256Key {
 public:
  /// A new random key pair.
  static P256Key generate();
  /// The key pair of a private scalar (32 bytes, big-endian); nullopt when it is not a valid
  /// scalar (zero, or not below the group order).
  static std::optional<P256Key> from_private(std::string_view scalar);
  /// A public key from its uncompressed point; nullopt unless 65 bytes, 0x04 and on the curve.
  static std::optional<P256Key> from_public(std::string_view point);

  P256Key(P256Key&&) noexcept;
  P256Key& operator=(P256Key&&) noexcept;
  ~P256Key();

  /// The uncompressed point (65 bytes).
  std::string public_point() const;
  /// The private scalar (32 bytes); std::logic_error for a public key alone.
  std::string private_scalar() const;
  /// ECDH with a peer's public key: the shared X coordinate (32 bytes).
  std::string shared_secret(const P256Key& peer) const;
  /// An ES256 signature of `data` (SHA-256, ECDSA): R || S, 32 bytes each (RFC 7518 3.4).
  std::string sign_es256(std::string_view data) const;
  /// Whether `signature` (R || S) is this key's ES256 signature of `data`.
  bool verify_es256(std::string_view data, std::string_view signature) const;

  EVP_PKEY* get() const { return key_; }

 private:
  explicit P256Key(EVP_PKEY* key) : key_(key) {}
  EVP_PKEY* key_ = nullptr;
};

/// HKDF-SHA-256 (RFC 5869) for an output of at most 32 octets.
std::string hkdf_sha256(std::string_view salt, std::string_view ikm, std::string_view info, std::size_t length);

/// Encrypts `plaintext` for a subscription (RFC 8291 section 3 and RFC 8188) with the given
/// sender key pair and salt: the whole aes128gcm body, header (salt, record size, the sender's
/// public key as key id) and one record padded with the delimiter 0x02. Deterministic, for the
/// RFC's test vector; `encrypt` below picks the key and salt. std::invalid_argument for a key or
/// secret of the wrong size or a plaintext over kMaxPlaintext.
std::string encrypt_aes128gcm(std::string_view plaintext, std::string_view ua_public, std::string_view auth_secret,
                              const P256Key& sender, std::string_view salt);
/// The same with a fresh sender key pair and a random salt, as every message must have.
std::string encrypt(std::string_view plaintext, std::string_view ua_public, std::string_view auth_secret);

/// "https://push.example.net" of "https://push.example.net/send/abc": the scheme and authority,
/// lower case, the audience of a VAPID token. Empty for something that is not an http(s) URL.
std::string origin_of(std::string_view url);

/// The claims of a VAPID token.
struct VapidClaims {
  std::string audience;  // the push service's origin
  std::int64_t expires;  // seconds since the epoch; RFC 8292 wants no more than 24 h ahead
  std::string subject;   // mailto: or https: contact of the application server's operator
};
/// The signed JWT (RFC 8292 section 2): {"typ":"JWT","alg":"ES256"}, {aud, exp, sub}.
std::string vapid_jwt(const P256Key& key, const VapidClaims& claims);
/// The Authorization header's value: "vapid t=<jwt>, k=<base64url public key>".
std::string vapid_authorization(const P256Key& key, const VapidClaims& claims);

/// A subscription as a browser hands it over (PushSubscription.toJSON()), decoded.
struct SubscriptionKeys {
  std::string p256dh;  // 65 bytes
  std::string auth;    // 16 bytes
};
/// Checks a subscription: an https endpoint on a host name (not an address or localhost: the
/// server posts to it), p256dh the base64url of a P-256 point, auth of 16 bytes. With
/// `allow_loopback_http`, also http://127.0.0.1 and http://localhost endpoints (tests, a local
/// push service). Errors name "endpoint", "keys.p256dh" and "keys.auth".
std::vector<FieldError> check_subscription(std::string_view endpoint, std::string_view p256dh, std::string_view auth,
                                           bool allow_loopback_http);
/// The decoded keys of a subscription that passed check_subscription.
std::optional<SubscriptionKeys> decode_keys(std::string_view p256dh, std::string_view auth);

/// How a push service answered, as RFC 8030 reads: 201 (or any 2xx) delivered; 404 and 410 the
/// subscription is gone; 429, 5xx and no answer worth another try; the rest final.
enum class PushVerdict { delivered, gone, retry, failed };
PushVerdict verdict_of(long status);

}  // namespace slotbase::notification::rules
