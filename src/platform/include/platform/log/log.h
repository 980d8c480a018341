#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace slotbase::log {

/// Configures the process logger: one JSON object per line on stderr. `level` is one of trace,
/// debug, info, warn, error, off.
void init(const std::string& level);

/// Writes one structured line: {"ts":..., "level":..., "msg":..., ...fields}.
void info(const std::string& msg, nlohmann::json fields = nlohmann::json::object());
void warn(const std::string& msg, nlohmann::json fields = nlohmann::json::object());
void error(const std::string& msg, nlohmann::json fields = nlohmann::json::object());
bool enabled_info();

}  // namespace slotbase::log
