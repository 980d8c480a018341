#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace slotbase {

/// The one string table of an enum: each enumerator with the word the API, the database and
/// the events spell it with. An enum opts in by declaring, in its own namespace,
///   constexpr EnumNames<Status, 3> names_of(Status) { return {{{{Status::a, "a"}, ...}}}; }
/// after which `to_string(status)` and `enum_from<Status>("a")` work for it.
template <class E, std::size_t N>
struct EnumNames {
  std::array<std::pair<E, std::string_view>, N> entries;

  constexpr std::string_view name(E e) const {
    for (const auto& [value, text] : entries)
      if (value == e) return text;
    return {};
  }
  constexpr std::optional<E> parse(std::string_view text) const {
    for (const auto& [value, word] : entries)
      if (word == text) return value;
    return std::nullopt;
  }
};

template <class E>
concept NamedEnum = std::is_enum_v<E> && requires(E e) {
  names_of(e);
};

/// The word for `e`.
template <NamedEnum E>
constexpr std::string_view to_string(E e) {
  return names_of(e).name(e);
}

/// The enumerator spelled `text`, or nullopt for a word the table does not have.
template <NamedEnum E>
constexpr std::optional<E> enum_from(std::string_view text) {
  return names_of(E{}).parse(text);
}

/// The enumerator spelled `text`, which must be one (a stored value): std::invalid_argument
/// otherwise, as for a row written by a build that knows more words than this one.
template <NamedEnum E>
E enum_at(std::string_view text) {
  if (auto e = enum_from<E>(text)) return *e;
  throw std::invalid_argument("not a known value: " + std::string(text));
}

/// `e`'s word as a string, for a statement's parameters and JSON documents.
template <NamedEnum E>
std::string str(E e) {
  return std::string(to_string(e));
}

}  // namespace slotbase
