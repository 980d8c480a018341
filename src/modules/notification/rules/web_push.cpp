#include "web_push.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <utility>

#include <nlohmann/json.hpp>

#include "platform/core/encoding.h"

namespace slotbase::notification::rules {
namespace {

constexpr const char* kCurve = "prime256v1";

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using Bignum = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, Deleter<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>>;
using Group = std::unique_ptr<EC_GROUP, Deleter<EC_GROUP, EC_GROUP_free>>;
using Point = std::unique_ptr<EC_POINT, Deleter<EC_POINT, EC_POINT_free>>;
using Sig = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG, ECDSA_SIG_free>>;
using ParamBld = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;

[[noreturn]] void fail(const char* what) {
  throw std::runtime_error(std::string("web push: ") + what);
}

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

/// A key of the given point, with the scalar when there is one.
EVP_PKEY* make_key(std::string_view point, const BIGNUM* scalar) {
  ParamBld bld(OSSL_PARAM_BLD_new());
  if (!bld || !OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, kCurve, 0) ||
      !OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) ||
      (scalar && !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, scalar)))
    fail("cannot build key parameters");
  Params params(OSSL_PARAM_BLD_to_param(bld.get()));
  PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* key = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
      EVP_PKEY_fromdata(ctx.get(), &key, scalar ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params.get()) <= 0)
    return nullptr;
  return key;
}

std::string big_endian32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

bool is_ip_literal(std::string_view host) {
  if (host.starts_with('[')) return true;  // IPv6
  return !host.empty() && std::all_of(host.begin(), host.end(),
                                      [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; });
}

struct ParsedUrl {
  std::string scheme;  // lower case
  std::string host;    // lower case, IPv6 with its brackets
  std::string authority;
};

std::optional<ParsedUrl> parse_url(std::string_view url) {
  const auto sep = url.find("://");
  if (sep == std::string_view::npos) return std::nullopt;
  ParsedUrl out;
  for (char c : url.substr(0, sep)) out.scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto rest = url.substr(sep + 3);
  const auto end = rest.find_first_of("/?#");
  const auto authority = rest.substr(0, end);
  if (authority.empty() || authority.find('@') != std::string_view::npos) return std::nullopt;
  for (char c : authority) out.authority += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (out.authority.starts_with('[')) {
    const auto close = out.authority.find(']');
    if (close == std::string::npos) return std::nullopt;
    out.host = out.authority.substr(0, close + 1);
  } else {
    out.host = out.authority.substr(0, out.authority.find(':'));
  }
  if (out.host.empty()) return std::nullopt;
  return out;
}

}  // namespace

P256Key P256Key::generate() {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  if (!key) fail("cannot generate a P-256 key");
  return P256Key(key);
}

std::optional<P256Key> P256Key::from_private(std::string_view scalar) {
  if (scalar.size() != kP256PrivateBytes) return std::nullopt;
  Group group(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1));
  Bignum d(BN_bin2bn(bytes(scalar), static_cast<int>(scalar.size()), nullptr));
  if (!group || !d) fail("out of memory");
  if (BN_is_zero(d.get()) || BN_cmp(d.get(), EC_GROUP_get0_order(group.get())) >= 0) return std::nullopt;
  Point pub(EC_POINT_new(group.get()));
  unsigned char buf[kP256PublicBytes];
  if (!pub || !EC_POINT_mul(group.get(), pub.get(), d.get(), nullptr, nullptr, nullptr) ||
      EC_POINT_point2oct(group.get(), pub.get(), POINT_CONVERSION_UNCOMPRESSED, buf, sizeof buf, nullptr) != sizeof buf)
    fail("cannot compute a public key");
  EVP_PKEY* key = make_key(std::string_view(reinterpret_cast<const char*>(buf), sizeof buf), d.get());
  if (!key) return std::nullopt;
  return P256Key(key);
}

std::optional<P256Key> P256Key::from_public(std::string_view point) {
  if (point.size() != kP256PublicBytes || point[0] != 0x04) return std::nullopt;
  // OpenSSL decodes the point and refuses one that is not on the curve.
  EVP_PKEY* key = make_key(point, nullptr);
  if (!key) return std::nullopt;
  return P256Key(key);
}

P256Key::P256Key(P256Key&& o) noexcept : key_(std::exchange(o.key_, nullptr)) {}
P256Key& P256Key::operator=(P256Key&& o) noexcept {
  std::swap(key_, o.key_);
  return *this;
}
P256Key::~P256Key() {
  EVP_PKEY_free(key_);
}

