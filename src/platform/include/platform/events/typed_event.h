#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/core/money.h"
#include "platform/core/time.h"
#include "platform/events/domain_event.h"

/// Typed events. Each module declares its events in `<module>_events.h` as plain structs with
/// `kType` (the event's name), `kVersion` (raised when a field changes meaning or goes away; new
/// optional fields keep it), and one codec made by SB_EVENT_CODEC,
/// which writes each field under its own name: instants as RFC 3339 UTC, Money as
/// {amount, currency}, an absent optional as null, nested event parts as objects.
/// A subscriber reads an event with `decode_event<T>(domain_event)`.
namespace slotbase::events {

// --- writing a field
inline void put(nlohmann::json& j, const char* key, const std::string& v) {
  j[key] = v;
}
inline void put(nlohmann::json& j, const char* key, bool v) {
  j[key] = v;
}
inline void put(nlohmann::json& j, const char* key, int v) {
  j[key] = v;
}
inline void put(nlohmann::json& j, const char* key, std::int64_t v) {
  j[key] = v;
}
inline void put(nlohmann::json& j, const char* key, Instant v) {
  j[key] = format_rfc3339(v);
}
inline void put(nlohmann::json& j, const char* key, const Money& v) {
  j[key] = {{"amount", v.amount}, {"currency", v.currency}};
}
template <class T>
requires requires(const T& t) {
  encode(t);
}
void put(nlohmann::json& j, const char* key, const T& v) {
  j[key] = encode(v);
}
template <class T>
void put(nlohmann::json& j, const char* key, const std::optional<T>& v) {
  if (v)
    put(j, key, *v);
  else
    j[key] = nullptr;
}
template <class T>
void put(nlohmann::json& j, const char* key, const std::vector<T>& v) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : v) {
    nlohmann::json one;
    put(one, "x", item);
    items.push_back(std::move(one["x"]));
  }
  j[key] = std::move(items);
}

// --- reading a field (nlohmann::json::exception when it is missing or of another type)
inline void get(const nlohmann::json& j, const char* key, std::string& v) {
  v = j.at(key).get<std::string>();
}
inline void get(const nlohmann::json& j, const char* key, bool& v) {
  v = j.at(key).get<bool>();
}
inline void get(const nlohmann::json& j, const char* key, int& v) {
  v = j.at(key).get<int>();
}
inline void get(const nlohmann::json& j, const char* key, std::int64_t& v) {
  v = j.at(key).get<std::int64_t>();
}
inline void get(const nlohmann::json& j, const char* key, Instant& v) {
  auto parsed = parse_rfc3339(j.at(key).get<std::string>());
  if (!parsed) throw nlohmann::json::other_error::create(501, std::string(key) + " is not an RFC 3339 instant", &j);
  v = *parsed;
}
inline void get(const nlohmann::json& j, const char* key, Money& v) {
  const auto& m = j.at(key);
  v = Money{m.at("amount").get<std::int64_t>(), m.at("currency").get<std::string>()};
}
template <class T>
requires requires(const nlohmann::json& json, T& t) {
  decode(json, t);
}
void get(const nlohmann::json& j, const char* key, T& v) {
  decode(j.at(key), v);
}
template <class T>
void get(const nlohmann::json& j, const char* key, std::optional<T>& v) {
  if (!j.contains(key) || j.at(key).is_null()) {
    v.reset();
    return;
  }
  T value{};
  get(j, key, value);
  v = std::move(value);
}
template <class T>
void get(const nlohmann::json& j, const char* key, std::vector<T>& v) {
  v.clear();
  for (const auto& item : j.at(key)) {
    T value{};
    get(nlohmann::json{{"x", item}}, "x", value);
    v.push_back(std::move(value));
  }
}

/// The event `e` as its subscribers read it, or nullopt when it is another type or its payload
/// does not have the fields (an event written by a newer version with a field gone).
template <class T>
std::optional<T> decode_event(const DomainEvent& e) {
  if (e.type != T::kType) return std::nullopt;
  try {
    T out{};
    decode(e.payload, out);
    return out;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

/// What the outbox needs to append `event`, which module `source` emits: its type and version
/// from the struct, its payload from the struct's codec.
template <class T>
NewEvent new_event(const T& event, std::string source, std::string aggregate_id, std::optional<std::string> facility_id,
                   std::optional<std::string> user_id, std::string correlation_id) {
  return NewEvent{std::string(T::kType), std::move(source),      std::move(aggregate_id),   encode(event),
                  std::move(user_id),    std::move(facility_id), std::move(correlation_id), T::kVersion};
}

}  // namespace slotbase::events

#define SB_EVENT_PUT_FIELD(field) ::slotbase::events::put(sb_json, #field, sb_event.field);
#define SB_EVENT_GET_FIELD(field) ::slotbase::events::get(sb_json, #field, sb_event.field);

/// Defines `encode(const Type&)` and `decode(const json&, Type&)` for an event or a part of
/// one, each field under its own name. Use it in the event's namespace, after the struct.
#define SB_EVENT_CODEC(Type, ...)                                              \
  inline nlohmann::json encode(const Type& sb_event) {                         \
    nlohmann::json sb_json = nlohmann::json::object();                         \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(SB_EVENT_PUT_FIELD, __VA_ARGS__)) \
    return sb_json;                                                            \
  }                                                                            \
  inline void decode(const nlohmann::json& sb_json, Type& sb_event) {          \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(SB_EVENT_GET_FIELD, __VA_ARGS__)) \
  }
