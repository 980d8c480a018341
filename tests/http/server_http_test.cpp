#include <gtest/gtest.h>

#include <future>
#include <thread>

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
