#include <gtest/gtest.h>

#include <map>

#include "notification/catalogue.h"
#include "notification/rules/mime.h"
#include "notification/rules/quiet_hours.h"
#include "notification/rules/reminders.h"
#include "notification/rules/unsubscribe_token.h"
#include "notification/templates.h"

namespace slotbase::notification {
namespace {

using nlohmann::json;

Instant at(const char* text) {
  return *parse_rfc3339(text);
}

const Zone& new_york() {
  static const Zone z = *Zone::find("America/New_York");
  return z;
}

/// What the notifier gives a template of each type: every fact any type shows, its times and
/// amounts as facts that each locale writes its own way.
json sample(const Templates&) {
  const Instant start = at("2026-11-25T15:00:00Z");
  return {{"name", "Pat Player"},
          {"facility", "Riverside Tennis Center"},
          {"app_url", "https://book.example.com/"},
          {"unsubscribe_url", "https://book.example.com/api/v1/unsubscribe?token=abc.def"},
          {"resource", "Court 7"},
          {"when", Templates::when_fact(start, new_york())},
          {"ends", Templates::time_fact(start + std::chrono::hours(1), new_york())},
          {"was_when", Templates::when_fact(start - std::chrono::hours(24), new_york())},
          {"price", Templates::money_fact({2000, "USD"})},
          {"refund", Templates::money_fact({1500, "USD"})},
          {"fee", Templates::money_fact({1000, "USD"})},
          {"amount", Templates::money_fact({2000, "USD"})},
          {"reason", "Resurfacing"},
          {"message", "Your card was declined."},
          {"deadline", Templates::when_fact(start - std::chrono::hours(2), new_york())},
          {"link", "https://book.example.com/"},
          {"card", true},
          {"no_show", true},
          {"expires", Templates::when_fact(start, new_york())},
          {"address", "pat@example.com"},
          {"new_address", "pat@example.org"},
          {"count", 3},
          {"first_when", "Wed 25 Nov"},
          {"items", json::array({{{"resource", "Court 7"}, {"when", "Wed 25 Nov"}}})},
          {"player", "Sam Sample"},
          {"player_email", "sam@example.com"},
          {"rejected", true}};
}

/// The facts each type's messages must show, as the locale writes them.
std::vector<std::string> key_facts(const Templates& t, std::string_view type, std::string_view locale) {
  const Instant start = at("2026-11-25T15:00:00Z");
  const std::string when = t.date_time(start, new_york(), locale);
  if (type == types::kPaymentFailed) return {"Riverside Tennis Center", "Your card was declined."};
  if (type == types::kJoinRequestReceived) return {"Sam Sample", "sam@example.com", "Riverside Tennis Center"};
  if (type == types::kJoinRequestDecided) return {"Riverside Tennis Center", "Resurfacing"};
  if (type == types::kPaymentSucceeded || type == types::kRefundCompleted || type == types::kFeeCharged)
    return {t.money({2000, "USD"}, locale)};
  std::vector<std::string> facts = {"Court 7", when};
  if (type == types::kBookingRejected || type == types::kCancelledByFacility || type == types::kCancelledByBlock)
    facts.push_back("Resurfacing");
  if (type == types::kBookingRescheduled)
    facts.push_back(t.date_time(start - std::chrono::hours(24), new_york(), locale));
  if (type == types::kWaitlistOffer) facts.push_back(t.date_time(start - std::chrono::hours(2), new_york(), locale));
  if (type == types::kNoShow) facts.push_back(t.money({1000, "USD"}, locale));
  if (type == types::kCancelledByPlayer) facts.push_back(t.money({1500, "USD"}, locale));
  return facts;
}

/// How each shipped locale greets Pat in an e-mail.
const std::map<std::string, std::string> kGreeting = {{"en", "Hello Pat Player,"}, {"es", "Hola, Pat Player:"}};

TEST(NotificationTemplates, EveryTypeRendersOnEveryChannelWithItsFactsInEveryLocale) {
  const Templates templates;
  const json data = sample(templates);
  ASSERT_EQ(templates.locales(), (std::vector<std::string>{"en", "es"}));
  for (const auto& locale : templates.locales()) {
    SCOPED_TRACE(locale);
    ASSERT_TRUE(kGreeting.contains(locale)) << "say how " << locale << " greets Pat in kGreeting";
    for (const auto& type : catalogue()) {
      SCOPED_TRACE(std::string(type.name));
      for (Channel c : {Channel::email, Channel::in_app})
        ASSERT_TRUE(templates.has(type.name, c, locale))
            << "templates/" << locale << "/" << type.name << "." << to_string(c) << ".mustache is missing";
      const auto email = templates.render(type.name, Channel::email, locale, data);
      const auto in_app = templates.render(type.name, Channel::in_app, locale, data);
      for (const std::string* part : {&email.title, &email.text, &*email.html, &in_app.title, &in_app.text}) {
        EXPECT_EQ(part->find("{{"), std::string::npos) << *part;
        EXPECT_EQ(part->find("}}"), std::string::npos) << *part;
        EXPECT_FALSE(part->empty());
      }
      EXPECT_FALSE(in_app.html.has_value());
      EXPECT_EQ(email.title.find('\n'), std::string::npos);
      for (const auto& fact : key_facts(templates, type.name, locale)) {
        EXPECT_NE(email.text.find(fact), std::string::npos) << fact << " not in\n" << email.text;
        EXPECT_NE(email.html->find(fact), std::string::npos) << fact << " not in\n" << *email.html;
        EXPECT_NE((in_app.title + " " + in_app.text).find(fact), std::string::npos) << fact << " not in\n"
                                                                                    << in_app.title << "\n"
                                                                                    << in_app.text;
      }
      EXPECT_NE(email.text.find(kGreeting.at(locale)), std::string::npos) << email.text;
      EXPECT_NE(email.text.find("https://book.example.com/api/v1/unsubscribe?token=abc.def"), std::string::npos);
      EXPECT_NE(email.html->find("href=\"https://book.example.com/api/v1/unsubscribe?token=abc.def\""),
                std::string::npos);
      EXPECT_NE(email.html->find("<html lang=\"" + locale + "\">"), std::string::npos);
    }
  }
}

TEST(NotificationTemplates, EveryLocaleShipsEveryFileEnglishHas) {
  const Templates templates;
  const auto english = templates.contents("en");
  for (const auto& locale : templates.locales()) {
    std::string missing;
    for (const auto& name : english)
      if (!templates.contents(locale).contains(name)) missing += "\n  templates/" + locale + "/" + name;
    EXPECT_TRUE(missing.empty()) << "translate into " << locale << " (as in templates/en/):" << missing;
  }
}

TEST(NotificationTemplates, EveryFileOfEveryLocaleRendersWithoutATagLeft) {
  const Templates templates;
  const json data = sample(templates);
  for (const auto& locale : templates.locales())
    for (const auto& name : templates.contents(locale)) {
      if (name.starts_with("partials/") || name.starts_with("pages/")) continue;
      const auto dot = name.rfind('.');
      const auto channel = *enum_from<Channel>(name.substr(dot + 1));
      const auto m = templates.render(name.substr(0, dot), channel, locale, data);
      for (const std::string& part : {m.title, m.text, m.html.value_or("")}) {
        EXPECT_EQ(part.find("{{"), std::string::npos) << locale << "/" << name << ": " << part;
        EXPECT_EQ(part.find("$when"), std::string::npos) << locale << "/" << name << ": " << part;
        EXPECT_EQ(part.find("$money"), std::string::npos) << locale << "/" << name << ": " << part;
      }
      EXPECT_FALSE(m.text.empty()) << locale << "/" << name;
    }
}

TEST(NotificationTemplates, TextPartsKeepCharactersAndHtmlEscapesThem) {
  const Templates templates;
  json data = sample(templates);
  data["name"] = "Ann & <Bob>";
  data["resource"] = "Court \"A\"";
  const auto email = templates.render(types::kBookingConfirmed, Channel::email, "en", data);
  EXPECT_NE(email.text.find("Hello Ann & <Bob>,"), std::string::npos) << email.text;
  EXPECT_NE(email.title.find("Court \"A\""), std::string::npos);
  EXPECT_NE(email.html->find("Hello Ann &amp; &lt;Bob&gt;,"), std::string::npos) << *email.html;
  EXPECT_EQ(email.html->find("<Bob>"), std::string::npos);
  const auto in_app = templates.render(types::kBookingConfirmed, Channel::in_app, "en", data);
  EXPECT_NE(in_app.text.find("Court \"A\""), std::string::npos);
}

TEST(NotificationTemplates, SpanishWritesItsOwnDaysMonthsTwentyFourHourTimesAndEuros) {
  const Templates t;
  const Zone madrid = *Zone::find("Europe/Madrid");
  EXPECT_EQ(t.date_time(at("2026-11-25T17:00:00Z"), madrid, "es"), "miércoles 25 de noviembre, 18:00 (Europe/Madrid)");
  EXPECT_EQ(t.date_time(at("2026-03-29T08:30:00Z"), madrid, "es"), "domingo 29 de marzo, 10:30 (Europe/Madrid)");
  EXPECT_EQ(t.time_of_day(at("2026-11-25T21:05:00Z"), madrid, "es"), "22:05");
  EXPECT_EQ(t.money({2500, "EUR"}, "es"), "25,00 €");
  EXPECT_EQ(t.money({125000, "EUR"}, "es"), "1250,00 €");  // Spanish groups from five digits on
  EXPECT_EQ(t.money({1250000, "EUR"}, "es"), "12.500,00 €");
  EXPECT_EQ(t.money({123456789, "EUR"}, "es"), "1.234.567,89 €");
  EXPECT_EQ(t.money({-250, "EUR"}, "es"), "-2,50 €");
  EXPECT_EQ(t.money({1500, "JPY"}, "es"), "1500 JPY");  // no symbol for it: its code
  EXPECT_EQ(t.money({2000, "USD"}, "es"), "20,00 US$");
}

TEST(NotificationTemplates, FactsBecomeWordsInTheLocaleTheyRenderIn) {
  const Templates t;
  const Zone madrid = *Zone::find("Europe/Madrid");
  const json facts = {{"resource", "Pista 3"},
                      {"facility", "Club Norte"},
                      {"when", Templates::when_fact(at("2026-11-25T17:00:00Z"), madrid)},
                      {"ends", Templates::time_fact(at("2026-11-25T18:30:00Z"), madrid)},
                      {"price", Templates::money_fact({2500, "EUR"})},
                      {"items", json::array({{{"refund", Templates::money_fact({500, "EUR"})}}})}};
  const json es = t.localize(facts, "es");
  EXPECT_EQ(es["when"], "miércoles 25 de noviembre, 18:00 (Europe/Madrid)");
  EXPECT_EQ(es["ends"], "19:30");
  EXPECT_EQ(es["price"], "25,00 €");
  EXPECT_EQ(es["items"][0]["refund"], "5,00 €");
  EXPECT_EQ(es["resource"], "Pista 3");
  const json en = t.localize(facts, "en");
  EXPECT_EQ(en["when"], "Wed 25 Nov, 18:00 (Europe/Madrid)");
  EXPECT_EQ(en["price"], "25.00 EUR");
  const auto m = t.render(types::kBookingConfirmed, Channel::in_app, "es", facts);
  EXPECT_EQ(m.title, "Reserva confirmada");
  EXPECT_NE(m.text.find("Pista 3 en Club Norte, miércoles 25 de noviembre, 18:00 (Europe/Madrid). Precio: 25,00 €."),
            std::string::npos)
      << m.text;
}

TEST(NotificationTemplates, AMissingTranslationFallsBackToEnglishWithEnglishDates) {
  const Templates t;
  EXPECT_EQ(t.effective_locale(types::kBookingConfirmed, Channel::email, "es"), "es");
  EXPECT_EQ(t.effective_locale(types::kBookingConfirmed, Channel::email, "xx"), "en");
  EXPECT_EQ(t.effective_locale(types::kBookingConfirmed, Channel::push, "es"), "en");  // push has no file
  const auto m = t.render(types::kReminder24h, Channel::in_app, "xx", sample(t));
  EXPECT_NE(m.text.find("Wed 25 Nov, 10:00 (America/New_York)"), std::string::npos) << m.text;
}

TEST(NotificationTemplates, AnUnknownLocaleFallsBackToEnglish) {
  const Templates templates;
  const auto a = templates.render(types::kReminder24h, Channel::in_app, "xx", sample(templates));
  const auto b = templates.render(types::kReminder24h, Channel::in_app, "en", sample(templates));
  EXPECT_EQ(a.title, b.title);
  EXPECT_THROW(templates.render("no.such.type", Channel::email, "en", sample(templates)), std::invalid_argument);
}

TEST(NotificationTemplates, TimesShowTheFacilitysWallClockAndZone) {
  const Templates t;
  EXPECT_EQ(t.date_time(at("2026-11-25T15:00:00Z"), new_york(), "en"), "Wed 25 Nov, 10:00 (America/New_York)");
  const Zone berlin = *Zone::find("Europe/Berlin");
  EXPECT_EQ(t.date_time(at("2026-03-29T08:30:00Z"), berlin, "en"), "Sun 29 Mar, 10:30 (Europe/Berlin)");
  EXPECT_EQ(t.date_time(at("2026-03-28T08:30:00Z"), berlin, "en"), "Sat 28 Mar, 09:30 (Europe/Berlin)");
  EXPECT_EQ(t.time_of_day(at("2026-11-26T04:05:00Z"), new_york(), "en"), "23:05");
}

TEST(NotificationTemplates, AmountsShowTheCurrencysOwnDecimals) {
  const Templates t;
  EXPECT_EQ(t.money({2000, "USD"}, "en"), "20.00 USD");
  EXPECT_EQ(t.money({5, "EUR"}, "en"), "0.05 EUR");
  EXPECT_EQ(t.money({1500, "JPY"}, "en"), "1500 JPY");
  EXPECT_EQ(t.money({1234, "KWD"}, "en"), "1.234 KWD");
  EXPECT_EQ(t.money({-250, "USD"}, "en"), "-2.50 USD");
}

TEST(NotificationCatalogue, EveryTypeHasChannelsAndTheContractsCriticalOnes) {
  for (const auto& t : catalogue()) EXPECT_FALSE(t.channels.empty()) << t.name;
  EXPECT_TRUE(type_info(types::kPaymentFailed).critical);
  EXPECT_TRUE(type_info(types::kCancelledByFacility).critical);
  EXPECT_FALSE(type_info(types::kBookingConfirmed).critical);
  EXPECT_FALSE(type_info(types::kReminder24h).critical);
  EXPECT_EQ(find_type("nope"), nullptr);
}

TEST(NotificationQuietHours, HoldsUntilTheEndOfTheWindowOnTheUsersWallClock) {
  const LocalTime ten{22 * 60}, seven{7 * 60};
  // 23:30 in New York: held until 07:00 the next morning.
  EXPECT_EQ(rules::quiet_until(at("2026-11-25T04:30:00Z"), new_york(), ten, seven), at("2026-11-25T12:00:00Z"));
  // 05:00: until 07:00 the same morning.
  EXPECT_EQ(rules::quiet_until(at("2026-11-25T10:00:00Z"), new_york(), ten, seven), at("2026-11-25T12:00:00Z"));
  // 07:00 and 21:59 are outside.
  EXPECT_FALSE(rules::quiet_until(at("2026-11-25T12:00:00Z"), new_york(), ten, seven));
  EXPECT_FALSE(rules::quiet_until(at("2026-11-26T02:59:00Z"), new_york(), ten, seven));
  // The night the clocks go forward (8 March 2026): 07:00 EDT is 11:00 UTC.
  EXPECT_EQ(rules::quiet_until(at("2026-03-08T05:00:00Z"), new_york(), ten, seven), at("2026-03-08T11:00:00Z"));
  // A window within one day, and none at all.
  EXPECT_EQ(rules::quiet_until(at("2026-11-25T18:30:00Z"), new_york(), LocalTime{13 * 60}, LocalTime{15 * 60}),
            at("2026-11-25T20:00:00Z"));
  EXPECT_FALSE(rules::quiet_until(at("2026-11-25T18:30:00Z"), new_york(), ten, ten));
}

TEST(NotificationReminders, OnlyRemindersStillAheadAreScheduled) {
  const Instant now = at("2026-11-24T12:00:00Z");
  auto scheduled = [&](std::chrono::minutes ahead) {
    std::vector<std::string> names;
    for (const auto& r : rules::reminder_rules())
      if (rules::worth_scheduling(r, now + ahead, now)) names.emplace_back(r.name);
    return names;
  };
  EXPECT_EQ(scheduled(std::chrono::hours(36)), (std::vector<std::string>{"24h", "1h"}));
  EXPECT_EQ(scheduled(std::chrono::hours(2)), (std::vector<std::string>{"1h"}));
  EXPECT_EQ(scheduled(std::chrono::minutes(10)), (std::vector<std::string>{}));
}

TEST(NotificationReminders, CheckInOpenComesAtTheFacilitysLeadWhileStillAhead) {
  const Instant now = at("2026-11-24T12:00:00Z");
  auto scheduled = [&](std::chrono::minutes ahead, std::chrono::minutes lead) {
    std::map<std::string, Instant> due;
    for (const auto& r : rules::booking_reminders(lead))
      if (rules::worth_scheduling(r, now + ahead, now)) due[std::string(r.name)] = rules::reminder_due(r, now + ahead);
    return due;
  };
  const auto two_hours = scheduled(std::chrono::hours(2), std::chrono::minutes(30));
  EXPECT_EQ(two_hours.size(), 2u);
  EXPECT_EQ(two_hours.at("check_in"), now + std::chrono::minutes(90));
  EXPECT_EQ(scheduled(std::chrono::hours(36), std::chrono::minutes(45)).at("check_in"),
            now + std::chrono::hours(36) - std::chrono::minutes(45));
  EXPECT_TRUE(scheduled(std::chrono::minutes(10), std::chrono::minutes(30)).empty());
  // Check-in that opens only at the start says nothing the start does not.
  EXPECT_FALSE(scheduled(std::chrono::hours(2), std::chrono::minutes(0)).contains("check_in"));
  EXPECT_EQ(rules::check_in_open(std::chrono::minutes(30))->type, types::kCheckInOpen);
  EXPECT_FALSE(type_info(types::kCheckInOpen).critical);
}

TEST(NotificationReminders, TwentyFourHoursIsRealTimeAcrossADstChange) {
  const auto& day = *rules::find_reminder("24h");
  // New York falls back on 1 Nov 2026: a booking at 10:00 EST that day (15:00 UTC) is reminded
  // one real day before, at 11:00 EDT on 31 Oct (15:00 UTC), not at 10:00 on the wall clock.
  EXPECT_EQ(rules::reminder_due(day, at("2026-11-01T15:00:00Z")), at("2026-10-31T15:00:00Z"));
  // Berlin springs forward on 29 Mar 2026: 10:00 CEST that day is 08:00 UTC; the reminder comes
  // at 08:00 UTC on 28 Mar, 09:00 CET.
  EXPECT_EQ(rules::reminder_due(day, at("2026-03-29T08:00:00Z")), at("2026-03-28T08:00:00Z"));
  // A reminder run late is stale once less than half its lead is left.
  EXPECT_TRUE(rules::still_timely(day, at("2026-11-25T15:00:00Z"), at("2026-11-24T15:00:00Z")));
  EXPECT_FALSE(rules::still_timely(day, at("2026-11-25T15:00:00Z"), at("2026-11-25T04:00:00Z")));
}

TEST(NotificationMime, AMessageHasItsHeadersAndBothPartsInQuotedPrintable) {
  rules::MailMessage m;
  m.from = "SlotBase <no-reply@example.com>";
  m.to = "pat@example.com";
  m.subject = "Booking confirmed: Court 7, Wed 25 Nov, 10:00 (America/New_York)";
  m.text = "Hello Pat,\n\n" + std::string(100, 'x') + "\nPrice: 20.00 USD = fair \n.\n";
  m.html = "<p>Hello Pat,</p>";
  m.message_id = "ntf_1@example.com";
  m.date = at("2026-11-24T12:00:00Z");
  m.unsubscribe_url = "https://book.example.com/api/v1/unsubscribe?token=a.b";
  const std::string raw = rules::build_mime(m, "=_ntf_1");
  EXPECT_NE(raw.find("From: SlotBase <no-reply@example.com>\r\n"), std::string::npos);
  EXPECT_NE(raw.find("To: pat@example.com\r\n"), std::string::npos);
  EXPECT_NE(raw.find("Date: Tue, 24 Nov 2026 12:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(raw.find("Message-ID: <ntf_1@example.com>\r\n"), std::string::npos);
  EXPECT_NE(raw.find("List-Unsubscribe: <https://book.example.com/api/v1/unsubscribe?token=a.b>\r\n"),
            std::string::npos);
  EXPECT_NE(raw.find("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"), std::string::npos);
  EXPECT_NE(raw.find("Content-Type: multipart/alternative; boundary=\"=_ntf_1\"\r\n"), std::string::npos);
  EXPECT_LT(raw.find("text/plain"), raw.find("text/html"));
  EXPECT_NE(raw.find("20.00 USD =3D fair=20\r\n=2E\r\n"), std::string::npos) << raw;
  // Every line within 78 characters, every line end CRLF.
  std::size_t start = 0;
  while (start < raw.size()) {
    const auto end = raw.find('\n', start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_EQ(raw[end - 1], '\r');
    EXPECT_LE(end - 1 - start, 78u) << raw.substr(start, end - start);
    start = end + 1;
  }
}

TEST(NotificationMime, ANonAsciiSubjectIsEncodedWords) {
  const std::string encoded = rules::encode_header_text("Subject", "Réservation confirmée: Court 7 — mercredi");
  EXPECT_EQ(encoded.rfind("=?UTF-8?B?", 0), 0u);
  EXPECT_EQ(encoded.find("é"), std::string::npos);
  EXPECT_EQ(rules::encode_header_text("Subject", "Plain"), "Plain");
  EXPECT_EQ(rules::quoted_printable("café"), "caf=C3=A9");
}

TEST(NotificationMime, AddressesAreCheckedAndTakenApart) {
  EXPECT_EQ(rules::bare_address("SlotBase <no-reply@example.com>"), "no-reply@example.com");
  EXPECT_EQ(rules::bare_address("a@b.example"), "a@b.example");
  EXPECT_EQ(rules::domain_of("a@b.example"), "b.example");
  EXPECT_TRUE(rules::plausible_address("pat@example.com"));
  EXPECT_FALSE(rules::plausible_address("pat@example.com\r\nBcc: x@y.z"));
  EXPECT_FALSE(rules::plausible_address("pat"));
  EXPECT_FALSE(rules::plausible_address("<pat@example.com>"));
}

TEST(NotificationUnsubscribe, ATokenIsForOneUserAndTypeAndCannotBeForged) {
  const auto token = rules::make_unsubscribe_token("secret", {"usr_1", "booking.confirmed"});
  auto scope = rules::read_unsubscribe_token("secret", token);
  ASSERT_TRUE(scope);
  EXPECT_EQ(scope->user_id, "usr_1");
  EXPECT_EQ(scope->type, "booking.confirmed");
  EXPECT_FALSE(rules::read_unsubscribe_token("another secret", token));
  const auto other = rules::make_unsubscribe_token("secret", {"usr_2", "booking.confirmed"});
  // Another user's claims with this user's signature.
  EXPECT_FALSE(
      rules::read_unsubscribe_token("secret", other.substr(0, other.find('.')) + token.substr(token.find('.'))));
  EXPECT_FALSE(rules::read_unsubscribe_token("secret", "garbage"));
  EXPECT_FALSE(rules::read_unsubscribe_token("secret", ""));
}

}  // namespace
}  // namespace slotbase::notification
