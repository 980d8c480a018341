#include "templates.h"

#include <mstch/mstch.hpp>

#include <mutex>
#include <regex>
#include <set>
#include <stdexcept>

#include "platform/core/embedded.h"
#include "platform/core/strings.h"

namespace slotbase::notification {
namespace {

constexpr std::string_view kRoot = "src/modules/notification/templates/";

// mstch escapes through one global function. It is set once, to one that escapes only while
// this thread renders an HTML part: plain-text parts keep "&" and "<" as they are.
thread_local bool rendering_html = false;

/// HTML escaping for what renders while it lives, on this thread.
struct HtmlMode {
  explicit HtmlMode(bool on) { rendering_html = on; }
  ~HtmlMode() { rendering_html = false; }
  HtmlMode(const HtmlMode&) = delete;
  HtmlMode& operator=(const HtmlMode&) = delete;
};

void install_escape() {
  static std::once_flag once;
  std::call_once(
      once, [] { mstch::config::escape = [](const std::string& s) { return rendering_html ? html_escape(s) : s; }; });
}

mstch::node to_node(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mstch::map m;
      for (const auto& [k, v] : j.items()) m.emplace(k, to_node(v));
      return m;
    }
    case nlohmann::json::value_t::array: {
      mstch::array a;
      for (const auto& v : j) a.push_back(to_node(v));
      return a;
    }
    case nlohmann::json::value_t::string:
      return j.get<std::string>();
    case nlohmann::json::value_t::boolean:
      return j.get<bool>();
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      // mstch keeps ints; wider numbers are shown as text.
      return j.dump();
    case nlohmann::json::value_t::number_float:
      return j.get<double>();
    default:
      return nullptr;
  }
}

std::string trim_lines(const std::string& s) {
  const auto first = s.find_first_not_of("\r\n");
  if (first == std::string::npos) return "";
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

/// A one-line part (subject, title): surrounding blanks gone, inner line breaks made spaces, so
/// that no header is ever folded by what a template or a value put in it.
std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  const auto first = s.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  s = s.substr(first, s.find_last_not_of(' ') - first + 1);
  std::string out;
  for (char c : s)
    if (!(c == ' ' && !out.empty() && out.back() == ' ')) out += c;
  return out;
}

std::map<std::string, std::string> split_parts(std::string_view path, std::string_view text) {
  static const std::regex marker(R"(^\{\{!\s*(subject|text|html|title|body)\s*\}\}\s*$)");
  std::map<std::string, std::string> parts;
  std::string current;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string line(text.substr(pos, end - pos));
    std::smatch m;
    if (std::regex_match(line, m, marker)) {
      current = m[1];
      if (parts.contains(current)) throw std::runtime_error(std::string(path) + ": part " + current + " twice");
      parts[current];
    } else if (!current.empty()) {
      parts[current] += line + "\n";
    } else if (line.find_first_not_of(" \t\r") != std::string::npos) {
      throw std::runtime_error(std::string(path) + ": text before the first part marker");
    }
    pos = end + 1;
  }
  for (auto& [name, part] : parts) part = trim_lines(part) + (name == "text" || name == "html" ? "\n" : "");
  return parts;
}

std::string key_of(std::string_view locale, std::string_view type, Channel channel) {
  return std::string(locale) + "/" + std::string(type) + "." + std::string(to_string(channel));
}

const char* const kEmailParts[] = {"subject", "text", "html"};
const char* const kInAppParts[] = {"title", "body"};
const char* const kSmsParts[] = {"body"};

std::string two_digits(int n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

// The keys that mark a fact to be written in the locale (Templates::when_fact and its siblings).
constexpr const char* kWhenKey = "$when";
constexpr const char* kTimeKey = "$time";
constexpr const char* kMoneyKey = "$money";

/// "1250" with the locale's group separator every three digits, from `from` digits on (Spanish
/// writes 1250 but 12.500).
std::string grouped(const std::string& digits, const nlohmann::json& words) {
  const std::string sep = words.value("group_separator", std::string());
  const auto from = words.value("group_from_digits", std::size_t{4});
  if (sep.empty() || digits.size() < from) return digits;
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += sep;
    out += digits[i];
  }
  return out;
}

}  // namespace

