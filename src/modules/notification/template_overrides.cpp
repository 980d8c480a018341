#include "template_overrides.h"

#include <map>
#include <vector>

#include "catalogue.h"
#include "platform/log/log.h"
#include "template_repository.h"

namespace slotbase::notification {
namespace {

using nlohmann::json;

// What every message is given (notifier.cpp), and what only e-mails are.
const char* const kShared[] = {"name", "facility", "app_url"};
constexpr const char* kEmailOnly = "unsubscribe_url";
// The slot of a booking or an offer (facts.cpp): every type but a failed payment and the join
// requests' has one.
const char* const kSlot[] = {"resource", "when", "ends"};

/// The facts each type is given beyond the shared ones and the slot (listener.cpp, reminders.cpp).
const std::map<std::string_view, std::vector<std::string_view>>& type_facts() {
  static const std::map<std::string_view, std::vector<std::string_view>> facts = {
      {types::kBookingConfirmed, {"price"}},
      {types::kBookingPendingApproval, {"price"}},
      {types::kBookingApproved, {"price", "automatic"}},
      {types::kBookingRejected, {"price", "reason", "refund"}},
      {types::kCancelledByPlayer, {"reason", "refund"}},
      {types::kCancelledByFacility, {"reason", "refund"}},
      {types::kCancelledByBlock, {"reason", "refund"}},
      {types::kBookingRescheduled, {"was_when", "was_resource"}},
      {types::kReminder24h, {"price"}},
      {types::kReminder1h, {"price"}},
      {types::kCheckInOpen, {"price"}},
      {types::kNoShow, {"price", "fee"}},
      {types::kWaitlistOffer, {"price", "deadline", "link"}},
      {types::kWaitlistOfferExpired, {}},
      {types::kPaymentSucceeded, {"price", "amount", "card", "credit"}},
      {types::kPaymentFailed, {"message"}},
      {types::kRefundCompleted, {"price", "amount", "to_credit"}},
      {types::kFeeCharged, {"price", "amount", "no_show", "late_cancel"}},
      {types::kJoinRequestReceived, {"player", "player_email", "message", "link"}},
      {types::kJoinRequestDecided, {"approved", "rejected", "reason", "link"}},
  };
  return facts;
}

bool has_slot(std::string_view type) {
  return type != types::kPaymentFailed && type != types::kJoinRequestReceived && type != types::kJoinRequestDecided;
}

const char* one_line_part(Channel channel) {
  return channel == Channel::email ? "subject" : "title";
}
const char* body_part(Channel channel) {
  return channel == Channel::email ? "text" : "body";
}

bool html_partial(const std::string& name) {
  return name.starts_with("html_") || name.ends_with("_html");
}

/// An override's partials in its HTML part: a text partial becomes its HTML twin, or nothing
/// (the footer: ours is always there).
std::map<std::string, std::string> html_twins(const std::set<std::string>& partials) {
  std::map<std::string, std::string> out;
  for (const auto& name : partials) {
    if (html_partial(name)) continue;
    std::string twin;
    if (name.ends_with("_text")) twin = name.substr(0, name.size() - 5) + "_html";
    out[name] = partials.contains(twin) ? twin : "";
  }
  return out;
}

std::string trim_end(std::string s) {
  const auto last = s.find_last_not_of(" \t\r\n");
  s.erase(last == std::string::npos ? 0 : last + 1);
  return s;
}

Error at_line(const char* field, const rules::TemplateProblem& p) {
  return Error::invalid(field, "line " + std::to_string(p.line) + ": " + p.message);
}

}  // namespace

rules::TemplateVocabulary TemplateOverrides::vocabulary(std::string_view type, Channel channel,
                                                        std::string_view locale) const {
  rules::TemplateVocabulary v;
  for (const char* n : kShared) v.names.insert(n);
  if (channel == Channel::email) v.names.insert(kEmailOnly);
  if (has_slot(type))
    for (const char* n : kSlot) v.names.insert(n);
  if (auto it = type_facts().find(type); it != type_facts().end())
    for (auto n : it->second) v.names.insert(std::string(n));
  // Whatever the type's own files show is given to it too (a type newer than the list above).
  for (Channel c : kChannels)
    for (const char* part : {one_line_part(c), body_part(c)})
      if (auto source = templates_.source(type, c, locale, part))
        for (const auto& n : rules::vocabulary_of(*source).names)
          if (c == channel || n != kEmailOnly) v.names.insert(n);
  for (const auto& p : templates_.partial_names(locale))
    if (!html_partial(p) && !p.starts_with("account_")) v.partials.insert(p);  // account e-mails' own
  return v;
}

Result<void> TemplateOverrides::check(const TemplateText& text, std::string_view type, Channel channel,
                                      std::string_view locale) const {
  if (!find_type(type)) return Error::invalid("type", "is not a notification type");
  if (!templates_.has(type, channel, Templates::kDefaultLocale))
    return Error::invalid("channel", std::string(type) + " has no template on " + str(channel));
  if (!templates_.has(type, channel, locale))
    return Error::invalid("locale", "has no templates for " + std::string(type) + " on " + str(channel));
  if (text.subject && text.subject->size() > kMaxSubject)
    return Error::invalid("subject", "must be at most " + std::to_string(kMaxSubject) + " bytes");
  if (text.body.size() > kMaxBody)
    return Error::invalid("body", "must be at most " + std::to_string(kMaxBody) + " bytes");
  if (text.body.find_first_not_of(" \t\r\n") == std::string::npos) return Error::invalid("body", "must not be empty");
  const rules::TemplateVocabulary words = vocabulary(type, channel, locale);
  if (text.subject) {
    if (text.subject->find('\n') != std::string::npos) return Error::invalid("subject", "must be one line");
    if (auto p = rules::check_template(*text.subject, rules::TemplateVocabulary{words.names, {}}))
      return at_line("subject", *p);
  }
  if (auto p = rules::check_template(text.body, words)) return at_line("body", *p);
  return {};
}

Rendered TemplateOverrides::render_text(const TemplateText& text, std::string_view type, Channel channel,
                                        std::string_view locale, const nlohmann::json& data) const {
  const auto line = text.subject ? text.subject : templates_.source(type, channel, locale, one_line_part(channel));
  if (!line) throw std::invalid_argument("no template for " + std::string(type) + " on " + str(channel));
  Rendered out;
  out.title = templates_.render_source(*line, Templates::Part::line, locale, data);
  if (channel != Channel::email) {
    out.text = trim_end(templates_.render_source(text.body, Templates::Part::text, locale, data));
    return out;
  }
  const auto partials = templates_.partial_names(locale);
  std::string body = trim_end(text.body) + "\n";
  if (partials.contains("text_footer") && !rules::vocabulary_of(text.body).partials.contains("text_footer"))
    body += "\n{{> text_footer}}\n";
  out.text = templates_.render_source(body, Templates::Part::text, locale, data);
  std::string html = rules::html_from_text(text.body, html_twins(partials));
  if (partials.contains("html_header")) html = "{{> html_header}}\n" + html;
  if (partials.contains("html_footer")) html += "{{> html_footer}}\n";
  out.html = templates_.render_source(html, Templates::Part::html, locale, data);
  return out;
}

Rendered TemplateOverrides::render(const std::optional<std::string>& facility_id, std::string_view type,
                                   Channel channel, std::string_view wanted, const nlohmann::json& data) const {
  // The facility's wording in the reader's language, else ours; English when we have none in it
  // (a type newer than its translation), the facility's English wording first.
  const std::string_view locale = templates_.effective_locale(type, channel, wanted);
  if (facility_id) {
    auto custom = db_.read([&](db::Connection& c) {
      return TemplateRepository::find(c, *facility_id, std::string(type), channel, std::string(locale));
    });
    if (custom) {
      try {
        return render_text({custom->subject, custom->body}, type, channel, locale, data);
      } catch (const std::exception& e) {
        log::warn("a facility's template did not render; the default was used",
                  {{"facility_id", *facility_id}, {"type", type}, {"channel", str(channel)}, {"error", e.what()}});
      }
    }
  }
  return templates_.render(type, channel, locale, data);
}

json TemplateOverrides::sample(std::string_view type, Channel channel, std::string_view locale,
                               const SampleSetting& s) const {
  const auto& words = templates_.samples(locale);
  auto word = [&](const char* key) { return words.value(key, std::string()); };
  auto money = [&](std::int64_t major) {
    std::int64_t minor = major;
    for (int i = 0; i < minor_digits(s.currency); ++i) minor *= 10;
    return templates_.money({minor, s.currency}, locale);
  };
  const json all = {
      {"name", word("name")},
      {"facility", s.facility},
      {"app_url", s.app_url},
      {"unsubscribe_url", s.unsubscribe_url},
      {"resource", s.court},
      {"when", templates_.date_time(s.start, s.zone, locale)},
      {"ends", templates_.time_of_day(s.start + std::chrono::hours(1), s.zone, locale)},
      {"price", money(20)},
      {"refund", money(20)},
      {"fee", money(10)},
      {"amount", money(20)},
      {"reason", word("reason")},
      {"message", word("message")},
      {"was_when", templates_.date_time(s.start - std::chrono::hours(24), s.zone, locale)},
      {"was_resource", word("other_court")},
      {"deadline", templates_.date_time(s.start - std::chrono::hours(2), s.zone, locale)},
      {"link", s.app_url},
      {"automatic", false},
      {"card", true},
      {"credit", false},
      {"to_credit", false},
      {"no_show", true},
      {"late_cancel", false},
      {"player", word("name")},
      {"player_email", "alex@example.com"},
      {"approved", true},
      {"rejected", false},
  };
  json out = json::object();
  for (const auto& name : vocabulary(type, channel, locale).names)
    if (all.contains(name)) out[name] = all[name];
  return out;
}

}  // namespace slotbase::notification
