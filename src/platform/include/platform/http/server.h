#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "platform/http/message.h"
#include "platform/ws/hub.h"

namespace slotbase::http {

/// The HTTP/1.1 server: Boost.Beast with C++20 coroutines on a pool of threads. It reads a
/// request (header and body limits, header, idle and body timeouts), hands it to `handler` and
/// writes the response, keeping the connection alive when the client asks. The handler may block
/// (database calls); each connection runs on its own strand. Reads are answered on the
/// connection threads; writes, which wait on the database's writer or on their commit, run on a
/// pool of their own so that they never hold up the reads queued behind them.
class HttpServer {
 public:
  struct Options {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;  // 0 picks a free port
    int threads = 4;
    /// Threads of their own for requests that change something (any method but GET, HEAD and
    /// OPTIONS); 0 runs them on the connection threads too.
    int write_threads = 0;
    std::size_t body_limit = 1 << 20;
    /// A larger limit for some requests (uploads) by method and target, read once the header is
    /// in; 0 or a smaller value keeps body_limit. Called on the connection threads.
    std::function<std::size_t(std::string_view method, std::string_view target)> body_limit_for;
    std::chrono::seconds idle_timeout{60};
    std::chrono::seconds header_timeout{10};
    std::chrono::seconds body_timeout{30};
    std::chrono::seconds shutdown_grace{10};
  };
  using RequestHandler = std::function<Response(Request&)>;

  HttpServer(Options options, RequestHandler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Upgrades requests for `path` to WebSocket connections served by `hub`. Call before start().
  void set_websocket(std::string path, ws::Hub* hub);

  /// Binds and starts serving on background threads; returns the bound port.
  std::uint16_t start();
  /// Stops accepting, lets requests in flight finish (up to the grace period), then stops.
  void stop();
  int in_flight() const { return in_flight_.load(); }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::atomic<int> in_flight_{0};
  std::atomic<bool> stopping_{false};
};

/// Blocks until the process receives SIGINT or SIGTERM.
void wait_for_signal();

}  // namespace slotbase::http
