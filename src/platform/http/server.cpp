// Asio's awaitable.hpp uses std::exchange without including <utility> (Boost 1.74 with g++ 12).
#include <utility>

#include "platform/http/server.h"

#include <boost/asio.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/http/span_body.hpp>
#include <boost/beast/websocket.hpp>

#include <algorithm>
#include <deque>
#include <limits>
#include <string_view>

#include "platform/http/gzip.h"
#include "platform/log/log.h"

namespace slotbase::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

struct HttpServer::Impl {
  Options options;
  RequestHandler handler;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::vector<std::thread> threads;
  std::optional<asio::thread_pool> write_pool;
  std::atomic<int>* in_flight;
  std::atomic<bool>* stopping;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;

  std::string ws_path;
  ws::Hub* hub = nullptr;

  asio::awaitable<void> accept_loop();
  asio::awaitable<Response> handle(Request& request);
  asio::awaitable<void> session(tcp::socket socket);
  asio::awaitable<void> websocket_session(beast::tcp_stream stream, bhttp::request<bhttp::string_body> req);
};

namespace {

/// One WebSocket client. Everything runs on the connection's strand: send() posts to it, and a
/// writer coroutine drains the queue one frame at a time (Beast allows one write in flight).
class WsSession final : public ws::Connection, public std::enable_shared_from_this<WsSession> {
 public:
  explicit WsSession(beast::tcp_stream&& stream) : ws_(std::move(stream)), signal_(ws_.get_executor()) {}

  void send(std::string text) override {
    asio::post(ws_.get_executor(), [self = shared_from_this(), text = std::move(text)]() mutable {
      if (self->closed_ || self->queue_.size() >= kMaxQueued) return;  // a client that cannot keep up loses frames
      self->queue_.push_back(std::move(text));
      self->signal_.cancel();
    });
  }

  asio::awaitable<void> writer() {
    beast::error_code ec;
    while (!closed_) {
      if (queue_.empty()) {
        signal_.expires_at(asio::steady_timer::time_point::max());
        co_await signal_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        continue;
      }
      std::string frame = std::move(queue_.front());
      queue_.pop_front();
      co_await ws_.async_write(asio::buffer(frame), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) closed_ = true;
    }
  }

  void close() {
    closed_ = true;
    signal_.cancel();
  }

  beast::websocket::stream<beast::tcp_stream> ws_;

 private:
  static constexpr std::size_t kMaxQueued = 1024;
  asio::steady_timer signal_;
  std::deque<std::string> queue_;
  bool closed_ = false;
};

}  // namespace

asio::awaitable<void> HttpServer::Impl::websocket_session(beast::tcp_stream stream,
                                                          bhttp::request<bhttp::string_body> req) {
  stream.expires_never();  // the WebSocket stream keeps its own ping-based timeouts
  auto session = std::make_shared<WsSession>(std::move(stream));
  session->ws_.set_option(beast::websocket::stream_base::timeout::suggested(beast::role_type::server));
  session->ws_.read_message_max(64 * 1024);
  beast::error_code ec;
  co_await session->ws_.async_accept(req, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return;
  asio::co_spawn(
      session->ws_.get_executor(), [session]() { return session->writer(); }, asio::detached);
  beast::flat_buffer buffer;
  for (;;) {
    co_await session->ws_.async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    hub->on_message(session, beast::buffers_to_string(buffer.data()));
    buffer.consume(buffer.size());
  }
  hub->on_close(session.get());
  session->close();
}

namespace {

Request to_request(bhttp::request<bhttp::string_body>& req, const std::string& remote_ip) {
  Request r;
  r.method = std::string(req.method_string());
  r.target = std::string(req.target());
  auto q = r.target.find('?');
  r.path = url_decode(std::string_view(r.target).substr(0, q), false);
  if (q != std::string::npos) r.query = parse_query(std::string_view(r.target).substr(q + 1));
  for (const auto& field : req) {
    std::string name(field.name_string());
    auto it = r.headers.find(name);
    if (it == r.headers.end())
      r.headers.emplace(std::move(name), std::string(field.value()));
    else
      it->second += ", " + std::string(field.value());
  }
  r.body = std::move(req.body());
  r.remote_ip = remote_ip;
  return r;
}

template <class Body>
void set_head(bhttp::response<Body>& out, const Response& res, bool keep_alive, std::size_t size) {
  out.set(bhttp::field::server, "SlotBase");
  for (auto& [k, v] : res.headers) out.set(k, v);
  out.keep_alive(keep_alive);
  if (res.status != 204 && res.status != 304) out.content_length(size);
}

bhttp::response<bhttp::string_body> to_beast(Response& res, unsigned version, bool keep_alive, bool head) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
  set_head(out, res, keep_alive, res.body.size());  // a HEAD request gets the length only
  if (!head) out.body() = std::move(res.body);
  return out;
}

/// A body shared with a cache goes out from where it is, without a copy.
bhttp::response<bhttp::span_body<const char>> to_beast(const Response& res, const std::string& body, unsigned version,
                                                       bool keep_alive, bool head) {
  bhttp::response<bhttp::span_body<const char>> out{static_cast<bhttp::status>(res.status), version};
  set_head(out, res, keep_alive, body.size());
  if (!head) out.body() = {body.data(), body.size()};
  return out;
}

Response plain_error(int status, const char* title) {
  nlohmann::json body = {{"type", "about:blank"}, {"title", title}, {"status", status}, {"detail", title}};
  Response r = Response::json(status, body);
  r.headers["Content-Type"] = "application/problem+json";
  return r;
}

Response call(const HttpServer::RequestHandler& handler, Request& request) {
  try {
    return handler(request);
  } catch (const std::exception& e) {
    log::error("unhandled exception in handler", {{"error", e.what()}});
    return plain_error(500, "Internal server error");
  }
}

/// Runs `fn` on `pool` and completes on the caller's executor with its Response.
template <class Token>
auto run_on(asio::thread_pool& pool, std::function<Response()> fn, Token&& token) {
  return asio::async_initiate<Token, void(Response)>(
      [&pool](auto handler, std::function<Response()> fn) {
        auto work = asio::make_work_guard(asio::get_associated_executor(handler));
        asio::post(pool, [handler = std::move(handler), fn = std::move(fn), work = std::move(work)]() mutable {
          Response res = fn();
          auto ex = work.get_executor();
          asio::post(ex, [handler = std::move(handler), res = std::move(res)]() mutable { handler(std::move(res)); });
        });
      },
      token, std::move(fn));
}

}  // namespace

