#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "http/http_client.h"

extern char** environ;

namespace slotbase::testing {

/// A real `slotbase serve` process (the binary the build made), with extra environment
/// variables; stopped with SIGTERM when it goes out of scope unless it died already.
class ServeProcess {
 public:
  /// With `log_file`, the process logs at debug level into it (stdout and stderr).
  ServeProcess(const std::string& database_url, const std::string& data_dir, std::uint16_t port,
               const std::map<std::string, std::string>& env = {}, const std::string& log_file = "")
      : port_(port) {
    std::vector<std::string> args = {SLOTBASE_BINARY, "serve",  "--listen",       "127.0.0.1:" + std::to_string(port),
                                     "--data-dir",    data_dir, "--database-url", database_url,
                                     "--rate-limit",  "off",    "--log-level",    log_file.empty() ? "warn" : "debug"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> vars;
    for (char** e = environ; *e; ++e) vars.emplace_back(*e);
    for (const auto& [k, v] : env) vars.push_back(k + "=" + v);
    std::vector<char*> envp;
    for (auto& v : vars) envp.push_back(v.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    if (!log_file.empty()) {
      posix_spawn_file_actions_addopen(&files, 1, log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      posix_spawn_file_actions_adddup2(&files, 1, 2);
    }
    const int spawned = posix_spawn(&pid_, SLOTBASE_BINARY, &files, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&files);
    if (spawned != 0) throw std::runtime_error("cannot start slotbase serve");
    for (int i = 0; i < 300; ++i) {
      try {
        if (HttpClient(port_).get("/ready").status == 200) return;
      } catch (const std::exception&) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("slotbase serve did not become ready");
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;
  ~ServeProcess() {
    if (!exited()) kill(pid_, SIGTERM);
    wait();
  }
  std::uint16_t port() const { return port_; }
  /// Whether the process has ended (and how: the signal that ended it, or 0).
  bool exited() {
    if (status_) return true;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) != pid_) return false;
    status_ = status;
    return true;
  }
  int signal() const { return status_ && WIFSIGNALED(*status_) ? WTERMSIG(*status_) : 0; }

 private:
  void wait() {
    if (status_) return;
    int status = 0;
    waitpid(pid_, &status, 0);
    status_ = status;
  }

  pid_t pid_ = 0;
  std::uint16_t port_;
  std::optional<int> status_;
};

/// A free port below the ephemeral range for a child process to listen on.
inline std::uint16_t pick_port(int salt) {
  return static_cast<std::uint16_t>(21000 + (getpid() * 7 + salt * 131) % 9000);
}

}  // namespace slotbase::testing
