#pragma once

#include <optional>
#include <string>
#include <vector>

#include "notification/notification_types.h"
#include "platform/db/database.h"

namespace slotbase::notification {

/// A facility's own wording of one type on one channel and locale.
struct TemplateOverride {
  std::string facility_id;
  std::string type;
  Channel channel = Channel::email;
  std::string locale;
  std::optional<std::string> subject;  // the e-mail's subject or the in-app title; none: the file's
  std::string body;                    // the e-mail's text part or the in-app body
  std::string updated_by;
  Instant updated_at{};
};

/// The `notification_templates` table. Every method runs in the caller's transaction.
class TemplateRepository {
 public:
  static std::optional<TemplateOverride> find(db::Connection& c, const std::string& facility_id,
                                              const std::string& type, Channel channel, const std::string& locale);
  /// The facility's overrides, by type, channel and locale.
  static std::vector<TemplateOverride> of_facility(db::Connection& c, const std::string& facility_id);
  /// Inserts or replaces the override of its facility, type, channel and locale.
  static void save(db::Connection& c, const TemplateOverride& o);
  /// Whether there was one to remove.
  static bool remove(db::Connection& c, const std::string& facility_id, const std::string& type, Channel channel,
                     const std::string& locale);
};

}  // namespace slotbase::notification
