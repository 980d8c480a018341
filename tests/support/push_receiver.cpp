#include "support/push_receiver.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>

#include <memory>
#include <stdexcept>
#include <vector>

#include "platform/core/encoding.h"

namespace slotbase::testing {
namespace {

using Pkey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

const unsigned char* u(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

/// An EC key of a P-256 point, and its scalar when given.
Pkey key_of(std::string_view point, std::string_view scalar = {}) {
  std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> bld(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
  std::unique_ptr<BIGNUM, decltype(&BN_free)> d(
      scalar.empty() ? nullptr : BN_bin2bn(u(scalar), static_cast<int>(scalar.size()), nullptr), BN_free);
  OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
  OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
  if (d) OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, d.get());
  std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(OSSL_PARAM_BLD_to_param(bld.get()), OSSL_PARAM_free);
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr),
                                                                  EVP_PKEY_CTX_free);
  EVP_PKEY* key = nullptr;
  if (EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
      EVP_PKEY_fromdata(ctx.get(), &key, d ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params.get()) <= 0)
    return {nullptr, EVP_PKEY_free};
  return {key, EVP_PKEY_free};
}

std::string hmac(std::string_view key, std::string_view data) {
  unsigned char out[32];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), u(data), data.size(), out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

/// RFC 5869 with one block of output, enough for every key here.
std::string hkdf(std::string_view salt, std::string_view ikm, std::string_view info, std::size_t length) {
  return hmac(hmac(salt, ikm), std::string(info) + '\x01').substr(0, length);
}

}  // namespace

PushReceiver::PushReceiver() {
  Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), EVP_PKEY_free);
  BIGNUM* d = nullptr;
  EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_PRIV_KEY, &d);
  private_.assign(32, '\0');
  BN_bn2binpad(d, reinterpret_cast<unsigned char*>(private_.data()), 32);
  BN_free(d);
  public_.assign(65, '\0');
  std::size_t len = 0;
  EVP_PKEY_get_octet_string_param(key.get(), OSSL_PKEY_PARAM_PUB_KEY, reinterpret_cast<unsigned char*>(public_.data()),
                                  public_.size(), &len);
  auth_.assign(16, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(auth_.data()), 16);
}

PushReceiver::PushReceiver(std::string private_scalar, std::string public_point, std::string auth)
    : private_(std::move(private_scalar)), public_(std::move(public_point)), auth_(std::move(auth)) {}

std::string PushReceiver::p256dh() const {
  return base64url_encode(public_);
}

std::string PushReceiver::auth() const {
  return base64url_encode(auth_);
}