Templates::Templates() {
  install_escape();
  for (const auto& f : embedded_files()) {
    if (!f.path.starts_with(kRoot)) continue;
    const std::string_view rest = f.path.substr(kRoot.size());  // "<locale>/..."
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos) continue;
    const std::string locale(rest.substr(0, slash));
    const std::string_view file = rest.substr(slash + 1);
    if (file == "locale.json") {
      locales_[locale] = nlohmann::json::parse(f.content);
    } else if (file.starts_with("pages/") && file.ends_with(".mustache")) {
      pages_[locale + "/" + std::string(file.substr(6, file.size() - 6 - 9))] = std::string(f.content);
    } else if (file.starts_with("partials/") && file.ends_with(".mustache")) {
      const auto name = file.substr(9, file.size() - 9 - 9);
      partials_[locale][std::string(name)] = std::string(f.content);
    } else if (file.ends_with(".mustache")) {
      const std::string stem(file.substr(0, file.size() - 9));  // "<type>.<channel>"
      const auto dot = stem.rfind('.');
      const auto channel = dot == std::string::npos ? std::nullopt : enum_from<Channel>(stem.substr(dot + 1));
      if (!channel) throw std::runtime_error(std::string(f.path) + ": the name must end in .<channel>.mustache");
      auto parts = split_parts(f.path, f.content);
      for (const char* need : *channel == Channel::email ? std::span<const char* const>(kEmailParts)
                              : *channel == Channel::sms ? std::span<const char* const>(kSmsParts)
                                                         : std::span<const char* const>(kInAppParts))
        if (!parts.contains(need)) throw std::runtime_error(std::string(f.path) + ": no " + need + " part");
      templates_[locale + "/" + stem] = Parts{std::move(parts)};
    }
  }
  if (!locales_.contains(std::string(kDefaultLocale)))
    throw std::runtime_error("the notification templates have no English locale.json");
}

bool Templates::has(std::string_view type, Channel channel, std::string_view locale) const {
  return templates_.contains(key_of(locale, type, channel));
}

std::set<std::string> Templates::contents(std::string_view locale) const {
  const std::string prefix = std::string(locale) + "/";
  std::set<std::string> out;
  for (const auto& [key, parts] : templates_)
    if (key.starts_with(prefix)) out.insert(key.substr(prefix.size()));
  for (const auto& [key, text] : pages_)
    if (key.starts_with(prefix)) out.insert("pages/" + key.substr(prefix.size()));
  if (auto it = partials_.find(std::string(locale)); it != partials_.end())
    for (const auto& [name, text] : it->second) out.insert("partials/" + name);
  return out;
}

std::vector<std::string> Templates::locales() const {
  std::vector<std::string> out;
  for (const auto& [locale, words] : locales_) out.push_back(locale);
  return out;
}

std::string_view Templates::effective_locale(std::string_view type, Channel channel, std::string_view wanted) const {
  return has(type, channel, wanted) ? wanted : kDefaultLocale;
}

nlohmann::json Templates::when_fact(Instant t, const Zone& zone) {
  return {{kWhenKey, epoch_seconds(t)}, {"zone", zone.name()}};
}

nlohmann::json Templates::time_fact(Instant t, const Zone& zone) {
  return {{kTimeKey, epoch_seconds(t)}, {"zone", zone.name()}};
}

nlohmann::json Templates::money_fact(const Money& m) {
  return {{kMoneyKey, m.amount}, {"currency", m.currency}};
}

nlohmann::json Templates::localize(const nlohmann::json& facts, std::string_view locale) const {
  if (facts.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : facts) out.push_back(localize(v, locale));
    return out;
  }
  if (!facts.is_object()) return facts;
  auto zone_of = [&] { return Zone::find(facts.value("zone", std::string("UTC"))).value_or(*Zone::find("UTC")); };
  if (facts.contains(kWhenKey))
    return date_time(from_epoch_seconds(facts[kWhenKey].get<std::int64_t>()), zone_of(), locale);
  if (facts.contains(kTimeKey))
    return time_of_day(from_epoch_seconds(facts[kTimeKey].get<std::int64_t>()), zone_of(), locale);
  if (facts.contains(kMoneyKey))
    return money({facts[kMoneyKey].get<std::int64_t>(), facts.value("currency", std::string())}, locale);
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [k, v] : facts.items()) out[k] = localize(v, locale);
  return out;
}

Rendered Templates::render(std::string_view type, Channel channel, std::string_view locale,
                           const nlohmann::json& data) const {
  auto it = templates_.find(key_of(locale, type, channel));
  if (it == templates_.end()) {
    locale = kDefaultLocale;
    it = templates_.find(key_of(locale, type, channel));
  }
  if (it == templates_.end())
    throw std::invalid_argument("no template for " + std::string(type) + " on " + std::string(to_string(channel)));
  const auto node = to_node(localize(data, locale));
  const auto& with = partials(locale);
  auto part = [&](const char* name, bool html) {
    HtmlMode mode(html);
    return mstch::render(it->second.parts.at(name), node, with);
  };
  if (channel == Channel::email) return {one_line(part("subject", false)), part("text", false), part("html", true)};
  if (channel == Channel::sms) return {"", one_line(part("body", false)), std::nullopt};
  return {one_line(part("title", false)), part("body", false), std::nullopt};
}

