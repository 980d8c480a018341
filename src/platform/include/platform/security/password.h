#pragma once

#include <string>

namespace slotbase::security {

/// argon2id password hashing in the PHC string format, so parameters travel with each hash and
/// can be raised later without breaking old ones.
class PasswordHasher {
 public:
  PasswordHasher(int memory_kib, int iterations) : memory_kib_(memory_kib), iterations_(iterations) {}
  std::string hash(const std::string& password) const;
  bool verify(const std::string& encoded, const std::string& password) const;

 private:
  int memory_kib_;
  int iterations_;
};

}  // namespace slotbase::security
