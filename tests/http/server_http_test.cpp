#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>
#include <vector>

#include "http/http_client.h"
#include "platform/http/server.h"

namespace slotbase::http {
namespace {

TEST(HttpServer, StoppingLetsARequestInFlightFinish) {
  std::promise<void> entered;
  HttpServer::Options options;
  options.port = 0;
  options.threads = 2;
  HttpServer server(options, [&](Request&) {
    entered.set_value();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    return Response::json(200, {{"done", true}});
  });
  const auto port = server.start();
  auto answer = std::async(std::launch::async, [port] { return testing::HttpClient(port).get("/slow"); });
  entered.get_future().wait();
  server.stop();  // while the handler is still sleeping
  auto r = answer.get();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["done"], true);
  EXPECT_EQ(server.in_flight(), 0);
  // And it no longer accepts connections.
  EXPECT_ANY_THROW(testing::HttpClient(port).get("/slow"));
}

TEST(HttpServer, ReadsAreAnsweredWhileEveryWriteWaits) {
  // One connection thread and two write threads: both writes wait until the test lets them go,
  // and a read is answered meanwhile.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> waiting{0};
  HttpServer::Options options;
  options.port = 0;
  options.threads = 1;
  options.write_threads = 2;
  HttpServer server(options, [&](Request& r) {
    if (r.method == "POST") {
      ++waiting;
      released.wait();
      return Response::json(201, {{"written", true}});
    }
    return Response::json(200, {{"read", true}});
  });
  const auto port = server.start();
  std::vector<std::future<testing::HttpResult>> writes;
  for (int i = 0; i < 2; ++i)
    writes.push_back(std::async(std::launch::async, [port] { return testing::HttpClient(port).post("/w", {}); }));
  while (waiting.load() < 2) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  auto read = std::async(std::launch::async, [port] { return testing::HttpClient(port).get("/r"); });
  const bool answered = read.wait_for(std::chrono::seconds(5)) == std::future_status::ready;
  release.set_value();  // before asserting, so that a failure does not leave the writes waiting
  EXPECT_TRUE(answered);
  EXPECT_EQ(read.get().json()["read"], true);
  for (auto& w : writes) EXPECT_EQ(w.get().status, 201);
}

TEST(HttpServer, AnIdleConnectionIsClosedAfterTheIdleTimeout) {
  HttpServer::Options options;
  options.port = 0;
  options.idle_timeout = std::chrono::seconds(1);
  HttpServer server(options, [](Request&) { return Response::no_content(); });
  const auto port = server.start();
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket socket(ioc);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  const auto started = std::chrono::steady_clock::now();
  char byte;
  boost::system::error_code ec;
  socket.read_some(boost::asio::buffer(&byte, 1), ec);  // blocks until the server hangs up
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_TRUE(ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset) << ec.message();
  EXPECT_GE(waited, std::chrono::milliseconds(900));
  EXPECT_LT(waited, std::chrono::seconds(5));
}

TEST(HttpServer, GarbageIsAnswered400) {
  HttpServer::Options options;
  options.port = 0;
  HttpServer server(options, [](Request&) { return Response::no_content(); });
  const auto port = server.start();
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket socket(ioc);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  std::string garbage = "HELLO THERE\r\n\r\n";
  boost::asio::write(socket, boost::asio::buffer(garbage));
  std::string reply(64, '\0');
  boost::system::error_code ec;
  auto n = socket.read_some(boost::asio::buffer(reply), ec);
  EXPECT_EQ(reply.substr(0, std::min<std::size_t>(n, 12)), "HTTP/1.1 400");
}

}  // namespace
}  // namespace slotbase::http
