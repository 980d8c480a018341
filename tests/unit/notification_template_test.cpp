#include <gtest/gtest.h>

#include "notification/catalogue.h"
#include "notification/rules/template_syntax.h"
#include "notification/template_overrides.h"
#include "notification/templates.h"
#include "platform/db/sqlite_database.h"

namespace slotbase::notification {
namespace {

using rules::check_template;
using rules::html_from_text;
using rules::TemplateVocabulary;

const TemplateVocabulary kWords{{"name", "when", "price", "refund"}, {"booking_facts_text", "text_footer"}};

std::string problem(std::string_view source) {
  auto p = check_template(source, kWords);
  return p ? "line " + std::to_string(p->line) + ": " + p->message : "";
}

TEST(NotificationTemplateSyntax, AcceptsValuesSectionsCommentsAndOurPartials) {
  EXPECT_EQ(problem("Hello {{name}}, {{ when }}.\n{{! a note\nover lines }}\n{{#price}}Price: {{price}}\n{{/price}}"
                    "{{^refund}}No refund.{{/refund}}\n{{> booking_facts_text}}"),
            "");
  EXPECT_EQ(problem("{{#price}}{{.}}{{/price}}"), "");
  EXPECT_EQ(problem("No tags at all, { and } and }} alone."), "");
}

TEST(NotificationTemplateSyntax, NamesTheLineOfWhatIsWrong) {
  EXPECT_EQ(problem("a\nb\n{{#price}}x\nc"), "line 3: the section {{#price}} is not closed (add {{/price}})");
  EXPECT_EQ(problem("a\n{{#price}}\n{{#refund}}\n{{/price}}"),
            "line 4: {{/price}} closes the section {{#refund}} opened on line 3");
  EXPECT_EQ(problem("{{/price}}"), "line 1: {{/price}} closes no section");
  EXPECT_EQ(problem("a\n\nHi {{nmae}}").rfind("line 3: {{nmae}}: this message has no \"nmae\" (it has: name, ", 0), 0u);
  EXPECT_EQ(problem("a\nb {{name\n}}"), "line 2: the tag {{name\n}} must close on the line where it opens");
  EXPECT_EQ(problem("a\nb {{name"), "line 2: a tag opened with \"{{\" is not closed with \"}}\"");
  EXPECT_EQ(problem("{{! a\nb\n}}\n{{oops}}").rfind("line 4: {{oops}}", 0), 0u);
  EXPECT_EQ(problem("{{{name}}}"), "line 1: {{{name}}} would show a value without HTML escaping; write {{name}}");
  EXPECT_EQ(problem("{{&name}}"), "line 1: {{&name}} would show a value without HTML escaping; write {{name}}");
  EXPECT_EQ(problem("{{=<% %>=}}"), "line 1: {{=<% %>=}}: changing the tag delimiters is not supported");
  EXPECT_EQ(problem("{{> html_footer}}"),
            "line 1: {{> html_footer}}: there is no partial \"html_footer\" (the partials are: booking_facts_text, "
            "text_footer)");
  std::string deep;
  for (int i = 0; i < 17; ++i) deep += "{{#price}}\n";
  EXPECT_EQ(problem(deep), "line 17: {{#price}}: sections nest at most 16 deep");
  EXPECT_EQ(problem("{{}}"), "line 1: {{}} has no name");
  EXPECT_EQ(problem("{{.}}"), "line 1: {{.}} is only meaningful inside a section");
  EXPECT_EQ(problem("{{name.first}}"), "line 1: {{name.first}}: \"name.first\" is not a name (letters, digits and _)");
}

TEST(NotificationTemplateSyntax, TheHtmlOfATextEscapesItsWordsAndKeepsItsValues) {
  const std::map<std::string, std::string> twins = {{"booking_facts_text", "booking_facts_html"}, {"text_footer", ""}};
  EXPECT_EQ(html_from_text("Hello {{name}} & <b>you</b>,\nsee you.\n\n\nBye", twins),
            "<p>Hello {{name}} &amp; &lt;b&gt;you&lt;/b&gt;,<br>\nsee you.</p>\n<p>Bye</p>\n");
  // A partial alone is a block between paragraphs; the footer is dropped (ours is added).
  EXPECT_EQ(
      html_from_text("Hi\n{{> booking_facts_text}}{{#price}}Price: {{price}}\n{{/price}}\n{{> text_footer}}", twins),
      "<p>Hi</p>\n{{> booking_facts_html}}\n<p>{{#price}}Price: {{price}}</p>\n{{/price}}\n");
  // A section alone on its lines stays outside the paragraph it holds; comments go.
  EXPECT_EQ(html_from_text("{{#refund}}\nRefund: {{refund}}\n{{/refund}}\n{{! note }}", twins),
            "{{#refund}}\n<p>Refund: {{refund}}</p>\n{{/refund}}\n");
}

TEST(NotificationTemplateOverrides, EveryNameTheDefaultsUseIsAllowedAndHasASampleValue) {
  const Templates t;
  db::SqliteDatabase db(":memory:", 1);  // never read: no facility is named below
  const TemplateOverrides overrides(db, t);
  const SampleSetting setting{"Riverside",
                              *Zone::find("Europe/Berlin"),
                              "EUR",
                              "Court 7",
                              *parse_rfc3339("2026-11-25T09:00:00Z"),
                              "https://book.example.com/",
                              "https://book.example.com/api/v1/unsubscribe?token=preview"};
  for (const auto& locale : t.locales())
    for (const auto& info : catalogue())
      for (Channel c : {Channel::email, Channel::in_app}) {
        SCOPED_TRACE(locale);
        const auto words = overrides.vocabulary(info.name, c, locale);
        const auto sample = overrides.sample(info.name, c, locale, setting);
        for (const char* part : {"subject", "text", "title", "body"}) {
          auto source = t.source(info.name, c, locale, part);
          if (!source) continue;
          EXPECT_FALSE(check_template(*source, words)) << info.name << " " << part;
          for (const auto& name : rules::vocabulary_of(*source).names)
            EXPECT_TRUE(sample.contains(name)) << info.name << " " << part << " " << name;
        }
        // The default's own words, as an override, render as the file does but for the HTML part.
        const TemplateText standard{t.source(info.name, c, locale, c == Channel::email ? "subject" : "title"),
                                    *t.source(info.name, c, locale, c == Channel::email ? "text" : "body")};
        EXPECT_TRUE(overrides.check(standard, info.name, c, locale).ok()) << info.name;
        const auto mine = overrides.render_text(standard, info.name, c, locale, sample);
        const auto file = t.render(info.name, c, locale, sample);
        EXPECT_EQ(mine.title, file.title) << info.name;
        EXPECT_EQ(mine.text, file.text) << info.name;
        EXPECT_EQ(mine.html.has_value(), c == Channel::email);
      }
}

TEST(NotificationTemplateOverrides, ASampleIsTomorrowsBookingInTheFacilitysZoneAndCurrency) {
  const Templates t;
  db::SqliteDatabase db(":memory:", 1);
  const TemplateOverrides overrides(db, t);
  const SampleSetting setting{"Riverside", *Zone::find("Europe/Berlin"),           "JPY",
                              "Court 7",   *parse_rfc3339("2026-11-25T09:00:00Z"), "https://book.example.com/",
                              "u"};
  const auto sample = overrides.sample(types::kBookingConfirmed, Channel::email, "en", setting);
  EXPECT_EQ(sample["when"], "Wed 25 Nov, 10:00 (Europe/Berlin)");
  EXPECT_EQ(sample["ends"], "11:00");
  EXPECT_EQ(sample["price"], "20 JPY");
  EXPECT_EQ(sample["resource"], "Court 7");
  EXPECT_EQ(sample["facility"], "Riverside");
  EXPECT_FALSE(sample.contains("deadline"));  // not a fact of this type
  EXPECT_FALSE(overrides.sample(types::kBookingConfirmed, Channel::in_app, "en", setting).contains("unsubscribe_url"));
  const auto es = overrides.sample(types::kBookingRejected, Channel::email, "es", setting);
  EXPECT_EQ(es["when"], "miércoles 25 de noviembre, 10:00 (Europe/Berlin)");
  EXPECT_EQ(es["refund"], "20 JPY");
  EXPECT_EQ(es["reason"], "Mantenimiento de la pista");
}

}  // namespace
}  // namespace slotbase::notification
