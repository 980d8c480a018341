#include <filesystem>
#include <fstream>

#include "http/http_client.h"

namespace slotbase::testing {
namespace {

namespace fs = std::filesystem;

/// The server with a built web folder: the player app, the admin app, a hashed asset.
class WebHttpTest : public HttpTest {
 protected:
  void configure(Config& c) override {
    web_ = fs::path(c.data_dir) / "web";
    write("index.html", "<!doctype html><title>player</title>");
    write("admin/index.html", "<!doctype html><title>admin</title>");
    write("assets/player-abc123.js", "console.log('player')");
    write("manifest.webmanifest", R"({"name":"SlotBase"})");
    write("sw.js", "self.addEventListener('install', () => undefined);");
    write("../secret.txt", "not for the web");
    c.web_dir = web_.string();
  }
  void write(const std::string& relative, const std::string& text) {
    const fs::path p = web_ / relative;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }
  fs::path web_;
};

TEST_P(WebHttpTest, ThePlayerAppIsAtTheRootAndTheAdminAppAtAdmin) {
  auto root = client_->get("/");
  ASSERT_EQ(root.status, 200);
  EXPECT_EQ(root.body, "<!doctype html><title>player</title>");
  EXPECT_EQ(root.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(root.header("Cache-Control"), "no-cache");
  // Pages get a CSP that lets them load their own scripts and open /ws.
  EXPECT_NE(root.header("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(client_->get("/admin").body, "<!doctype html><title>admin</title>");
  EXPECT_EQ(client_->get("/admin/day-sheet").body, "<!doctype html><title>admin</title>");
  // Client-side routes of the player app fall back to its page.
  EXPECT_EQ(client_->get("/my-bookings").body, "<!doctype html><title>player</title>");
}

TEST_P(WebHttpTest, AssetsAreCachedForeverAndTypedByExtension) {
  auto js = client_->get("/assets/player-abc123.js");
  ASSERT_EQ(js.status, 200);
  EXPECT_EQ(js.header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(client_->get("/manifest.webmanifest").header("Content-Type"), "application/manifest+json");
  // The service worker may fetch the app's own files (its install caches the shell); other
  // scripts fetch nothing.
  auto sw = client_->get("/sw.js");
  EXPECT_EQ(sw.header("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
  EXPECT_NE(sw.header("Content-Security-Policy").find("connect-src 'self'"), std::string::npos);
  EXPECT_NE(js.header("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
  // A missing file is a 404, not the page.
  EXPECT_EQ(client_->get("/assets/gone-999.js").status, 404);
}

TEST_P(WebHttpTest, NothingOutsideTheFolderAndTheApiStaysProblemJson) {
  for (const char* path : {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt"}) {
    auto r = client_->get(path);
    EXPECT_NE(r.body, "not for the web") << path;
  }
  auto api = client_->get("/api/v1/nothing-here");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.header("Content-Type"), "application/problem+json");
  // Writes never reach the web folder.
  EXPECT_EQ(client_->send("POST", "/", nlohmann::json::object()).status, 404);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, WebHttpTest, ::testing::Values(std::string("sqlite")));

}  // namespace
}  // namespace slotbase::testing
