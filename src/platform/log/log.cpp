#include "platform/log/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace slotbase::log {
namespace {

void write(spdlog::level::level_enum level, const std::string& msg, nlohmann::json fields) {
  if (!spdlog::default_logger_raw()->should_log(level)) return;
  fields["msg"] = msg;
  // The pattern opens the object with the time and level; the fields complete it.
  auto text = fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  spdlog::log(level, "{}", std::string_view(text).substr(1, text.size() - 2));
}

}  // namespace

void init(const std::string& level) {
  spdlog::drop("slotbase");
  auto logger = spdlog::stderr_logger_mt("slotbase");
  logger->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v})", spdlog::pattern_time_type::utc);
  logger->set_level(spdlog::level::from_str(level));
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

void info(const std::string& msg, nlohmann::json fields) {
  write(spdlog::level::info, msg, std::move(fields));
}
void warn(const std::string& msg, nlohmann::json fields) {
  write(spdlog::level::warn, msg, std::move(fields));
}
void error(const std::string& msg, nlohmann::json fields) {
  write(spdlog::level::err, msg, std::move(fields));
}
bool enabled_info() {
  return spdlog::default_logger_raw()->should_log(spdlog::level::info);
}

}  // namespace slotbase::log
