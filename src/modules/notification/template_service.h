#pragma once

#include <optional>
#include <string>
#include <vector>

#include "notification/notification_types.h"
#include "notifier.h"
#include "organization/organization_service.h"
#include "platform/clock/clock.h"
#include "platform/core/context.h"
#include "platform/core/result.h"
#include "platform/db/database.h"
#include "resource/resource_service.h"
#include "template_overrides.h"
#include "template_repository.h"

namespace slotbase::notification {

/// Which template a request is about, and its new wording.
struct TemplateRequest {
  std::string type;
  Channel channel = Channel::email;
  std::string locale;
  TemplateText text;
};

/// One type on one channel as a facility's staff sees it: the file's wording, the facility's
/// own if it has one, and the names a wording may use.
struct TemplateEntry {
  std::string type;
  std::string label;
  bool critical = false;
  Channel channel = Channel::email;
  std::string locale;
  TemplateText standard;
  std::optional<TemplateOverride> custom;
  std::vector<std::string> names;
  std::vector<std::string> partials;
};

/// A facility's own notification templates, for its staff: every one readable by whoever sees
/// the facility's staff views (facility_view), changed by its managers (facility_manage).
/// Thread-safe.
class TemplateService {
 public:
  TemplateService(db::Database& db, const Clock& clock, organization::OrganizationService& orgs,
                  resource::ResourceService& resources, const TemplateOverrides& overrides, Links links)
      : db_(db), clock_(clock), orgs_(orgs), resources_(resources), overrides_(overrides), links_(std::move(links)) {}

  /// Every type and channel that has a template in the locale, in the catalogue's order;
  /// invalid_argument naming "locale" for one we do not ship.
  Result<std::vector<TemplateEntry>> list(const std::string& facility_id, const std::string& locale,
                                          const Context& ctx);
  /// Stores the facility's wording after check(): invalid_argument naming type, channel, locale,
  /// subject or body (with its line).
  Result<TemplateEntry> save(const std::string& facility_id, const TemplateRequest& r, const Context& ctx);
  /// Back to the file's wording (none to remove: no change).
  Result<void> remove(const std::string& facility_id, const std::string& type, Channel channel,
                      const std::string& locale, const Context& ctx);
  /// The wording rendered with a sample booking at the facility, its times in the facility's
  /// zone; the same errors as save.
  Result<Rendered> preview(const std::string& facility_id, const TemplateRequest& r, const Context& ctx);

 private:
  TemplateEntry entry(const std::string& type, Channel channel, const std::string& locale) const;
  SampleSetting setting(const organization::Facility& f, const std::string& locale) const;

  db::Database& db_;
  const Clock& clock_;
  organization::OrganizationService& orgs_;
  resource::ResourceService& resources_;
  const TemplateOverrides& overrides_;
  Links links_;
};

}  // namespace slotbase::notification
