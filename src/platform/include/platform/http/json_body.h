#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/core/result.h"

namespace slotbase::http {

/// Reads typed fields from a JSON object body, collecting one error per bad field so a client
/// learns everything wrong at once. Call finish() last.
class JsonBody {
 public:
  /// Malformed JSON is a malformed_request (400); JSON that is not an object is invalid (422).
  static Result<JsonBody> parse(const std::string& text);
  explicit JsonBody(nlohmann::json doc) : doc_(std::move(doc)) {}

  bool has(const std::string& field) const { return doc_.contains(field); }
  bool is_null(const std::string& field) const { return has(field) && doc_[field].is_null(); }
  std::optional<std::string> string(const std::string& field, bool required, std::size_t max_length = 200);
  std::optional<std::int64_t> integer(const std::string& field, bool required, std::int64_t min, std::int64_t max);
  std::optional<bool> boolean(const std::string& field, bool required);
  const nlohmann::json* object(const std::string& field, bool required);
  const nlohmann::json* array(const std::string& field, bool required);
  /// Every member must be one of `known`; others are reported as unknown fields.
  void only(std::initializer_list<const char*> known);

  void fail(std::string field, std::string message) { errors_.push_back({std::move(field), std::move(message)}); }
  bool failed() const { return !errors_.empty(); }
  Result<void> finish() const;
  const nlohmann::json& doc() const { return doc_; }

 private:
  const nlohmann::json* get(const std::string& field, bool required);
  nlohmann::json doc_;
  std::vector<FieldError> errors_;
};

}  // namespace slotbase::http