std::string P256Key::public_point() const {
  std::string out(kP256PublicBytes, '\0');
  std::size_t len = 0;
  if (!EVP_PKEY_get_octet_string_param(key_, OSSL_PKEY_PARAM_PUB_KEY, reinterpret_cast<unsigned char*>(out.data()),
                                       out.size(), &len) ||
      len != kP256PublicBytes)
    fail("cannot read a public key");
  return out;
}

std::string P256Key::private_scalar() const {
  BIGNUM* raw = nullptr;
  if (!EVP_PKEY_get_bn_param(key_, OSSL_PKEY_PARAM_PRIV_KEY, &raw)) throw std::logic_error("a public key alone");
  Bignum d(raw);
  std::string out(kP256PrivateBytes, '\0');
  if (BN_bn2binpad(d.get(), reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(out.size())) < 0)
    fail("cannot write a private key");
  return out;
}

std::string P256Key::shared_secret(const P256Key& peer) const {
  PkeyCtx ctx(EVP_PKEY_CTX_new(key_, nullptr));
  std::size_t len = 0;
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) <= 0 || EVP_PKEY_derive_set_peer(ctx.get(), peer.key_) <= 0 ||
      EVP_PKEY_derive(ctx.get(), nullptr, &len) <= 0)
    fail("ECDH failed");
  std::string out(len, '\0');
  if (EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len) <= 0) fail("ECDH failed");
  out.resize(len);
  return out;
}

std::string P256Key::sign_es256(std::string_view data) const {
  MdCtx md(EVP_MD_CTX_new());
  std::size_t len = 0;
  if (!md || EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, key_) <= 0 ||
      EVP_DigestSign(md.get(), nullptr, &len, bytes(data), data.size()) <= 0)
    fail("cannot sign");
  std::string der(len, '\0');
  if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(der.data()), &len, bytes(data), data.size()) <= 0)
    fail("cannot sign");
  // JWS wants R || S, each 32 bytes, not OpenSSL's DER sequence.
  const unsigned char* p = bytes(der);
  Sig sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(len)));
  if (!sig) fail("cannot read a signature");
  std::string out(64, '\0');
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), o, 32) != 32 ||
      BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), o + 32, 32) != 32)
    fail("cannot write a signature");
  return out;
}

bool P256Key::verify_es256(std::string_view data, std::string_view signature) const {
  if (signature.size() != 64) return false;
  Sig sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(bytes(signature), 32, nullptr);
  BIGNUM* s = BN_bin2bn(bytes(signature) + 32, 32, nullptr);
  if (!sig || !r || !s || !ECDSA_SIG_set0(sig.get(), r, s)) {
    BN_free(r);
    BN_free(s);
    return false;
  }
  unsigned char* der = nullptr;
  const int der_len = i2d_ECDSA_SIG(sig.get(), &der);
  if (der_len <= 0) return false;
  std::unique_ptr<unsigned char, void (*)(unsigned char*)> owned(der, [](unsigned char* q) { OPENSSL_free(q); });
  MdCtx md(EVP_MD_CTX_new());
  return md && EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, key_) > 0 &&
         EVP_DigestVerify(md.get(), der, static_cast<std::size_t>(der_len), bytes(data), data.size()) == 1;
}

std::string hkdf_sha256(std::string_view salt, std::string_view ikm, std::string_view info, std::size_t length) {
  if (length > 32) throw std::invalid_argument("hkdf_sha256: at most 32 octets");
  const std::string prk = hmac_sha256(salt, ikm);
  std::string t(info);
  t.push_back('\x01');
  return hmac_sha256(prk, t).substr(0, length);
}

std::string encrypt_aes128gcm(std::string_view plaintext, std::string_view ua_public, std::string_view auth_secret,
                              const P256Key& sender, std::string_view salt) {
  if (auth_secret.size() != kAuthSecretBytes) throw std::invalid_argument("the auth secret must be 16 bytes");
  if (salt.size() != kSaltBytes) throw std::invalid_argument("the salt must be 16 bytes");
  if (plaintext.size() > kMaxPlaintext) throw std::invalid_argument("a push message holds at most 3993 bytes");
  auto ua = P256Key::from_public(ua_public);
  if (!ua) throw std::invalid_argument("not a P-256 public key");
  const std::string as_public = sender.public_point();

  // RFC 8291 3.3 and 3.4: the input keying material from the ECDH secret and the auth secret,
  // then RFC 8188's content-encryption key and nonce from it and the salt.
  const std::string ecdh = sender.shared_secret(*ua);
  const std::string key_info = std::string("WebPush: info") + '\0' + std::string(ua_public) + as_public;
  const std::string ikm = hkdf_sha256(auth_secret, ecdh, key_info, 32);
  const std::string cek = hkdf_sha256(salt, ikm, std::string("Content-Encoding: aes128gcm") + '\0', 16);
  const std::string nonce = hkdf_sha256(salt, ikm, std::string("Content-Encoding: nonce") + '\0', 12);

  // One record, the last: the plaintext and the delimiter 0x02, no further padding.
  std::string record(plaintext);
  record.push_back('\x02');
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  std::string out(record.size() + 16, '\0');
  int len = 0, final_len = 0;
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_128_gcm(), nullptr, bytes(cek), bytes(nonce)) != 1 ||
      EVP_EncryptUpdate(ctx.get(), o, &len, bytes(record), static_cast<int>(record.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), o + len, &final_len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, 16, o + record.size()) != 1)
    fail("AES-128-GCM failed");

  // RFC 8188 2.1: salt, record size, the key id's length and the key id (the sender's key).
  std::string body(salt);
  body += big_endian32(kRecordSize);
  body.push_back(static_cast<char>(as_public.size()));
  body += as_public;
  body += out;
  return body;
}

