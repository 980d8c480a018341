#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>

#include "platform/http/message.h"
#include "support/app_fixture.h"

namespace slotbase::testing {

struct HttpResult {
  int status = 0;
  http::Headers headers;
  std::string body;
  nlohmann::json json() const;
  std::string header(const std::string& name) const;
};

/// A blocking HTTP/1.1 client over a real socket (one connection per request). With a
/// `timeout`, a request that has no whole answer within it throws.
class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port, std::chrono::milliseconds timeout = {}) : port_(port), timeout_(timeout) {}
  HttpResult request(const std::string& method, const std::string& target, const std::string& body = "",
                     const std::map<std::string, std::string>& headers = {}) const;
  HttpResult get(const std::string& target, const std::string& token = "") const;
  HttpResult post(const std::string& target, const nlohmann::json& body, const std::string& token = "",
                  std::map<std::string, std::string> headers = {}) const;
  HttpResult send(const std::string& method, const std::string& target, const nlohmann::json& body,
                  const std::string& token = "") const;

 private:
  std::uint16_t port_;
  std::chrono::milliseconds timeout_;
};

/// How `n` simultaneous POSTs of one body came out.
struct RaceOutcome {
  int created = 0;    // 201
  int conflicts = 0;  // 409
  int other = 0;
};

/// Starts `n` threads that all POST `body` to `target` at once, spread over `clients` in turn.
RaceOutcome race(const std::vector<const HttpClient*>& clients, int n, const std::string& target,
                 const nlohmann::json& body, const std::string& token);

/// The application serving HTTP on a free port.
class HttpTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    if (IsSkipped()) return;
    port_ = app_->start();
    client_ = std::make_unique<HttpClient>(port_);
  }
  void TearDown() override {
    if (app_) app_->stop();
    AppTest::TearDown();
  }

  struct Account {
    std::string id, email, access, refresh;
  };
  Account sign_up(const std::string& email);
  /// A new account made a platform administrator (who reads the local outbox, among others).
  Account sign_up_platform_admin(const std::string& email);
  std::string create_organization(const Account& who, const std::string& name);
  std::string create_facility(const Account& who, const std::string& org_id, const std::string& name);

  std::uint16_t port_ = 0;
  std::unique_ptr<HttpClient> client_;
};

}  // namespace slotbase::testing