asio::awaitable<Response> HttpServer::Impl::handle(Request& request) {
  const bool reads = request.method == "GET" || request.method == "HEAD" || request.method == "OPTIONS";
  if (!write_pool || reads) co_return call(handler, request);
  co_return co_await run_on(
      *write_pool, [this, &request] { return call(handler, request); }, asio::use_awaitable);
}

asio::awaitable<void> HttpServer::Impl::accept_loop() {
  for (;;) {
    beast::error_code ec;
    tcp::socket socket =
        co_await acceptor.async_accept(asio::make_strand(ioc), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      continue;  // e.g. too many open files: keep serving the connections we have
    }
    socket.set_option(tcp::no_delay(true), ec);
    auto ex = socket.get_executor();
    asio::co_spawn(ex, session(std::move(socket)), asio::detached);
  }
}

asio::awaitable<void> HttpServer::Impl::session(tcp::socket socket) {
  beast::error_code ec;
  std::string remote_ip = socket.remote_endpoint(ec).address().to_string();
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  for (;;) {
    if (buffer.size() == 0) {
      // Idle: wait for the first bytes of the next request.
      stream.expires_after(options.idle_timeout);
      std::size_t n =
          co_await stream.async_read_some(buffer.prepare(8192), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) break;
      buffer.commit(n);
    }
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(16 * 1024);
    // Beast checks a Content-Length against the limit as the header ends: with limits by route,
    // the header is read without one and the length checked here once the route's is known.
    parser.body_limit(options.body_limit_for ? std::numeric_limits<std::uint64_t>::max() : options.body_limit);
    stream.expires_after(options.header_timeout);
    co_await bhttp::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    std::size_t body_limit = options.body_limit;
    if (!ec && options.body_limit_for) {
      const auto& head = parser.get();
      const auto method = head.method_string();
      const auto target = head.target();
      body_limit = std::max(body_limit, options.body_limit_for(std::string_view(method.data(), method.size()),
                                                               std::string_view(target.data(), target.size())));
      parser.body_limit(body_limit);
      if (parser.content_length().value_or(0) > body_limit) ec = bhttp::error::body_limit;
    }
    if (!ec && parser.get()[bhttp::field::expect] == "100-continue" &&
        parser.content_length().value_or(0) <= body_limit) {
      bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, 11};
      co_await bhttp::async_write(stream, cont, asio::redirect_error(asio::use_awaitable, ec));
    }
    if (!ec) {
      stream.expires_after(options.body_timeout);
      co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    }
    if (ec) {
      Response err;
      if (ec == bhttp::error::body_limit)
        err = plain_error(413, "Payload too large");
      else if (ec == bhttp::error::header_limit)
        err = plain_error(431, "Request header fields too large");
      else if (ec.category() == bhttp::make_error_code(bhttp::error::end_of_stream).category() &&
               ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message)
        err = plain_error(400, "Malformed HTTP request");
      else
        break;  // timeout or the peer went away: nothing to answer
      auto out = to_beast(err, 11, false, false);
      stream.expires_after(std::chrono::seconds(5));
      co_await bhttp::async_write(stream, out, asio::redirect_error(asio::use_awaitable, ec));
      // Lingering close: the client may still be sending the body we refused. Closing at once
      // would reset the connection before it reads our answer, so stop sending and drain a while.
      stream.socket().shutdown(tcp::socket::shutdown_send, ec);
      std::size_t drained = 0;
      stream.expires_after(std::chrono::seconds(2));
      while (!ec && drained < (64u << 20)) {
        buffer.consume(buffer.size());
        drained +=
            co_await stream.async_read_some(buffer.prepare(64 * 1024), asio::redirect_error(asio::use_awaitable, ec));
      }
      break;
    }

    auto& req = parser.get();
    if (hub && beast::websocket::is_upgrade(req) && req.target() == ws_path) {
      co_await websocket_session(std::move(stream), parser.release());
      co_return;
    }
    const bool keep_alive = req.keep_alive();
    const unsigned version = req.version();
    const bool head = req.method() == bhttp::verb::head;
    const auto accept_encoding = req[bhttp::field::accept_encoding];
    const bool wants_gzip = accepts_gzip({accept_encoding.data(), accept_encoding.size()});
    in_flight->fetch_add(1);
    Response res;
    {
      Request request = to_request(req, remote_ip);
      res = co_await handle(request);
    }
    const bool keep = keep_alive && !stopping->load();
    stream.expires_after(options.body_timeout);
    if (res.shared_body) {
      const bool gzipped = res.shared_gzip && wants_gzip;
      if (gzipped) res.headers["Content-Encoding"] = "gzip";
      auto out = to_beast(res, gzipped ? *res.shared_gzip : *res.shared_body, version, keep, head);
      co_await bhttp::async_write(stream, out, asio::redirect_error(asio::use_awaitable, ec));
    } else {
      auto out = to_beast(res, version, keep, head);
      co_await bhttp::async_write(stream, out, asio::redirect_error(asio::use_awaitable, ec));
    }
    in_flight->fetch_sub(1);
    if (ec || !keep) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

HttpServer::HttpServer(Options options, RequestHandler handler) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->handler = std::move(handler);
  impl_->in_flight = &in_flight_;
  impl_->stopping = &stopping_;
}

