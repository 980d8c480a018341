#pragma once

#include <atomic>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace slotbase::testing {

/// One request as it arrived on the wire.
struct RecordedRequest {
  std::string method;
  std::string path;                            // as sent, still percent-encoded
  std::string query;                           // after '?', as sent
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;

  /// The header's value, "" when absent.
  std::string header(const std::string& name) const;
  bool has_header(const std::string& name) const;
  /// The form body or the query string, decoded ("+" and %XX): key -> value.
  std::map<std::string, std::string> form() const;
  std::map<std::string, std::string> query_params() const;
};

/// What the server does with the next request.
struct ScriptedReply {
  enum class Kind { respond, drop, hang };
  Kind kind = Kind::respond;
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static ScriptedReply json(int status, std::string body,
                            std::vector<std::pair<std::string, std::string>> headers = {});
  /// Reads the request, then closes the connection without a word.
  static ScriptedReply dropped();
  /// Reads the request and never answers, until the client gives up.
  static ScriptedReply hanging();
};

/// An HTTP/1.1 server on 127.0.0.1, a port of its own, one connection at a time: it records
/// every request and answers each with the next scripted reply (a 500 when none is left).
class LoopbackServer {
 public:
  LoopbackServer();
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  std::string base_url() const;
  void script(ScriptedReply reply);
  std::vector<RecordedRequest> requests() const;
  /// Forgets the requests recorded so far (what a test's set-up sent).
  void forget_requests();

 private:
  void run();
  void serve(int fd);
  ScriptedReply next_reply();

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  std::deque<ScriptedReply> replies_;
  std::vector<RecordedRequest> requests_;
  std::thread thread_;
};

/// A port on 127.0.0.1 that nothing listens on.
int closed_port();

}  // namespace slotbase::testing
