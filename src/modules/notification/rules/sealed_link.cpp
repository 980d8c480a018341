#include "sealed_link.h"

#include <sodium.h>

#include <stdexcept>

#include "platform/core/encoding.h"
#include "platform/core/strings.h"

namespace slotbase::notification::rules {
namespace {

/// The secretbox key: the secret's HMAC over a fixed label, so that the key file's text can be
/// of any length and serves no other purpose under this key.
std::string key_of(std::string_view secret) {
  static_assert(crypto_secretbox_KEYBYTES == 32);
  return hmac_sha256(secret, "slotbase sealed links v1");
}

void init_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

void replace_all(std::string& s, std::string_view mark, const std::string& with) {
  for (auto at = s.find(mark); at != std::string::npos; at = s.find(mark, at + with.size()))
    s.replace(at, mark.size(), with);
}

}  // namespace

std::string seal(std::string_view secret, std::string_view plain) {
  init_sodium();
  const std::string key = key_of(secret);
  std::string out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plain.data()),
                        plain.size(), nonce, reinterpret_cast<const unsigned char*>(key.data()));
  return base64url_encode(out);
}

std::optional<std::string> unseal(std::string_view secret, std::string_view sealed) {
  init_sodium();
  auto bytes = base64url_decode(sealed);
  if (!bytes || bytes->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return std::nullopt;
  const std::string key = key_of(secret);
  const auto* nonce = reinterpret_cast<const unsigned char*>(bytes->data());
  const auto* box = nonce + crypto_secretbox_NONCEBYTES;
  const std::size_t box_size = bytes->size() - crypto_secretbox_NONCEBYTES;
  std::string plain(box_size - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), box, box_size, nonce,
                                 reinterpret_cast<const unsigned char*>(key.data())) != 0)
    return std::nullopt;
  return plain;
}

bool open_sealed_link(std::string_view secret, const nlohmann::json& data, std::string& text, std::string& html) {
  if (!data.is_object() || !data.contains(kSealedLinkField)) return true;
  const auto& sealed = data[kSealedLinkField];
  auto link = sealed.is_string() ? unseal(secret, sealed.get<std::string>()) : std::nullopt;
  if (!link) return false;
  replace_all(text, kSealedLinkMark, *link);
  replace_all(html, kSealedLinkMark, html_escape(*link));
  return true;
}

}  // namespace slotbase::notification::rules
