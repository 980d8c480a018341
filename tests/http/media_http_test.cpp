#include <sys/stat.h>

#include <filesystem>

#include "http/http_client.h"
#include "platform/media/png.h"

namespace slotbase::testing {
namespace {

using nlohmann::json;

// A picture as a club would upload one: a few pixels of green and white.
std::string png(std::uint32_t colour = 0x2E7D32) {
  return media::encode_png(4, 4, std::vector<std::uint32_t>(16, colour));
}

class MediaHttpTest : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    if (IsSkipped()) return;
    owner_ = sign_up("owner@example.com");
    facility_ = create_facility(owner_, create_organization(owner_, "Riverside"), "Courts");
    auto court = client_->post("/api/v1/facilities/" + facility_ + "/resources",
                               {{"name", "Court 1"}, {"type", "tennis_court"}}, owner_.access);
    ASSERT_EQ(court.status, 201) << court.body;
    court_ = court.json()["id"];
  }
  HttpResult upload(const std::string& target, const std::string& bytes, const std::string& type, const Account& who) {
    std::map<std::string, std::string> headers{{"Authorization", "Bearer " + who.access}};
    if (!type.empty()) headers["Content-Type"] = type;
    return client_->request("PUT", target, bytes, headers);
  }
  HttpResult upload_logo(const std::string& bytes, const std::string& type = "image/png") {
    return upload("/api/v1/facilities/" + facility_ + "/logo", bytes, type, owner_);
  }
  std::string logo_url() { return client_->get("/api/v1/facilities/" + facility_).json()["logo_url"].dump(); }
  Account owner_;
  std::string facility_, court_;
};

TEST_P(MediaHttpTest, AnUploadedLogoIsServedAsUploadedAndCachedForever) {
  const std::string bytes = png();
  auto r = upload_logo(bytes);
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string url = r.json()["logo_url"];
  EXPECT_EQ(url.rfind("/api/v1/media/", 0), 0u) << url;
  EXPECT_EQ(logo_url(), json(url).dump());

  auto got = client_->get(url);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, bytes);
  EXPECT_EQ(got.header("Content-Type"), "image/png");
  EXPECT_EQ(got.header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(got.header("X-Content-Type-Options"), "nosniff");
  const std::string etag = got.header("ETag");
  ASSERT_FALSE(etag.empty());

  auto again = client_->request("GET", url, "", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.header("ETag"), etag);
}

TEST_P(MediaHttpTest, TheSameBytesAreOneFileAndANewLogoANewAddress) {
  const std::string first = upload_logo(png()).json()["logo_url"];
  EXPECT_EQ(upload_logo(png()).json()["logo_url"], first);
  const std::string second = upload_logo(png(0xFFFFFF)).json()["logo_url"];
  EXPECT_NE(second, first);
  // A page a browser cached with the old address still shows its picture.
  EXPECT_EQ(client_->get(first).body, png());
  EXPECT_EQ(client_->get(second).body, png(0xFFFFFF));
}

TEST_P(MediaHttpTest, TheFileIsStoredUnderTheDataDirectoryForItsOwnerAlone) {
  const std::string url = upload_logo(png()).json()["logo_url"];
  const auto dir = std::filesystem::path(scratch_->dir()) / "media";
  const auto file = dir / url.substr(url.rfind('/') + 1);
  ASSERT_TRUE(std::filesystem::exists(file)) << file;
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
}

TEST_P(MediaHttpTest, BytesThatAreNotTheDeclaredImageAre415NamingTheBody) {
  for (const auto& [bytes, type] : std::vector<std::pair<std::string, std::string>>{
           {"GIF89a not really", "image/png"},
           {"{\"logo\":1}", "image/png"},
           {"", "image/png"},
           {png(), "image/jpeg"},
           {png(), "image/webp"},
       }) {
    auto r = upload_logo(bytes, type);
    ASSERT_EQ(r.status, 415) << type << " " << r.body;
    EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
    EXPECT_EQ(r.json()["errors"][0]["field"], "body") << r.body;
  }
  // A body under a type no upload takes is refused before it is read.
  auto as_text = upload_logo(png(), "text/plain");
  EXPECT_EQ(as_text.status, 415);
  EXPECT_EQ(as_text.json()["errors"][0]["field"], "Content-Type") << as_text.body;
  EXPECT_EQ(logo_url(), "null");
}

TEST_P(MediaHttpTest, AJpegAndAWebpAreTakenByTheirBytes) {
  const std::string jpeg = std::string("\xFF\xD8\xFF\xE0", 4) + std::string(100, 'j');
  auto j = upload_logo(jpeg, "image/jpeg");
  ASSERT_EQ(j.status, 200) << j.body;
  const std::string url = j.json()["logo_url"];
  EXPECT_EQ(url.substr(url.size() - 4), ".jpg");
  EXPECT_EQ(client_->get(url).header("Content-Type"), "image/jpeg");
  const std::string webp = "RIFF\x10\x01\x01\x01WEBPVP8 " + std::string(40, 'w');
  auto w = upload_logo(webp, "image/webp");
  ASSERT_EQ(w.status, 200) << w.body;
  EXPECT_EQ(client_->get(w.json()["logo_url"].get<std::string>()).header("Content-Type"), "image/webp");
}