std::optional<std::string> PushReceiver::decrypt(std::string_view body) const {
  // RFC 8188 2.1: salt (16), record size (4), key id length (1), key id: the sender's key.
  if (body.size() < 21) return std::nullopt;
  const std::string_view salt = body.substr(0, 16);
  const std::uint32_t rs = (std::uint32_t{u(body)[16]} << 24) | (std::uint32_t{u(body)[17]} << 16) |
                           (std::uint32_t{u(body)[18]} << 8) | std::uint32_t{u(body)[19]};
  const std::size_t idlen = u(body)[20];
  if (rs < 18 || body.size() < 21 + idlen) return std::nullopt;
  const std::string_view sender = body.substr(21, idlen);
  std::string_view records = body.substr(21 + idlen);

  // RFC 8291 3.3 and 3.4.
  Pkey mine = key_of(public_, private_), theirs = key_of(sender);
  if (!mine || !theirs) return std::nullopt;
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> dctx(EVP_PKEY_CTX_new(mine.get(), nullptr),
                                                                   EVP_PKEY_CTX_free);
  std::string ecdh(32, '\0');
  std::size_t ecdh_len = ecdh.size();
  if (EVP_PKEY_derive_init(dctx.get()) <= 0 || EVP_PKEY_derive_set_peer(dctx.get(), theirs.get()) <= 0 ||
      EVP_PKEY_derive(dctx.get(), reinterpret_cast<unsigned char*>(ecdh.data()), &ecdh_len) <= 0)
    return std::nullopt;
  const std::string ikm = hkdf(auth_, ecdh, std::string("WebPush: info") + '\0' + public_ + std::string(sender), 32);
  const std::string cek = hkdf(salt, ikm, std::string("Content-Encoding: aes128gcm") + '\0', 16);
  const std::string nonce = hkdf(salt, ikm, std::string("Content-Encoding: nonce") + '\0', 12);

  std::string plaintext;
  for (std::uint64_t seq = 0; !records.empty(); ++seq) {
    const std::string_view record = records.substr(0, rs);
    records.remove_prefix(record.size());
    if (record.size() < 17) return std::nullopt;
    std::string iv = nonce;
    for (int i = 0; i < 8; ++i) iv[11 - i] = static_cast<char>(iv[11 - i] ^ static_cast<char>(seq >> (8 * i)));
    std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> c(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    std::string out(record.size() - 16, '\0');
    int len = 0, fin = 0;
    std::string tag(record.substr(record.size() - 16));
    if (EVP_DecryptInit_ex(c.get(), EVP_aes_128_gcm(), nullptr, u(cek), u(iv)) != 1 ||
        EVP_DecryptUpdate(c.get(), reinterpret_cast<unsigned char*>(out.data()), &len, u(record),
                          static_cast<int>(record.size() - 16)) != 1 ||
        EVP_CIPHER_CTX_ctrl(c.get(), EVP_CTRL_GCM_SET_TAG, 16, tag.data()) != 1 ||
        EVP_DecryptFinal_ex(c.get(), reinterpret_cast<unsigned char*>(out.data()) + len, &fin) != 1)
      return std::nullopt;
    // Padding: zeros after a delimiter, 0x02 in the last record and 0x01 in the others.
    const auto end = out.find_last_not_of('\0');
    if (end == std::string::npos) return std::nullopt;
    const char delimiter = records.empty() ? '\x02' : '\x01';
    if (out[end] != delimiter) return std::nullopt;
    plaintext += out.substr(0, end);
  }
  return plaintext;
}

std::optional<nlohmann::json> verify_es256_jwt(std::string_view jwt, std::string_view public_point) {
  const auto dot1 = jwt.find('.'), dot2 = jwt.rfind('.');
  if (dot1 == std::string_view::npos || dot1 == dot2) return std::nullopt;
  const auto header = base64url_decode(jwt.substr(0, dot1));
  const auto claims = base64url_decode(jwt.substr(dot1 + 1, dot2 - dot1 - 1));
  const auto sig = base64url_decode(jwt.substr(dot2 + 1));
  if (!header || !claims || !sig || sig->size() != 64) return std::nullopt;
  const auto h = nlohmann::json::parse(*header, nullptr, false);
  if (h.is_discarded() || h.value("alg", "") != "ES256" || h.value("typ", "") != "JWT") return std::nullopt;

  // JWS's R || S back into the DER that OpenSSL verifies.
  std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> es(ECDSA_SIG_new(), ECDSA_SIG_free);
  ECDSA_SIG_set0(es.get(), BN_bin2bn(u(*sig), 32, nullptr), BN_bin2bn(u(*sig) + 32, 32, nullptr));
  unsigned char* der = nullptr;
  const int der_len = i2d_ECDSA_SIG(es.get(), &der);
  std::unique_ptr<unsigned char, void (*)(unsigned char*)> owned(der, [](unsigned char* p) { OPENSSL_free(p); });
  Pkey key = key_of(public_point);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  const std::string_view signing_input = jwt.substr(0, dot2);
  if (!key || der_len <= 0 || EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, key.get()) <= 0 ||
      EVP_DigestVerify(md.get(), der, static_cast<std::size_t>(der_len), u(signing_input), signing_input.size()) != 1)
    return std::nullopt;
  auto c = nlohmann::json::parse(*claims, nullptr, false);
  if (c.is_discarded()) return std::nullopt;
  return c;
}

}  // namespace slotbase::testing
