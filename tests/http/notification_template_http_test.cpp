#include <string>

#include "http/booking_fixture.h"
#include "identity/identity_service.h"

namespace slotbase::testing {
namespace {

using json = nlohmann::json;

/// The booking fixture (a New York facility "Courts" with Court 1 at 20.00 USD, its owner, a
/// player; the clock at 07:00 in New York on Tue 24 Nov 2026), with a platform administrator to
/// read the local outbox and a second club whose owner must not reach the first one's templates.
class NotificationTemplateHttpTest : public BookingHttpTest {
 protected:
  void SetUp() override {
    BookingHttpTest::SetUp();
    if (IsSkipped()) return;
    admin_ = sign_up_platform_admin("admin@example.com");
    rival_ = sign_up("rival@example.com");
    rival_facility_ = create_facility(rival_, create_organization(rival_, "Hillside"), "Hill Courts");
  }

  std::string base(const std::string& facility = "") const {
    return "/api/v1/facilities/" + (facility.empty() ? facility_ : facility) + "/notification-templates";
  }
  HttpResult put(const std::string& type, const json& body, const Account& who) {
    return client_->send("PUT", base() + "/" + type, body, who.access);
  }
  HttpResult preview(const std::string& type, const json& body, const Account& who) {
    return client_->post(base() + "/" + type + "/preview", body, who.access);
  }
  /// A confirmed booking of `who` (paid at the desk); its id.
  std::string book(const Account& who, const std::string& start, const std::string& end) {
    auto h = hold(who, start, end);
    EXPECT_EQ(h.status, 201) << h.body;
    auto b = confirm(who, h.json().value("id", ""));
    EXPECT_EQ(b.status, 201) << b.body;
    work();
    return b.json().value("id", "");
  }
  /// The e-mails the local outbox holds for an address, newest first, but the account e-mails
  /// (every sign-up's verification link: the only messages without List-Unsubscribe).
  json outbox(const std::string& to) {
    auto r = client_->get("/api/v1/admin/outbox?to=" + to, admin_.access);
    EXPECT_EQ(r.status, 200) << r.body;
    const json page = r.json();
    json out = json::array();
    for (const auto& m : page["items"])
      if (m.contains("headers") && m["headers"].contains("List-Unsubscribe")) out.push_back(m);
    return out;
  }
  json entry(const std::string& type, const std::string& channel) {
    auto r = client_->get(base(), owner_.access);
    EXPECT_EQ(r.status, 200) << r.body;
    const json all = r.json();
    for (const auto& e : all["items"])
      if (e["type"] == type && e["channel"] == channel) return e;
    return nullptr;
  }
  static std::string field_of(const HttpResult& r) {
    auto j = r.json();
    return j.contains("errors") && !j["errors"].empty() ? j["errors"][0].value("field", "") : "";
  }
  static std::string message_of(const HttpResult& r) {
    auto j = r.json();
    return j.contains("errors") && !j["errors"].empty() ? j["errors"][0].value("message", "") : "";
  }