std::string encrypt(std::string_view plaintext, std::string_view ua_public, std::string_view auth_secret) {
  std::string salt(kSaltBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), static_cast<int>(salt.size())) != 1)
    fail("no random bytes");
  return encrypt_aes128gcm(plaintext, ua_public, auth_secret, P256Key::generate(), salt);
}

std::string origin_of(std::string_view url) {
  auto u = parse_url(url);
  if (!u || (u->scheme != "https" && u->scheme != "http")) return "";
  return u->scheme + "://" + u->authority;
}

std::string vapid_jwt(const P256Key& key, const VapidClaims& claims) {
  const std::string header = base64url_encode(R"({"typ":"JWT","alg":"ES256"})");
  const nlohmann::json body = {{"aud", claims.audience}, {"exp", claims.expires}, {"sub", claims.subject}};
  const std::string signing_input = header + "." + base64url_encode(body.dump());
  return signing_input + "." + base64url_encode(key.sign_es256(signing_input));
}

std::string vapid_authorization(const P256Key& key, const VapidClaims& claims) {
  return "vapid t=" + vapid_jwt(key, claims) + ", k=" + base64url_encode(key.public_point());
}

namespace {

/// Browsers give the keys unpadded; a padded copy is the same bytes.
std::optional<std::string> decode_b64url(std::string_view text) {
  while (text.ends_with('=')) text.remove_suffix(1);
  return base64url_decode(text);
}

}  // namespace

namespace {

/// What is wrong with an endpoint, if anything.
std::optional<std::string> endpoint_problem(std::string_view endpoint, bool allow_loopback_http) {
  if (endpoint.size() > 2048) return "must be at most 2048 characters";
  const auto url = parse_url(endpoint);
  if (!url || endpoint.find_first_of(" \t\r\n") != std::string_view::npos)
    return "must be the push service's https:// URL";
  const bool loopback = url->host == "127.0.0.1" || url->host == "localhost" || url->host == "[::1]";
  // A local push service, when the configuration allows one.
  if (allow_loopback_http && loopback && (url->scheme == "http" || url->scheme == "https")) return std::nullopt;
  if (url->scheme != "https") return "must be an https:// URL";
  if (loopback || is_ip_literal(url->host) || url->host.find('.') == std::string::npos)
    return "must be on a push service's host name, not an address or a local name";
  return std::nullopt;
}

}  // namespace

std::vector<FieldError> check_subscription(std::string_view endpoint, std::string_view p256dh, std::string_view auth,
                                           bool allow_loopback_http) {
  std::vector<FieldError> errors;
  if (auto problem = endpoint_problem(endpoint, allow_loopback_http)) errors.push_back({"endpoint", *problem});
  const auto key = decode_b64url(p256dh);
  if (!key || key->size() != kP256PublicBytes || !P256Key::from_public(*key))
    errors.push_back({"keys.p256dh", "must be the base64url of an uncompressed P-256 public key (65 bytes)"});
  const auto secret = decode_b64url(auth);
  if (!secret || secret->size() != kAuthSecretBytes)
    errors.push_back({"keys.auth", "must be the base64url of a 16-byte authentication secret"});
  return errors;
}

std::optional<SubscriptionKeys> decode_keys(std::string_view p256dh, std::string_view auth) {
  auto key = decode_b64url(p256dh);
  auto secret = decode_b64url(auth);
  if (!key || !secret || key->size() != kP256PublicBytes || secret->size() != kAuthSecretBytes) return std::nullopt;
  return SubscriptionKeys{std::move(*key), std::move(*secret)};
}

PushVerdict verdict_of(long status) {
  if (status >= 200 && status < 300) return PushVerdict::delivered;
  if (status == 404 || status == 410) return PushVerdict::gone;
  if (status == 429 || status >= 500 || status <= 0) return PushVerdict::retry;
  return PushVerdict::failed;
}

}  // namespace slotbase::notification::rules