TEST_P(MediaHttpTest, AnImageOver2MbIs413) {
  const std::string just_too_big = png() + std::string(2 * 1024 * 1024 - png().size() + 1, 'x');
  auto r = upload_logo(just_too_big);
  ASSERT_EQ(r.status, 413) << r.body;
  EXPECT_EQ(r.json()["errors"][0]["field"], "body");
  const std::string at_the_limit = png() + std::string(2 * 1024 * 1024 - png().size(), 'x');
  EXPECT_EQ(upload_logo(at_the_limit).status, 200);
  // Far over: the server refuses it before reading it all.
  auto huge = upload_logo(png() + std::string(6 * 1024 * 1024, 'x'));
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(huge.header("Content-Type"), "application/problem+json");
}

TEST_P(MediaHttpTest, RemovingTheLogoLeavesNone) {
  ASSERT_EQ(upload_logo(png()).status, 200);
  auto r = client_->send("DELETE", "/api/v1/facilities/" + facility_ + "/logo", nullptr, owner_.access);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json()["logo_url"].is_null());
  EXPECT_EQ(logo_url(), "null");
}

TEST_P(MediaHttpTest, ACourtPictureShowsInTheCourtList) {
  auto r = upload("/api/v1/resources/" + court_ + "/image", png(0x1565C0), "image/png", owner_);
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string url = r.json()["image_url"];
  auto list = client_->get("/api/v1/facilities/" + facility_ + "/resources").json()["items"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["image_url"], url);
  EXPECT_EQ(client_->get(url).body, png(0x1565C0));
  EXPECT_EQ(upload("/api/v1/resources/" + court_ + "/image", "nope", "image/png", owner_).status, 415);
  auto removed = client_->send("DELETE", "/api/v1/resources/" + court_ + "/image", nullptr, owner_.access);
  ASSERT_EQ(removed.status, 200);
  EXPECT_TRUE(removed.json()["image_url"].is_null());
  EXPECT_TRUE(client_->get("/api/v1/resources/" + court_).json()["image_url"].is_null());
}

TEST_P(MediaHttpTest, OnlyTheFacilitysManagersUpload) {
  auto player = sign_up("player@example.com");
  auto rival = sign_up("rival@example.com");
  create_facility(rival, create_organization(rival, "Elsewhere"), "Theirs");
  auto desk = sign_up("desk@example.com");
  auto manager = sign_up("manager@example.com");
  for (const auto& [email, role] :
       {std::pair{"desk@example.com", "staff"}, {"manager@example.com", "facility_manager"}})
    ASSERT_EQ(
        client_->post("/api/v1/facilities/" + facility_ + "/staff", {{"email", email}, {"role", role}}, owner_.access)
            .status,
        201);

  const std::string logo = "/api/v1/facilities/" + facility_ + "/logo";
  const std::string image = "/api/v1/resources/" + court_ + "/image";
  for (const auto& target : {logo, image}) {
    EXPECT_EQ(upload(target, png(), "image/png", player).status, 403) << target;
    EXPECT_EQ(upload(target, png(), "image/png", desk).status, 403) << target;
    const int rivals = upload(target, png(), "image/png", rival).status;
    EXPECT_TRUE(rivals == 403 || rivals == 404) << target << " " << rivals;
    EXPECT_EQ(client_->request("PUT", target, png(), {{"Content-Type", "image/png"}}).status, 401);
    for (const auto* who : {&player, &desk, &rival}) {
      const int status = client_->send("DELETE", target, nullptr, who->access).status;
      EXPECT_TRUE(status == 403 || status == 404) << target << " " << status;
    }
    EXPECT_EQ(upload(target, png(), "image/png", manager).status, 200) << target;
  }
  EXPECT_EQ(upload("/api/v1/facilities/fac_nope/logo", png(), "image/png", owner_).status, 404);
  EXPECT_EQ(upload("/api/v1/resources/res_nope/image", png(), "image/png", owner_).status, 404);
}

TEST_P(MediaHttpTest, OnlyStoredNamesAreServed) {
  for (const std::string& name :
       std::vector<std::string>{"nope.png", std::string(64, 'a') + ".png", "..%2F..%2Fslotbase.db",
                                std::string(64, 'a') + ".exe", "%2E%2E%2Fsecrets%2Fjwt.key"}) {
    auto r = client_->get("/api/v1/media/" + name);
    EXPECT_EQ(r.status, 404) << name;
    EXPECT_EQ(r.header("Content-Type"), "application/problem+json") << name;
  }
}

SB_INSTANTIATE_BACKENDS(MediaHttpTest);

}  // namespace
}  // namespace slotbase::testing