  Account admin_, rival_;
  std::string rival_facility_;
};

TEST_P(NotificationTemplateHttpTest, TheListShowsEveryTypeWithItsDefaultAndWhatItMayUse) {
  auto r = client_->get(base(), owner_.access);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto items = r.json()["items"];
  EXPECT_EQ(items.size(), 44u);  // 20 types, e-mail and in-app each, and the four sent by SMS too
  const json confirmed = entry("booking.confirmed", "email");
  ASSERT_TRUE(confirmed.is_object());
  EXPECT_EQ(confirmed["label"], "Booking confirmations");
  EXPECT_EQ(confirmed["locale"], "en");
  EXPECT_EQ(confirmed["default"]["subject"], "Booking confirmed: {{resource}}, {{when}}");
  EXPECT_NE(confirmed["default"]["body"].get<std::string>().find("{{> booking_facts_text}}"), std::string::npos);
  EXPECT_TRUE(confirmed["override"].is_null());
  const auto names = confirmed["names"];
  for (const char* n : {"name", "facility", "resource", "when", "ends", "price", "unsubscribe_url"})
    EXPECT_NE(std::find(names.begin(), names.end(), n), names.end()) << n;
  EXPECT_EQ(confirmed["partials"], json::array({"booking_facts_text", "text_footer"}));
  const json in_app = entry("booking.confirmed", "in_app");
  EXPECT_EQ(in_app["default"]["subject"], "Booking confirmed");
  const auto app_names = in_app["names"];
  EXPECT_EQ(std::find(app_names.begin(), app_names.end(), "unsubscribe_url"), app_names.end());
  EXPECT_TRUE(entry("payment.failed", "email")["critical"].get<bool>());
}

TEST_P(NotificationTemplateHttpTest, AnOverrideIsUsedInTheNextMessagesUntilItIsRemoved) {
  auto saved = put("booking.confirmed",
                   {{"channel", "email"},
                    {"locale", "en"},
                    {"subject", "You're on {{resource}} at {{facility}}"},
                    {"body", "Hi {{name}},\n\nSee you on {{when}}.\nBring water!\n\n{{> booking_facts_text}}"}},
                   owner_);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["override"]["subject"], "You're on {{resource}} at {{facility}}");
  EXPECT_EQ(saved.json()["override"]["updated_by"], owner_.id);
  ASSERT_EQ(
      put("booking.confirmed",
          {{"channel", "in_app"}, {"locale", "en"}, {"subject", "Court booked"}, {"body", "{{resource}} is yours."}},
          owner_)
          .status,
      200);
  EXPECT_EQ(entry("booking.confirmed", "email")["override"]["body"],
            "Hi {{name}},\n\nSee you on {{when}}.\nBring water!\n\n{{> booking_facts_text}}");

  book(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  auto mails = outbox("player@example.com");
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0]["subject"], "You're on Court 1 at Courts");
  const std::string text = mails[0]["text"], html = mails[0]["html"];
  EXPECT_EQ(text.rfind("Hi Test User,\n\nSee you on Wed 25 Nov, 10:00 (America/New_York).\nBring water!\n\n", 0), 0u)
      << text;
  EXPECT_NE(text.find("Court: Court 1\nWhen: Wed 25 Nov, 10:00 (America/New_York) to 11:00"), std::string::npos)
      << text;
  // Our footer, with the unsubscribe link, is added to a facility's text.
  EXPECT_NE(text.find("Stop these e-mails: http"), std::string::npos) << text;
  EXPECT_NE(text.find("/api/v1/unsubscribe?token="), std::string::npos) << text;
  EXPECT_NE(html.find("<p>Hi Test User,</p>"), std::string::npos) << html;
  EXPECT_NE(html.find("<p>See you on Wed 25 Nov, 10:00 (America/New_York).<br>\nBring water!</p>"), std::string::npos)
      << html;
  EXPECT_NE(html.find("<strong>Court 1</strong>"), std::string::npos) << html;  // the facts' HTML table
  EXPECT_NE(html.find("Stop these e-mails</a>"), std::string::npos) << html;
  EXPECT_EQ(html.rfind("<!doctype html>", 0), 0u);
  auto inbox = client_->get("/api/v1/me/notifications", player_.access).json()["items"];
  ASSERT_EQ(inbox.size(), 1u);
  EXPECT_EQ(inbox[0]["title"], "Court booked");
  EXPECT_EQ(inbox[0]["body"], "Court 1 is yours.");

  // Back to the default: the next e-mail is the file's again.
  EXPECT_EQ(client_->send("DELETE", base() + "/booking.confirmed?channel=email&locale=en", json(nullptr), owner_.access)
                .status,
            204);
  EXPECT_TRUE(entry("booking.confirmed", "email")["override"].is_null());
  EXPECT_FALSE(entry("booking.confirmed", "in_app")["override"].is_null());
  book(player_, "2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z");
  mails = outbox("player@example.com");
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[0]["subject"], "Booking confirmed: Court 1, Wed 25 Nov, 12:00 (America/New_York)");
  // Removing what is not there changes nothing.
  EXPECT_EQ(client_->send("DELETE", base() + "/booking.confirmed?channel=email&locale=en", json(nullptr), owner_.access)
                .status,
            204);
}

