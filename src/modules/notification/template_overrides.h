#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "notification/notification_types.h"
#include "platform/core/result.h"
#include "platform/core/zone.h"
#include "platform/db/database.h"
#include "rules/template_syntax.h"
#include "templates.h"

namespace slotbase::notification {

/// A facility's wording of a message: the e-mail's subject (or the in-app title), none to keep
/// the file's, and the e-mail's text part (or the in-app body). An e-mail's HTML part is made
/// from the text (rules::html_from_text) inside our header and footer, and its text part gets
/// our footer (the unsubscribe link) unless it has `{{> text_footer}}` already.
struct TemplateText {
  std::optional<std::string> subject;
  std::string body;
};

/// Where a preview's sample booking is: the facility, its zone and currency, one of its courts,
/// and when the sample starts.
struct SampleSetting {
  std::string facility;
  Zone zone;
  std::string currency;
  std::string court;
  Instant start{};
  std::string app_url;
  std::string unsubscribe_url;
};

/// Facilities' own templates: what they may use, checking them before they are stored,
/// rendering them, and the render path of the notifier (a facility's override if it has one,
/// else the template file). Thread-safe.
class TemplateOverrides {
 public:
  static constexpr std::size_t kMaxBody = 20 * 1024;
  static constexpr std::size_t kMaxSubject = 500;

  TemplateOverrides(db::Database& db, const Templates& templates) : db_(db), templates_(templates) {}

  /// The message of a type on a channel as the facility has worded it, else as the template
  /// file does. An override that fails to render anyway (it was checked when saved) is logged
  /// and the file is used: a message is never lost to a template.
  Rendered render(const std::optional<std::string>& facility_id, std::string_view type, Channel channel,
                  std::string_view locale, const nlohmann::json& data) const;
  /// Renders a wording not stored (a preview); std::invalid_argument when the type has no
  /// template on the channel.
  Rendered render_text(const TemplateText& text, std::string_view type, Channel channel, std::string_view locale,
                       const nlohmann::json& data) const;

  /// invalid_argument naming "type", "channel" or "locale" when the files have no template for
  /// them, else "subject" or "body" with the line of the first problem ("line 3: ...").
  Result<void> check(const TemplateText& text, std::string_view type, Channel channel, std::string_view locale) const;
  /// The names and partials a wording of the type on the channel may use.
  rules::TemplateVocabulary vocabulary(std::string_view type, Channel channel, std::string_view locale) const;
  /// The sample facts a preview of the type shows, in the locale's words.
  nlohmann::json sample(std::string_view type, Channel channel, std::string_view locale,
                        const SampleSetting& setting) const;

  const Templates& templates() const { return templates_; }

 private:
  db::Database& db_;
  const Templates& templates_;
};

}  // namespace slotbase::notification