HttpServer::~HttpServer() {
  stop();
}

void HttpServer::set_websocket(std::string path, ws::Hub* hub) {
  impl_->ws_path = std::move(path);
  impl_->hub = hub;
}

std::uint16_t HttpServer::start() {
  auto& im = *impl_;
  tcp::endpoint endpoint{asio::ip::make_address(im.options.host), im.options.port};
  im.acceptor.open(endpoint.protocol());
  im.acceptor.set_option(asio::socket_base::reuse_address(true));
  im.acceptor.bind(endpoint);
  im.acceptor.listen(asio::socket_base::max_listen_connections);
  const auto port = im.acceptor.local_endpoint().port();
  im.work.emplace(asio::make_work_guard(im.ioc));
  asio::co_spawn(im.acceptor.get_executor(), im.accept_loop(), asio::detached);
  if (im.options.write_threads > 0) im.write_pool.emplace(im.options.write_threads);
  for (int i = 0; i < std::max(1, im.options.threads); ++i) {
    im.threads.emplace_back([&im] { im.ioc.run(); });
  }
  return port;
}

void HttpServer::stop() {
  auto& im = *impl_;
  if (im.threads.empty()) return;
  stopping_ = true;
  asio::post(im.ioc, [&im] {
    beast::error_code ec;
    im.acceptor.close(ec);
  });
  const auto deadline = std::chrono::steady_clock::now() + im.options.shutdown_grace;
  while (in_flight_.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  im.work.reset();
  im.ioc.stop();
  for (auto& t : im.threads) t.join();
  im.threads.clear();
  if (im.write_pool) {
    im.write_pool->join();
    im.write_pool.reset();
  }
}

void wait_for_signal() {
  asio::io_context signals_ctx;
  asio::signal_set signals(signals_ctx, SIGINT, SIGTERM);
  signals.async_wait([](const beast::error_code&, int) {});
  signals_ctx.run();
}

}  // namespace slotbase::http
