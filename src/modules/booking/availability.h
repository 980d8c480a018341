#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "booking/booking_types.h"
#include "organization/organization_service.h"
#include "platform/clock/clock.h"
#include "platform/core/byte_cache.h"
#include "platform/db/database.h"
#include "platform/db/shared_read.h"
#include "resource/resource_service.h"

namespace slotbase::booking {

/// A facility's slot grid for some local days, computed once for every caller: the facility, its
/// resources, hours, price lists and claims are read once, every slot's status and its price for
/// each price class computed from them (rules::compute_grid), and the result kept while it stays
/// true. What is the caller's own is applied on the way out: whether they may see the facility,
/// and whether they pay members' prices. Thread-safe.
class AvailabilityReader {
 public:
  AvailabilityReader(db::Database& db, const Clock& clock, organization::OrganizationService& orgs,
                     resource::ResourceService& resources, std::size_t cache_bytes);

  Result<AvailabilityView> availability(const std::string& facility_id, const AvailabilityQuery& q, const Context& ctx);

  /// The grids kept, for /metrics.
  struct Grid;
  const ByteCache<std::shared_ptr<const Grid>>& cache() const { return cache_; }

 private:
  /// Computes the grid for `key`, as the caller sees the facility; not kept when the caller may
  /// not see it or the query is wrong.
  Result<std::shared_ptr<const Grid>> compute(const std::string& facility_id, const AvailabilityQuery& q,
                                              const Context& ctx, std::int64_t log_sequence);

  db::Database& db_;
  const Clock& clock_;
  organization::OrganizationService& orgs_;
  resource::ResourceService& resources_;
  // How far the event log has come: every write that changes a grid (a hold, booking, block,
  // price, hours, policy, role or membership) appends to it, on any instance. Requests that ask
  // at the same time share one read of it.
  db::SharedRead<std::int64_t> log_end_;
  ByteCache<std::shared_ptr<const Grid>> cache_;
  std::atomic<std::uint64_t> next_revision_{1};
};

/// A grid as kept: true while the event log stands at `log_sequence` and the clock is in
/// [from, until) seconds.
struct AvailabilityReader::Grid {
  std::int64_t log_sequence = 0;
  std::int64_t from = 0;
  std::int64_t until = 0;
  bool open_to_all = false;  // a public, active facility: no caller need be asked who they are
  std::shared_ptr<const Availability> regular;
  std::shared_ptr<const Availability> for_members;  // null: nobody pays other prices
  std::string revision;                             // "<n>", and "<n>m" for members' document
};

}  // namespace slotbase::booking
