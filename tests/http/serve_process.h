#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
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

/// Starts the binary the build made with `args` and extra environment variables; with
/// `log_file`, its stdout and stderr go there. Returns its pid.
inline pid_t spawn_slotbase(std::vector<std::string> args, const std::map<std::string, std::string>& env,
                            const std::string& log_file) {
  args.insert(args.begin(), SLOTBASE_BINARY);
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
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, SLOTBASE_BINARY, &files, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&files);
  if (spawned != 0) throw std::runtime_error("cannot start slotbase " + args.at(1));
  return pid;
}

/// A child process of the binary the build made; stopped with SIGTERM when it goes out of scope
/// unless it died already.
class ChildProcess {
 public:
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess() {
    if (!exited()) ::kill(pid_, SIGTERM);
    wait();
  }
  pid_t pid() const { return pid_; }
  /// Whether the process has ended (and how: the signal that ended it, or 0).
  bool exited() {
    if (status_) return true;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) != pid_) return false;
    status_ = status;
    return true;
  }
  int signal() const { return status_ && WIFSIGNALED(*status_) ? WTERMSIG(*status_) : 0; }
  /// Cuts the power: SIGKILL, and waits for the process to be gone.
  void kill_hard() {
    if (!exited()) ::kill(pid_, SIGKILL);
    wait();
  }

 protected:
  explicit ChildProcess(pid_t pid) : pid_(pid) {}

 private:
  void wait() {
    if (status_) return;
    int status = 0;
    waitpid(pid_, &status, 0);
    status_ = status;
  }

  pid_t pid_ = 0;
  std::optional<int> status_;
};

/// A real `slotbase serve` process, ready (its /ready answered 200) once constructed.
class ServeProcess : public ChildProcess {
 public:
  /// With `log_file`, the process logs at debug level into it (stdout and stderr).
  ServeProcess(const std::string& database_url, const std::string& data_dir, std::uint16_t port,
               const std::map<std::string, std::string>& env = {}, const std::string& log_file = "",
               std::vector<std::string> extra_args = {})
      : ChildProcess(
            spawn_slotbase(arguments(database_url, data_dir, port, log_file, std::move(extra_args)), env, log_file)),
        port_(port) {
    for (int i = 0; i < 300; ++i) {
      try {
        if (HttpClient(port_).get("/ready").status == 200) return;
      } catch (const std::exception&) {
      }
      if (exited()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("slotbase serve did not become ready");
  }
  std::uint16_t port() const { return port_; }

 private:
  static std::vector<std::string> arguments(const std::string& database_url, const std::string& data_dir,
                                            std::uint16_t port, const std::string& log_file,
                                            std::vector<std::string> extra) {
    std::vector<std::string> args = {"serve",      "--listen",    "127.0.0.1:" + std::to_string(port),
                                     "--data-dir", data_dir,      "--database-url",
                                     database_url, "--log-level", log_file.empty() ? "warn" : "debug"};
    if (std::find(extra.begin(), extra.end(), "--rate-limit") == extra.end())
      extra.insert(extra.begin(), {"--rate-limit", "off"});
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }

  std::uint16_t port_;
};

/// A real `slotbase worker` process (the event dispatcher and the job worker, no HTTP).
class WorkerProcess : public ChildProcess {
 public:
  WorkerProcess(const std::string& database_url, const std::string& data_dir,
                const std::map<std::string, std::string>& env = {}, const std::string& log_file = "")
      : ChildProcess(spawn_slotbase({"worker", "--data-dir", data_dir, "--database-url", database_url, "--log-level",
                                     log_file.empty() ? "warn" : "debug"},
                                    env, log_file)) {}
};

/// What `slotbase ARGS...` printed (stdout and stderr) and its exit status.
struct CommandResult {
  int status = -1;
  std::string output;
};

inline CommandResult run_slotbase(const std::vector<std::string>& args) {
  std::string command = std::string("'") + SLOTBASE_BINARY + "'";
  for (const auto& a : args) command += " '" + a + "'";
  command += " 2>&1";
  CommandResult out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return out;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.output.append(buffer, n);
  const int status = pclose(pipe);
  out.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

/// A free port below the ephemeral range for a child process to listen on.
inline std::uint16_t pick_port(int salt) {
  return static_cast<std::uint16_t>(21000 + (getpid() * 7 + salt * 131) % 9000);
}

}  // namespace slotbase::testing
