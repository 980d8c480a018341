#include "platform/core/process_owner.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <filesystem>
#include <system_error>

#include "platform/core/ids.h"

namespace slotbase {
namespace {

/// This process's host and PID namespace, as "<host>/<namespace>"; empty when unknown, so that
/// nobody judges claims it cannot judge.
const std::string& machine() {
  static const std::string name = [] {
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) != 0) return std::string();
    std::error_code ec;
    // "pid:[4026531836]": processes of one host in different containers have different ones.
    const auto ns = std::filesystem::read_symlink("/proc/self/ns/pid", ec);
    if (ec) return std::string();
    std::string out = std::string(host) + "/" + ns.filename().string();
    for (char& c : out)
      if (c == '@') c = '_';
    return out;
  }();
  return name;
}

}  // namespace

std::string process_owner(std::string_view prefix) {
  std::string id = new_id(prefix);
  if (!machine().empty()) id += "@" + machine() + "/" + std::to_string(getpid());
  return id;
}

bool owner_is_gone(std::string_view owner) {
  const auto at = owner.rfind('@');
  const auto slash = owner.rfind('/');
  if (machine().empty() || at == std::string_view::npos || slash == std::string_view::npos || slash < at) return false;
  if (owner.substr(at + 1, slash - at - 1) != machine()) return false;
  const std::string_view digits = owner.substr(slash + 1);
  pid_t pid = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), pid);
  if (ec != std::errc() || end != digits.data() + digits.size() || pid <= 0) return false;
  if (pid == getpid()) return false;
  return ::kill(pid, 0) != 0 && errno == ESRCH;
}

}  // namespace slotbase
