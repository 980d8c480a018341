// WebSocket frames: the bytes a client sends after the upgrade, read as the server reads them
// (Boost.Beast's frame parser, with the server's settings: a 64 kB message limit, as in
// platform http/server.cpp) and each message handed to the hub, as websocket_session does. The
// seeds are masked client frames: text, fragmented, ping, close, binary, oversized lengths.
//
// Invariants: what reaches the hub is one message of at most 64 kB, valid UTF-8 when sent as text
// (unless the connection ended inside it, see below), and the hub answers each with one frame.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "fuzz_check.h"
#include "platform/ws/hub.h"

using namespace slotbase;
namespace beast = boost::beast;

namespace {

constexpr std::size_t kMessageMax = 64 * 1024;  // as the server sets it

struct Recorder : ws::Connection {
  std::size_t replies = 0;
  void send(std::string) override { ++replies; }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  boost::asio::io_context ioc;
  beast::test::stream server(ioc), client(ioc);
  server.connect(client);
  client.write_some(boost::asio::buffer(data, size));
  client.close();  // the server reads to the end of what was sent

  beast::http::request<beast::http::string_body> upgrade{beast::http::verb::get, "/ws", 11};
  upgrade.set(beast::http::field::host, "localhost");
  upgrade.set(beast::http::field::upgrade, "websocket");
  upgrade.set(beast::http::field::connection, "upgrade");
  upgrade.set(beast::http::field::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ==");
  upgrade.set(beast::http::field::sec_websocket_version, "13");

  beast::websocket::stream<beast::test::stream&> ws(server);
  ws.read_message_max(kMessageMax);
  beast::error_code ec;
  ws.accept(upgrade, ec);
  fuzz::check(!ec, "the upgrade is accepted", ec.message());

  ws::Hub hub([](const std::string&, const std::string&) { return true; });
  auto connection = std::make_shared<Recorder>();
  beast::flat_buffer buffer;
  for (int messages = 0; messages < 1000; ++messages) {
    ws.read(buffer, ec);
    if (ec) break;
    const std::string message = beast::buffers_to_string(buffer.data());
    buffer.consume(buffer.size());
    fuzz::check(message.size() <= kMessageMax, "a message is at most 64 kB");
    if (ws.got_text()) {
      bool valid = true;
      try {
        (void)nlohmann::json(message).dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
      } catch (const nlohmann::json::exception&) {
        valid = false;
      }
      if (!valid) {
        // Beast 1.74 hands over the part of a text message it has when the connection ends in the
        // middle of a frame, as if whole, without checking that its UTF-8 is complete. Only there:
        // the connection must be over. (The hub refuses such a message as malformed JSON.)
        beast::flat_buffer rest;
        ws.read(rest, ec);
        fuzz::check(ec.failed(), "a text message is UTF-8 unless the connection ended inside it", message);
        hub.on_message(connection, message);
        break;
      }
    }
    const std::size_t before = connection->replies;
    hub.on_message(connection, message);
    fuzz::check(connection->replies == before + 1, "every message gets one reply", message);
  }
  hub.on_close(connection.get());
  return 0;
}
