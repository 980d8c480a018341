#include "platform/http/json_body.h"

#include <algorithm>

namespace slotbase::http {

Result<JsonBody> JsonBody::parse(const std::string& text) {
  if (text.empty()) return JsonBody(nlohmann::json::object());
  std::string key, nul_field;
  auto doc = nlohmann::json::parse(
      text,
      [&](int, nlohmann::json::parse_event_t event, nlohmann::json& v) {
        const bool is_key = event == nlohmann::json::parse_event_t::key;
        if (!v.is_string() || (!is_key && event != nlohmann::json::parse_event_t::value)) return true;
        if (nul_field.empty() && v.get_ref<const std::string&>().find('\0') != std::string::npos)
          nul_field = is_key || key.empty() ? "body" : key;
        if (is_key) key = v.get<std::string>();
        return true;
      },
      false);
  if (doc.is_discarded()) return Error::malformed("The request body is not valid JSON.");
  if (!nul_field.empty()) return Error::invalid(nul_field, "must not contain NUL characters");
  if (!doc.is_object()) return Error::invalid("body", "must be a JSON object");
  return JsonBody(std::move(doc));
}

const nlohmann::json* JsonBody::get(const std::string& field, bool required) {
  auto it = doc_.find(field);
  if (it == doc_.end() || it->is_null()) {
    if (required) fail(field, "is required");
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> JsonBody::string(const std::string& field, bool required, std::size_t max_length) {
  const auto* v = get(field, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(field, "must be a string");
    return std::nullopt;
  }
  auto s = v->get<std::string>();
  if (s.size() > max_length) {
    fail(field, "must be at most " + std::to_string(max_length) + " characters");
    return std::nullopt;
  }
  return s;
}

std::optional<std::int64_t> JsonBody::integer(const std::string& field, bool required, std::int64_t min,
                                              std::int64_t max) {
  const auto* v = get(field, required);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    fail(field, "must be an integer");
    return std::nullopt;
  }
  auto n = v->get<std::int64_t>();
  if (n < min || n > max) {
    fail(field, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<bool> JsonBody::boolean(const std::string& field, bool required) {
  const auto* v = get(field, required);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    fail(field, "must be true or false");
    return std::nullopt;
  }
  return v->get<bool>();
}

const nlohmann::json* JsonBody::object(const std::string& field, bool required) {
  const auto* v = get(field, required);
  if (v && !v->is_object()) {
    fail(field, "must be an object");
    return nullptr;
  }
  return v;
}

const nlohmann::json* JsonBody::array(const std::string& field, bool required) {
  const auto* v = get(field, required);
  if (v && !v->is_array()) {
    fail(field, "must be an array");
    return nullptr;
  }
  return v;
}

void JsonBody::only(std::initializer_list<const char*> known) {
  for (const auto& [key, value] : doc_.items()) {
    // The binding named in the capture: clang 14 (the fuzzing build) cannot capture it implicitly.
    if (std::none_of(known.begin(), known.end(), [&key = key](const char* k) { return key == k; }))
      fail(key, "is not a known field");
  }
}

Result<void> JsonBody::finish() const {
  if (errors_.empty()) return Ok{};
  return Error::invalid(errors_);
}

}  // namespace slotbase::http