TEST_P(NotificationTemplateHttpTest, ASpanishReaderGetsTheConfirmationInSpanishAtTheFacilitysTime) {
  auto ana = sign_up("ana@example.com");
  ASSERT_EQ(client_->send("PATCH", "/api/v1/me", {{"locale", "es"}}, ana.access).status, 200);
  book(ana, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  auto mails = outbox("ana@example.com");
  ASSERT_EQ(mails.size(), 1u);
  // The facility's wall clock and zone, in Spanish words and a 24-hour clock; its currency.
  EXPECT_EQ(mails[0]["subject"], "Reserva confirmada: Court 1, miércoles 25 de noviembre, 10:00 (America/New_York)");
  const std::string text = mails[0]["text"], html = mails[0]["html"];
  EXPECT_EQ(text.rfind("Hola, Test User:\n\nTu reserva está confirmada.\n\n", 0), 0u) << text;
  EXPECT_NE(text.find("Cuándo: miércoles 25 de noviembre, 10:00 (America/New_York) a 11:00"), std::string::npos)
      << text;
  EXPECT_NE(text.find("Precio: 20,00 US$"), std::string::npos) << text;
  EXPECT_NE(text.find("Dejar de recibir estos correos: http"), std::string::npos) << text;
  EXPECT_NE(html.find("<html lang=\"es\">"), std::string::npos) << html;
  EXPECT_NE(html.find("<p>Tu reserva está confirmada.</p>"), std::string::npos) << html;
  auto inbox = client_->get("/api/v1/me/notifications", ana.access).json()["items"];
  ASSERT_EQ(inbox.size(), 1u);
  EXPECT_EQ(inbox[0]["title"], "Reserva confirmada");
  EXPECT_EQ(inbox[0]["body"],
            "Court 1 en Courts, miércoles 25 de noviembre, 10:00 (America/New_York). Precio: 20,00 US$.");
  // The page the e-mail's unsubscribe link opens asks in Spanish too.
  const std::string link = mails[0]["headers"]["List-Unsubscribe"];  // <http://.../api/v1/unsubscribe?token=...>
  const auto path = link.substr(link.find("/api/v1/unsubscribe"));
  auto page = client_->get(path.substr(0, path.size() - 1));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<html lang=\"es\">"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("¿Dejar de recibir estos correos?"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("Confirmaciones de reserva"), std::string::npos) << page.body;

  // The English reader at the same club gets the English one.
  book(player_, "2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z");
  auto theirs = outbox("player@example.com");
  ASSERT_EQ(theirs.size(), 1u);
  EXPECT_EQ(theirs[0]["subject"], "Booking confirmed: Court 1, Wed 25 Nov, 12:00 (America/New_York)");
  EXPECT_NE(theirs[0]["text"].get<std::string>().find("Price: 20.00 USD"), std::string::npos);
  auto theirs_inbox = client_->get("/api/v1/me/notifications", player_.access).json()["items"];
  ASSERT_EQ(theirs_inbox.size(), 1u);
  EXPECT_EQ(theirs_inbox[0]["title"], "Booking confirmed");
}

TEST_P(NotificationTemplateHttpTest, AFacilityWordsEachLocaleOnItsOwn) {
  auto list = [&](const std::string& locale) { return client_->get(base() + "?locale=" + locale, owner_.access); };
  auto es = list("es");
  ASSERT_EQ(es.status, 200) << es.body;
  const json spanish = es.json();
  EXPECT_EQ(spanish["items"].size(), list("en").json()["items"].size());
  json confirmed;
  for (const auto& e : spanish["items"])
    if (e["type"] == "booking.confirmed" && e["channel"] == "email") confirmed = e;
  ASSERT_TRUE(confirmed.is_object());
  EXPECT_EQ(confirmed["locale"], "es");
  EXPECT_EQ(confirmed["label"], "Confirmaciones de reserva");
  EXPECT_EQ(confirmed["default"]["subject"], "Reserva confirmada: {{resource}}, {{when}}");
  auto unknown = list("fr");
  ASSERT_EQ(unknown.status, 422);
  EXPECT_EQ(field_of(unknown), "locale");
  EXPECT_EQ(message_of(unknown), "must be one of en, es");

  // The preview shows the sample in the locale's words: tomorrow at 10:00 at the facility.
  auto shown =
      preview("booking.confirmed", {{"channel", "in_app"}, {"locale", "es"}, {"body", "{{when}}: {{price}}"}}, owner_);
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(shown.json()["text"], "miércoles 25 de noviembre, 10:00 (America/New_York): 20,00 US$");
  EXPECT_EQ(shown.json()["subject"], "Reserva confirmada");

  ASSERT_EQ(put("booking.confirmed",
                {{"channel", "in_app"},
                 {"locale", "es"},
                 {"subject", "Pista reservada"},
                 {"body", "{{resource}} es tuya: {{when}}."}},
                owner_)
                .status,
            200);
  auto ana = sign_up("ana@example.com");
  ASSERT_EQ(client_->send("PATCH", "/api/v1/me", {{"locale", "es"}}, ana.access).status, 200);
  book(ana, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  auto hers = client_->get("/api/v1/me/notifications", ana.access).json()["items"];
  ASSERT_EQ(hers.size(), 1u);
  EXPECT_EQ(hers[0]["title"], "Pista reservada");
  EXPECT_EQ(hers[0]["body"], "Court 1 es tuya: miércoles 25 de noviembre, 10:00 (America/New_York).");
  // The Spanish wording is not the English readers'.
  book(player_, "2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z");
  auto theirs = client_->get("/api/v1/me/notifications", player_.access).json()["items"];
  ASSERT_EQ(theirs.size(), 1u);
  EXPECT_EQ(theirs[0]["title"], "Booking confirmed");
  EXPECT_TRUE(entry("booking.confirmed", "in_app")["override"].is_null());  // the English list
}

TEST_P(NotificationTemplateHttpTest, UserDataAndTheFacilitysOwnTextAreEscapedInTheHtml) {
  auto r = client_->post("/api/v1/auth/register", {{"email", "mallory@example.com"},
                                                   {"password", "a long enough passphrase"},
                                                   {"name", "<script>alert(1)</script> & Co"}});
  ASSERT_EQ(r.status, 201) << r.body;
  Account mallory{r.json()["user"]["id"], "mallory@example.com", r.json()["access_token"], ""};
  ASSERT_EQ(put("booking.confirmed",
                {{"channel", "email"},
                 {"locale", "en"},
                 {"subject", "For {{name}}"},
                 {"body", "Hello {{name}}, <b>welcome</b> & \"enjoy\"\n<img src=x onerror=alert(2)>"}},
                owner_)
                .status,
            200);
  book(mallory, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  auto mails = outbox("mallory@example.com");
  ASSERT_EQ(mails.size(), 1u);
  const std::string html = mails[0]["html"], text = mails[0]["text"];
  EXPECT_NE(html.find("<p>Hello &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co, &lt;b&gt;welcome&lt;/b&gt; &amp; "
                      "&quot;enjoy&quot;<br>\n&lt;img src=x onerror=alert(2)&gt;</p>"),
            std::string::npos)
      << html;
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  // The text part is plain text: shown as written.
  EXPECT_EQ(text.rfind("Hello <script>alert(1)</script> & Co, <b>welcome</b>", 0), 0u) << text;
  EXPECT_EQ(mails[0]["subject"], "For <script>alert(1)</script> & Co");
}

TEST_P(NotificationTemplateHttpTest, ABrokenTemplateIsRefusedAtSaveWithItsLine) {
  auto refused = [&](const json& body, const std::string& field, const std::string& message_start) {
    auto r = put("booking.confirmed", body, owner_);
    EXPECT_EQ(r.status, 422) << body.dump() << " " << r.body;
    EXPECT_EQ(field_of(r), field) << r.body;
    EXPECT_EQ(message_of(r).rfind(message_start, 0), 0u) << r.body;
    // The preview says the same.
    auto p = preview("booking.confirmed", body, owner_);
    EXPECT_EQ(p.status, 422) << p.body;
    EXPECT_EQ(field_of(p), field);
  };
  auto email = [](const std::string& body) { return json{{"channel", "email"}, {"locale", "en"}, {"body", body}}; };
  refused(email("Hello {{name}},\n\n{{#price}}Price: {{price}}\nSee you."), "body", "line 3: the section {{#price}}");
  refused(email("Hello {{nmae}}"), "body", "line 1: {{nmae}}: this message has no \"nmae\"");
  refused(email("Hi\n{{#price}}x{{/refund}}"), "body", "line 2: {{/refund}} closes the section {{#price}}");
  refused(email("Hi\n\n{{/price}}"), "body", "line 3: {{/price}} closes no section");
  refused(email("Hi\nthere {{name"), "body", "line 2: a tag opened with \"{{\" is not closed");
  refused(email("Hi {{{name}}}"), "body", "line 1: {{{name}}} would show a value without HTML escaping");
  refused(email("Hi {{& name}}"), "body", "line 1:");
  refused(email("{{=<% %>=}}<% name %>"), "body", "line 1:");
  refused(email("Hi\n{{> /etc/passwd}}"), "body", "line 2: {{> /etc/passwd}}: there is no partial");
  refused(email("Hi\n{{> html_footer}}"), "body", "line 2:");
  refused(email(std::string(20 * 1024 + 1, 'x')), "body", "must be at most");
  refused(email("   \n "), "body", "must not be empty");
  refused({{"channel", "email"}, {"locale", "en"}, {"subject", "For {{who}}"}, {"body", "Hi"}}, "subject",
          "line 1: {{who}}");
  refused({{"channel", "fax"}, {"locale", "en"}, {"body", "Hi"}}, "channel", "must be one of");
  refused({{"channel", "sms"}, {"locale", "en"}, {"body", "Hi"}}, "channel", "booking.confirmed has no template");
  refused({{"channel", "email"}, {"locale", "xx"}, {"body", "Hi"}}, "locale", "has no templates");
  refused({{"locale", "en"}, {"body", "Hi"}}, "channel", "");
  refused({{"channel", "email"}, {"body", "Hi"}}, "locale", "");
  refused({{"channel", "email"}, {"locale", "en"}}, "body", "");
  refused({{"channel", "email"}, {"locale", "en"}, {"body", "Hi"}, {"html", "<p>"}}, "html", "");
  auto unknown = put("booking.nothing", email("Hi"), owner_);
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(field_of(unknown), "type");
  auto bad_delete =
      client_->send("DELETE", base() + "/booking.confirmed?channel=fax&locale=en", json(nullptr), owner_.access);
  EXPECT_EQ(bad_delete.status, 422);
  EXPECT_EQ(field_of(bad_delete), "channel");
  // Nothing was stored, and a message still goes out as the file says.
  EXPECT_TRUE(entry("booking.confirmed", "email")["override"].is_null());
  book(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  EXPECT_EQ(outbox("player@example.com")[0]["subject"],
            "Booking confirmed: Court 1, Wed 25 Nov, 10:00 (America/New_York)");
  // What the default uses passes, sections, comments and all.
  const json standard = entry("booking.confirmed", "email")["default"];
  EXPECT_EQ(put("booking.confirmed",
                {{"channel", "email"}, {"locale", "en"}, {"subject", standard["subject"]}, {"body", standard["body"]}},
                owner_)
                .status,
            200);
}

TEST_P(NotificationTemplateHttpTest, APreviewShowsASampleBookingAtTheFacilityInItsZone) {
  auto r = preview("booking.confirmed",
                   {{"channel", "email"},
                    {"locale", "en"},
                    {"subject", "{{resource}} on {{when}}"},
                    {"body", "Hello {{name}},\n\n{{#price}}You pay {{price}}.{{/price}}"}},
                   owner_);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto p = r.json();
  // Tomorrow at 10:00 on the facility's wall clock, on its court, in its currency.
  EXPECT_EQ(p["subject"], "Court 1 on Wed 25 Nov, 10:00 (America/New_York)");
  EXPECT_EQ(p["text"].get<std::string>().rfind("Hello Alex Sample,\n\nYou pay 20.00 USD.\n", 0), 0u) << p["text"];
  EXPECT_NE(p["html"].get<std::string>().find("<p>You pay 20.00 USD.</p>"), std::string::npos) << p["html"];
  // Nothing is stored by a preview.
  EXPECT_TRUE(entry("booking.confirmed", "email")["override"].is_null());
  // No subject: the default's.
  auto in_app = preview("payment.failed", {{"channel", "in_app"}, {"locale", "en"}, {"body", "{{message}}"}}, owner_);
  ASSERT_EQ(in_app.status, 200) << in_app.body;
  EXPECT_EQ(in_app.json()["subject"], entry("payment.failed", "in_app")["default"]["subject"]);
  EXPECT_EQ(in_app.json()["text"], "The card was declined.");
  EXPECT_TRUE(in_app.json()["html"].is_null());
}

TEST_P(NotificationTemplateHttpTest, OnlyTheFacilitysStaffSeeTemplatesAndItsManagersChangeThem) {
  const json body = {{"channel", "email"}, {"locale", "en"}, {"body", "Hi {{name}}"}};
  const std::string one = base() + "/booking.confirmed";
  auto desk = sign_up("desk@example.com");
  ASSERT_EQ(client_
                ->post("/api/v1/facilities/" + facility_ + "/staff", {{"email", "desk@example.com"}, {"role", "staff"}},
                       owner_.access)
                .status,
            201);
  // The desk reads and previews, but only managers change the wording.
  EXPECT_EQ(client_->get(base(), desk.access).status, 200);
  EXPECT_EQ(preview("booking.confirmed", body, desk).status, 200);
  EXPECT_EQ(put("booking.confirmed", body, desk).status, 403);
  // A player, and another club's owner (to whom the facility may also be unknown: 404).
  for (const Account* who : {&player_, &rival_}) {
    auto denied = [&](int status) { return status == 403 || (who == &rival_ && status == 404); };
    EXPECT_PRED1(denied, client_->get(base(), who->access).status);
    EXPECT_PRED1(denied, put("booking.confirmed", body, *who).status);
    EXPECT_PRED1(denied, preview("booking.confirmed", body, *who).status);
    EXPECT_PRED1(denied, client_->send("DELETE", one + "?channel=email&locale=en", json(nullptr), who->access).status);
  }
  EXPECT_EQ(client_->get(base()).status, 401);
  EXPECT_EQ(client_->send("PUT", one, body).status, 401);
  EXPECT_EQ(client_->get(base("fac_nothing"), owner_.access).status, 404);
  // The rival's own facility is theirs alone.
  EXPECT_EQ(client_->send("PUT", base(rival_facility_) + "/booking.confirmed", body, owner_.access).status, 403);
  EXPECT_EQ(client_->send("PUT", base(rival_facility_) + "/booking.confirmed", body, rival_.access).status, 200);
  EXPECT_TRUE(entry("booking.confirmed", "email")["override"].is_null());
}

TEST_P(NotificationTemplateHttpTest, TheDeliveryLogFiltersAndShowsAMessageAsSent) {
  book(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  const std::string log = "/api/v1/facilities/" + facility_ + "/notifications";
  auto items = [&](const std::string& query) {
    auto r = client_->get(log + query, owner_.access);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["items"];
  };
  EXPECT_EQ(items("").size(), 2u);
  auto mail = items("?type=booking.confirmed&channel=email");
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0]["channel"], "email");
  EXPECT_EQ(items("?channel=in_app").size(), 1u);
  EXPECT_TRUE(items("?type=payment.failed").empty());
  // Days of the facility's wall clock: made at 07:00 on the 24th in New York.
  EXPECT_EQ(items("?date=2026-11-24").size(), 2u);
  EXPECT_TRUE(items("?date=2026-11-23").empty());
  EXPECT_TRUE(items("?date=2026-11-25").empty());
  for (const char* bad : {"type=booking.nothing", "channel=fax", "date=2026-13-01", "date=tomorrow"}) {
    auto r = client_->get(log + "?" + bad, owner_.access);
    EXPECT_EQ(r.status, 422) << bad;
    EXPECT_EQ(field_of(r), std::string(bad).substr(0, std::string(bad).find('='))) << r.body;
  }

  const std::string id = mail[0]["id"];
  auto one = client_->get(log + "/" + id, owner_.access);
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.json()["subject"], "Booking confirmed: Court 1, Wed 25 Nov, 10:00 (America/New_York)");
  EXPECT_EQ(one.json()["status"], "sent");
  EXPECT_EQ(one.json()["attempts"], 1);
  EXPECT_NE(one.json()["html"].get<std::string>().find("<strong>Court 1</strong>"), std::string::npos);
  EXPECT_NE(one.json()["body"].get<std::string>().find("Price: 20.00 USD"), std::string::npos);
  EXPECT_EQ(one.json()["data"].contains("unsubscribe_url"), false);
  EXPECT_EQ(client_->get(log + "/" + id, player_.access).status, 403);
  EXPECT_EQ(client_->get(log + "/ntf_nothing", owner_.access).status, 404);
  // Through another facility: not found, even to its owner.
  EXPECT_EQ(client_->get("/api/v1/facilities/" + rival_facility_ + "/notifications/" + id, rival_.access).status, 404);
}

TEST_P(NotificationTemplateHttpTest, ACriticalTypeIsAlwaysInTheInboxAndOthersAreSuppressedWhenOff) {
  auto p = client_->get("/api/v1/me/notification-preferences", player_.access).json();
  ASSERT_EQ(p["catalogue"].size(), p["types"].size());
  EXPECT_EQ(p["catalogue"][0],
            json::parse(R"({"type":"booking.confirmed","label":"Booking confirmations","critical":false})"));
  const std::string prefs = "/api/v1/me/notification-preferences";
  auto refused = client_->send("PUT", prefs, {{"types", {{"booking.cancelled_by_facility", {{"in_app", false}}}}}},
                               player_.access);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(field_of(refused), "types.booking.cancelled_by_facility.in_app");
  // Its e-mail may be turned off; the inbox stays, even with the whole in-app channel off.
  auto put = client_->send(
      "PUT", prefs,
      {{"channels", {{"in_app", false}}}, {"types", {{"booking.cancelled_by_facility", {{"email", false}}}}}},
      player_.access);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json()["types"]["booking.cancelled_by_facility"]["in_app"], true);
  EXPECT_EQ(put.json()["types"]["booking.cancelled_by_facility"]["email"], false);
  const auto booking = book(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  ASSERT_EQ(client_->post("/api/v1/bookings/" + booking + "/cancel", {{"reason", "Flooded"}}, owner_.access).status,
            200);
  work();
  std::map<std::string, std::string> status;  // "<type> <channel>" -> status
  const json log = client_->get("/api/v1/facilities/" + facility_ + "/notifications", owner_.access).json();
  for (const auto& row : log["items"])
    status[row["type"].get<std::string>() + " " + row["channel"].get<std::string>()] = row["status"];
  EXPECT_EQ(status["booking.confirmed in_app"], "suppressed");
  EXPECT_EQ(status["booking.confirmed email"], "sent");
  EXPECT_EQ(status["booking.cancelled_by_facility in_app"], "delivered");
  EXPECT_EQ(status["booking.cancelled_by_facility email"], "suppressed");
}

SB_INSTANTIATE_BACKENDS(NotificationTemplateHttpTest);

}  // namespace
}  // namespace slotbase::testing