std::string Templates::render_source(std::string_view source, Part part, std::string_view locale,
                                     const nlohmann::json& data) const {
  HtmlMode mode(part == Part::html);
  const std::string out = mstch::render(std::string(source), to_node(localize(data, locale)), partials(locale));
  return part == Part::line ? one_line(out) : out;
}

std::optional<std::string> Templates::source(std::string_view type, Channel channel, std::string_view locale,
                                             std::string_view part) const {
  auto it = templates_.find(key_of(locale, type, channel));
  if (it == templates_.end()) return std::nullopt;
  auto p = it->second.parts.find(std::string(part));
  if (p == it->second.parts.end()) return std::nullopt;
  return p->second;
}

std::set<std::string> Templates::partial_names(std::string_view locale) const {
  std::set<std::string> out;
  for (const auto& [name, text] : partials(locale)) out.insert(name);
  return out;
}

const nlohmann::json& Templates::samples(std::string_view locale) const {
  static const nlohmann::json none = nlohmann::json::object();
  const auto& w = words(locale);
  return w.contains("samples") ? w["samples"] : none;
}

std::string Templates::page(std::string_view name, std::string_view locale, const nlohmann::json& data) const {
  auto it = pages_.find(std::string(locale) + "/" + std::string(name));
  if (it == pages_.end()) it = pages_.find(std::string(kDefaultLocale) + "/" + std::string(name));
  if (it == pages_.end()) throw std::invalid_argument("no page " + std::string(name));
  HtmlMode mode(true);
  return mstch::render(it->second, to_node(data));
}

std::string Templates::type_label(std::string_view type, std::string_view locale) const {
  const auto& labels = words(locale).value("types", nlohmann::json::object());
  const std::string key(type);
  return labels.contains(key) ? labels[key].get<std::string>() : key;
}

const nlohmann::json& Templates::words(std::string_view locale) const {
  auto it = locales_.find(std::string(locale));
  return it != locales_.end() ? it->second : locales_.at(std::string(kDefaultLocale));
}

const std::map<std::string, std::string>& Templates::partials(std::string_view locale) const {
  static const std::map<std::string, std::string> none;
  auto it = partials_.find(std::string(locale));
  if (it != partials_.end()) return it->second;
  it = partials_.find(std::string(kDefaultLocale));
  return it != partials_.end() ? it->second : none;
}

std::string Templates::date_time(Instant t, const Zone& zone, std::string_view locale) const {
  const auto& w = words(locale);
  const LocalDate d = zone.date_of(t);
  nlohmann::json facts = {{"weekday", w.at("weekdays").at(d.iso_weekday() - 1)},
                          {"day", std::to_string(d.day)},
                          {"month", w.at("months").at(d.month - 1)},
                          {"year", std::to_string(d.year)},
                          {"time", time_of_day(t, zone, locale)},
                          {"zone", zone.name()}};
  return mstch::render(w.at("date_time").get<std::string>(), to_node(facts));
}

std::string Templates::time_of_day(Instant t, const Zone& zone, std::string_view locale) const {
  const int minutes = zone.minute_of_day(t);
  nlohmann::json facts = {{"hour", two_digits(minutes / 60)}, {"minute", two_digits(minutes % 60)}};
  return mstch::render(words(locale).at("time").get<std::string>(), to_node(facts));
}

std::string Templates::money(const Money& m, std::string_view locale) const {
  const auto& w = words(locale);
  const int digits = minor_digits(m.currency);
  // Digits of |amount|, without negating INT64_MIN.
  std::string text = std::to_string(m.amount);
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) text.erase(0, 1);
  std::string fraction;
  if (digits > 0) {
    if (text.size() <= static_cast<std::size_t>(digits)) text.insert(0, digits + 1 - text.size(), '0');
    fraction = w.at("decimal_separator").get<std::string>() + text.substr(text.size() - digits);
    text.erase(text.size() - digits);
  }
  const auto& symbols = w.value("currency_symbols", nlohmann::json::object());
  nlohmann::json facts = {{"amount", (negative ? "-" : "") + grouped(text, w) + fraction},
                          {"currency", m.currency},
                          {"symbol", symbols.value(m.currency, m.currency)}};
  return mstch::render(w.at("money").get<std::string>(), to_node(facts));
}

}  // namespace slotbase::notification
