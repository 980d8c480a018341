#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "notification/notification_types.h"
#include "platform/core/money.h"
#include "platform/core/time.h"
#include "platform/core/zone.h"

namespace slotbase::notification {

/// A message as a template made it: an e-mail's subject, text and HTML, an in-app title and
/// body (no HTML), or a text message's body (one line, no title).
struct Rendered {
  std::string title;
  std::string text;
  std::optional<std::string> html;
};

/// The notification templates: mustache (mstch) files compiled into the binary, one per type,
/// channel and locale, `templates/<locale>/<type>.<channel>.mustache`, with its parts marked by
/// comment lines (`{{! subject }}`, `{{! text }}`, `{{! html }}` for e-mail; `{{! title }}`,
/// `{{! body }}` in-app; `{{! body }}` for SMS), partials under `templates/<locale>/partials/`, and the locale's words
/// for dates and amounts in `templates/<locale>/locale.json`. Every word a message shows is in
/// these files. In the HTML part `{{x}}` is HTML-escaped; in the other parts nothing is escaped
/// (they are plain text). A locale without a template falls back to English. Thread-safe.
///
/// Times and amounts are given to a render as facts that become words only in the locale it
/// renders in (when_fact, time_fact, money_fact): whoever gathers the facts need not know the
/// recipient's language, and a message that falls back to English shows English dates.
class Templates {
 public:
  static constexpr std::string_view kDefaultLocale = "en";

  /// Reads the embedded files; std::runtime_error for a file whose parts cannot be read.
  Templates();

  /// Renders one type for one channel; std::invalid_argument when no template exists for it.
  Rendered render(std::string_view type, Channel channel, std::string_view locale, const nlohmann::json& data) const;
  /// A web page (`templates/<locale>/pages/<name>.mustache`), HTML-escaped; std::invalid_argument
  /// when there is none.
  std::string page(std::string_view name, std::string_view locale, const nlohmann::json& data) const;
  /// The locale's name for a type, for people ("Booking confirmations"); the type's name if none.
  std::string type_label(std::string_view type, std::string_view locale) const;
  /// Whether a template exists for the type and channel in the locale (no fallback).
  bool has(std::string_view type, Channel channel, std::string_view locale) const;
  /// Every file the locale ships, by name: "<type>.<channel>" for a template, "partials/<name>",
  /// "pages/<name>" (to tell what a translation lacks).
  std::set<std::string> contents(std::string_view locale) const;
  /// The locales shipped (those with a locale.json), "en" among them.
  std::vector<std::string> locales() const;
  /// The locale a message of the type on the channel renders in for someone who reads
  /// `wanted`: that one when it has the template, else English.
  std::string_view effective_locale(std::string_view type, Channel channel, std::string_view wanted) const;

  /// A fact shown as date_time (the instant in the zone, labelled with it).
  static nlohmann::json when_fact(Instant t, const Zone& zone);
  /// A fact shown as time_of_day in the zone.
  static nlohmann::json time_fact(Instant t, const Zone& zone);
  /// A fact shown as money.
  static nlohmann::json money_fact(const Money& m);
  /// The facts with every when_fact, time_fact and money_fact in them (at any depth) written in
  /// the locale; everything else as it was.
  nlohmann::json localize(const nlohmann::json& facts, std::string_view locale) const;

  /// How a template given as text is rendered: as a one-line part (subject, title), a text part,
  /// or an HTML part (values HTML-escaped).
  enum class Part { line, text, html };
  /// A template given as text (a facility's own, checked before it was stored), rendered with
  /// the locale's partials.
  std::string render_source(std::string_view source, Part part, std::string_view locale,
                            const nlohmann::json& data) const;
  /// One part of a template file as written ("subject", "text", "html", "title", "body"), for
  /// people to start from; none when the file or the part does not exist (no fallback).
  std::optional<std::string> source(std::string_view type, Channel channel, std::string_view locale,
                                    std::string_view part) const;
  /// The names of the locale's partials.
  std::set<std::string> partial_names(std::string_view locale) const;
  /// The locale's words for previews' sample messages (`samples` in locale.json).
  const nlohmann::json& samples(std::string_view locale) const;

  /// "Wed 25 Nov, 10:00 (America/New_York)": the instant in the zone, labelled with it.
  std::string date_time(Instant t, const Zone& zone, std::string_view locale) const;
  /// "10:00": the wall-clock time in the zone.
  std::string time_of_day(Instant t, const Zone& zone, std::string_view locale) const;
  /// "20.00 USD", "1.250,00 €": minor units shown in the currency's own decimals, with the
  /// locale's separators and currency symbol (its code when the locale has no symbol for it).
  std::string money(const Money& m, std::string_view locale) const;

 private:
  struct Parts {
    std::map<std::string, std::string> parts;  // part name -> its template
  };
  const nlohmann::json& words(std::string_view locale) const;
  const std::map<std::string, std::string>& partials(std::string_view locale) const;

  std::map<std::string, Parts> templates_;                              // "<locale>/<type>.<channel>"
  std::map<std::string, std::map<std::string, std::string>> partials_;  // locale -> name -> template
  std::map<std::string, nlohmann::json> locales_;                       // locale -> locale.json
  std::map<std::string, std::string> pages_;                            // "<locale>/<name>"
};

}  // namespace slotbase::notification
