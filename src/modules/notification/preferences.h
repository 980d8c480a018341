#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "notification/notification_types.h"
#include "platform/clock/clock.h"
#include "platform/core/result.h"
#include "platform/db/database.h"

namespace slotbase::notification {

/// Users' notification preferences. Stored as the user's own choices only (a JSON document);
/// read with the catalogue's defaults filled in, so a new type or a new default reaches everyone
/// who did not choose otherwise. Thread-safe.
class PreferenceStore {
 public:
  PreferenceStore(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  /// The user's preferences, defaults filled in.
  Preferences of(const std::string& user_id);
  /// Validates and applies a patch; invalid_argument naming each bad field.
  Result<Preferences> update(const std::string& user_id, const PreferencesPatch& patch);
  /// Turns e-mail off for one type (one-click unsubscribe).
  void unsubscribe(const std::string& user_id, const std::string& type);

  /// Whether the type goes to the user on the channel: the channel is on and the type is on it.
  static bool wants(const Preferences& p, const std::string& type, Channel channel);
  /// The preferences with the user's stored choices applied to the defaults.
  static Preferences resolve(const nlohmann::json& stored);

 private:
  db::Database& db_;
  const Clock& clock_;
};

}  // namespace slotbase::notification
