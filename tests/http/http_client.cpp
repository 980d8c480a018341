#include <utility>

#include "http/http_client.h"

#include "identity/identity_service.h"

#include <atomic>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace slotbase::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

nlohmann::json HttpResult::json() const {
  auto j = nlohmann::json::parse(body, nullptr, false);
  return j;
}

std::string HttpResult::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

HttpResult HttpClient::request(const std::string& method, const std::string& target, const std::string& body,
                               const std::map<std::string, std::string>& headers) const {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  for (const auto& [k, v] : headers) req.set(k, v);
  if (!body.empty() && !headers.contains("Content-Type")) req.set(bhttp::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  req.keep_alive(false);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 << 20);
  if (method == "HEAD") parser.skip(true);
  const asio::ip::tcp::endpoint server{asio::ip::make_address("127.0.0.1"), port_};
  if (timeout_.count() == 0) {
    stream.socket().connect(server);
    bhttp::write(stream.socket(), req);
    bhttp::read(stream.socket(), buffer, parser);
  } else {
    // The whole exchange within the timeout: connect, send, and read the whole answer.
    beast::error_code failed;
    stream.expires_after(timeout_);
    stream.async_connect(server, [&](beast::error_code ec) {
      if (ec) {
        failed = ec;
        return;
      }
      bhttp::async_write(stream, req, [&](beast::error_code ec, std::size_t) {
        if (ec) {
          failed = ec;
          return;
        }
        bhttp::async_read(stream, buffer, parser, [&](beast::error_code ec, std::size_t) { failed = ec; });
      });
    });
    ioc.run();
    if (failed) throw beast::system_error(failed);
  }
  auto& res = parser.get();
  HttpResult out;
  out.status = res.result_int();
  for (const auto& f : res) out.headers[std::string(f.name_string())] = std::string(f.value());
  out.body = res.body();
  beast::error_code ec;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  return out;
}

HttpResult HttpClient::get(const std::string& target, const std::string& token) const {
  std::map<std::string, std::string> h;
  if (!token.empty()) h["Authorization"] = "Bearer " + token;
  return request("GET", target, "", h);
}

HttpResult HttpClient::post(const std::string& target, const nlohmann::json& body, const std::string& token,
                            std::map<std::string, std::string> headers) const {
  if (!token.empty()) headers["Authorization"] = "Bearer " + token;
  return request("POST", target, body.is_null() ? "" : body.dump(), headers);
}

HttpResult HttpClient::send(const std::string& method, const std::string& target, const nlohmann::json& body,
                            const std::string& token) const {
  std::map<std::string, std::string> h;
  if (!token.empty()) h["Authorization"] = "Bearer " + token;
  return request(method, target, body.is_null() ? "" : body.dump(), h);
}

RaceOutcome race(const std::vector<const HttpClient*>& clients, int n, const std::string& target,
                 const nlohmann::json& body, const std::string& token) {
  std::atomic<int> created{0}, conflicts{0}, other{0}, ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (ready.load() < n) std::this_thread::yield();
      auto r = clients[i % clients.size()]->post(target, body, token);
      if (r.status == 201)
        ++created;
      else if (r.status == 409)
        ++conflicts;
      else
        ++other;
    });
  }
  for (auto& t : threads) t.join();
  return {created.load(), conflicts.load(), other.load()};
}

HttpTest::Account HttpTest::sign_up(const std::string& email) {
  auto r = client_->post("/api/v1/auth/register",
                         {{"email", email}, {"password", "a long enough passphrase"}, {"name", "Test User"}});
  EXPECT_EQ(r.status, 201) << r.body;
  auto j = r.json();
  return {j["user"]["id"], email, j["access_token"], j["refresh_token"]};
}

HttpTest::Account HttpTest::sign_up_platform_admin(const std::string& email) {
  Account admin = sign_up(email);
  EXPECT_TRUE(
      app_->service<identity::IdentityService>()
          .grant_role(identity::UserId{admin.id}, identity::Role::platform_admin, identity::ScopeType::platform, "", {})
          .ok());
  return admin;
}

std::string HttpTest::create_organization(const Account& who, const std::string& name) {
  auto r = client_->post("/api/v1/organizations", {{"name", name}}, who.access);
  EXPECT_EQ(r.status, 201) << r.body;
  return r.json().value("id", "");
}

std::string HttpTest::create_facility(const Account& who, const std::string& org_id, const std::string& name) {
  auto r = client_->post("/api/v1/organizations/" + org_id + "/facilities",
                         {{"name", name}, {"timezone", "America/New_York"}, {"currency", "USD"}}, who.access);
  EXPECT_EQ(r.status, 201) << r.body;
  return r.json().value("id", "");
}

}  // namespace slotbase::testing
