#include "platform/security/password.h"

#include <argon2.h>
#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace slotbase::security {

std::string PasswordHasher::hash(const std::string& password) const {
  unsigned char salt[16];
  randombytes_buf(salt, sizeof salt);
  constexpr std::size_t kHashLen = 32;
  const std::size_t len = argon2_encodedlen(iterations_, memory_kib_, 1, sizeof salt, kHashLen, Argon2_id);
  std::vector<char> encoded(len);
  int rc = argon2id_hash_encoded(iterations_, memory_kib_, 1, password.data(), password.size(), salt, sizeof salt,
                                 kHashLen, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) throw std::runtime_error(std::string("argon2: ") + argon2_error_message(rc));
  return std::string(encoded.data());
}

bool PasswordHasher::verify(const std::string& encoded, const std::string& password) const {
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

}  // namespace slotbase::security
