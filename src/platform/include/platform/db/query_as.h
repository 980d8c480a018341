#pragma once

#include <concepts>
#include <functional>
#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

#include "platform/db/database.h"

namespace slotbase::db {

/// A function that turns one result row into a value: `T map(const Row&)`, for T not void.
template <class Map>
concept RowMapper = std::invocable<Map&, const Row&> && !std::is_void_v<std::invoke_result_t<Map&, const Row&>>;

/// What a RowMapper makes of a row.
template <class Map>
using Mapped = std::remove_cvref_t<std::invoke_result_t<Map&, const Row&>>;

/// Runs one statement on `c`, in the caller's transaction if one is open, and returns its first
/// row as `map` makes it, or nullopt when it returns no row; any further rows are ignored (bound
/// the query, e.g. by a key). Throws what Connection::query throws (DbError) and what `map`
/// throws. `c` is not thread-safe: it belongs to the calling thread.
template <RowMapper Map>
std::optional<Mapped<Map>> query_one_as(Connection& c, std::string_view sql, const Params& params, Map&& map) {
  auto row = c.query_one(sql, params);
  if (!row) return std::nullopt;
  return std::invoke(map, *row);
}

/// Runs one statement on `c`, in the caller's transaction if one is open, and returns every row
/// as `map` makes it, in the order the statement returns them (empty for none). Throws what
/// Connection::query throws (DbError) and what `map` throws; nothing is returned then.
template <RowMapper Map>
std::vector<Mapped<Map>> query_as(Connection& c, std::string_view sql, const Params& params, Map&& map) {
  const Rows rows = c.query(sql, params);
  std::vector<Mapped<Map>> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(std::invoke(map, row));
  return out;
}

}  // namespace slotbase::db
