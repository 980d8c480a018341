#include "payment/loopback_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <optional>
#include <stdexcept>

namespace slotbase::testing {
namespace {

constexpr int kPollMs = 20;
// A request that has not fully arrived by then is a broken client, not a slow one.
constexpr auto kReadLimit = std::chrono::seconds(2);

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

std::string percent_decode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::map<std::string, std::string> decode_pairs(const std::string& text) {
  std::map<std::string, std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto amp = text.find('&', start);
    auto pair = text.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    auto eq = pair.find('=');
    out[percent_decode(pair.substr(0, eq))] = eq == std::string::npos ? "" : percent_decode(pair.substr(eq + 1));
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  return out;
}

/// Waits until `fd` is readable or the deadline or a stop comes; false unless readable.
bool readable(int fd, const std::atomic<bool>& stop, std::chrono::steady_clock::time_point deadline) {
  while (!stop && std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, kPollMs) > 0) return true;
  }
  return false;
}

/// Reads more of the request into `buffer`; false when the peer closed or went silent.
bool read_more(int fd, std::string& buffer, const std::atomic<bool>& stop,
               std::chrono::steady_clock::time_point deadline) {
  if (!readable(fd, stop, deadline)) return false;
  char chunk[4096];
  auto n = recv(fd, chunk, sizeof chunk, 0);
  if (n <= 0) return false;
  buffer.append(chunk, static_cast<std::size_t>(n));
  return true;
}

void send_all(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    auto n = send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<std::size_t>(n);
  }
}

std::optional<RecordedRequest> parse_head(const std::string& head) {
  RecordedRequest r;
  auto line_end = head.find("\r\n");
  auto request_line = head.substr(0, line_end);
  auto sp1 = request_line.find(' ');
  auto sp2 = request_line.find(' ', sp1 + 1);
  if (sp1 == std::string::npos || sp2 == std::string::npos) return std::nullopt;
  r.method = request_line.substr(0, sp1);
  auto target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
  auto q = target.find('?');
  r.path = target.substr(0, q);
  if (q != std::string::npos) r.query = target.substr(q + 1);
  std::size_t pos = line_end + 2;
  while (pos < head.size()) {
    auto end = head.find("\r\n", pos);
    auto line = head.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    auto colon = line.find(':');
    if (colon != std::string::npos) r.headers[lower(line.substr(0, colon))] = trim(line.substr(colon + 1));
    if (end == std::string::npos) break;
    pos = end + 2;
  }
  return r;
}

}  // namespace

std::string RecordedRequest::header(const std::string& name) const {
  auto it = headers.find(lower(name));
  return it == headers.end() ? "" : it->second;
}

bool RecordedRequest::has_header(const std::string& name) const {
  return headers.count(lower(name)) > 0;
}

std::map<std::string, std::string> RecordedRequest::form() const {
  return decode_pairs(body);
}

std::map<std::string, std::string> RecordedRequest::query_params() const {
  return decode_pairs(query);
}

ScriptedReply ScriptedReply::json(int status, std::string body,
                                  std::vector<std::pair<std::string, std::string>> headers) {
  return {Kind::respond, status, std::move(body), std::move(headers)};
}

ScriptedReply ScriptedReply::dropped() {
  return {Kind::drop, 0, {}, {}};
}

ScriptedReply ScriptedReply::hanging() {
  return {Kind::hang, 0, {}, {}};
}

LoopbackServer::LoopbackServer() {
  listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (listen_fd_ < 0 || bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(listen_fd_, 16) != 0 || getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    if (listen_fd_ >= 0) close(listen_fd_);
    throw std::runtime_error("loopback server: cannot listen on 127.0.0.1");
  }
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { run(); });
}

LoopbackServer::~LoopbackServer() {
  stop_ = true;
  thread_.join();
  close(listen_fd_);
}

std::string LoopbackServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

void LoopbackServer::script(ScriptedReply reply) {
  std::lock_guard lock(mutex_);
  replies_.push_back(std::move(reply));
}

std::vector<RecordedRequest> LoopbackServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

void LoopbackServer::forget_requests() {
  std::lock_guard lock(mutex_);
  requests_.clear();
}

ScriptedReply LoopbackServer::next_reply() {
  std::lock_guard lock(mutex_);
  if (replies_.empty())
    return ScriptedReply::json(500, R"({"error":{"type":"api_error","message":"the test scripted no reply"}})");
  auto reply = std::move(replies_.front());
  replies_.pop_front();
  return reply;
}

void LoopbackServer::run() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (poll(&p, 1, kPollMs) <= 0) continue;
    int fd = accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    serve(fd);
    close(fd);
  }
}

void LoopbackServer::serve(int fd) {
  auto deadline = std::chrono::steady_clock::now() + kReadLimit;
  std::string buffer;
  std::size_t head_end;
  while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos)
    if (!read_more(fd, buffer, stop_, deadline)) return;
  auto request = parse_head(buffer.substr(0, head_end));
  if (!request) return;
  auto length = static_cast<std::size_t>(std::stoul("0" + request->header("content-length")));
  if (lower(request->header("expect")) == "100-continue") send_all(fd, "HTTP/1.1 100 Continue\r\n\r\n");
  while (buffer.size() < head_end + 4 + length)
    if (!read_more(fd, buffer, stop_, deadline)) return;
  request->body = buffer.substr(head_end + 4, length);
  {
    std::lock_guard lock(mutex_);
    requests_.push_back(*request);
  }
  auto reply = next_reply();
  if (reply.kind == ScriptedReply::Kind::drop) return;
  if (reply.kind == ScriptedReply::Kind::hang) {
    // Silent until the client hangs up (recv sees its close) or the test ends.
    std::string ignored;
    while (read_more(fd, ignored, stop_, std::chrono::steady_clock::now() + std::chrono::seconds(5))) {
    }
    return;
  }
  std::string out = "HTTP/1.1 " + std::to_string(reply.status) + " Scripted\r\n" +
                    "Content-Type: application/json\r\nContent-Length: " + std::to_string(reply.body.size()) +
                    "\r\nConnection: close\r\n";
  for (const auto& [name, value] : reply.headers) out += name + ": " + value + "\r\n";
  out += "\r\n" + reply.body;
  send_all(fd, out);
  shutdown(fd, SHUT_WR);
}

int closed_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace slotbase::testing
