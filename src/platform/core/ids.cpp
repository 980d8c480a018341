#include "platform/core/ids.h"

#include <sodium.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <stdexcept>

#include "platform/core/encoding.h"

namespace slotbase {
namespace {

void ensure_sodium() {
  static const bool ready = [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    return true;
  }();
  (void)ready;
}

}  // namespace

std::string new_id(std::string_view prefix) {
  ensure_sodium();
  // Ascending in ASCII, so that ids sort like the numbers they spell.
  static constexpr char kAlphabet[] = "234567abcdefghijklmnopqrstuvwxyz";
  const auto ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
  std::array<unsigned char, 14> bytes;
  randombytes_buf(bytes.data(), bytes.size());
  std::string id(prefix);
  id.push_back('_');
  for (int shift = 45; shift >= 0; shift -= 5) id.push_back(kAlphabet[(ms >> shift) & 31]);
  for (unsigned char b : bytes) id.push_back(kAlphabet[b & 31]);
  return id;
}

std::string new_uuid() {
  ensure_sodium();
  const auto ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
  std::array<unsigned char, 16> b;
  randombytes_buf(b.data() + 6, b.size() - 6);
  for (int i = 0; i < 6; ++i) b[i] = static_cast<unsigned char>(ms >> (40 - 8 * i));  // big-endian, 48 bits
  b[6] = (b[6] & 0x0f) | 0x70;                                                        // version 7
  b[8] = (b[8] & 0x3f) | 0x80;                                                        // variant 10
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 15]);
  }
  return out;
}

std::string random_token(std::size_t n) {
  ensure_sodium();
  std::string bytes(n, '\0');
  randombytes_buf(bytes.data(), n);
  return base64url_encode(bytes);
}

}  // namespace slotbase
