#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "booking/booking_types.h"
#include "organization/organization_types.h"
#include "platform/core/zone.h"
#include "resource/resource_types.h"

namespace slotbase::booking::rules {

/// Time a hold, booking or block has taken on a resource.
struct Claim {
  std::string resource_id;
  Instant start;
  Instant end;
  std::string kind;                   // hold | booking | block
  std::optional<Instant> expires_at;  // a hold's
};

/// What a facility's slot grid is computed from: all of it read before, once.
struct GridInput {
  const organization::Facility& facility;
  const Zone& zone;
  const organization::OperatingHours& hours;
  const std::vector<resource::Resource>& resources;                  // the ones to show, in display order
  const std::map<resource::ResourceId, resource::Pricing>& pricing;  // by resource id; a resource missing is free
  const std::vector<Claim>& claims;                                  // live claims over the days, by resource
  LocalDate first_day;
  int days = 1;
  int duration_minutes = 60;
  Instant now;
};

/// The price of [start, end) under a price list, for members or not (the resource module's rule).
using PriceOf =
    std::function<std::int64_t(const resource::Pricing&, bool member, Instant, Instant, const resource::PriceContext&)>;

/// A grid as every caller sees it but for the prices: one document per price class.
struct Grid {
  Availability regular;                     // as a non-member (or anonymous caller) sees it
  std::optional<Availability> for_members;  // only when some price list has member prices
};

/// Every slot of the facility's grid on `days` local days from `first_day`, with its status:
/// blocked, booked or held when a claim overlaps it (in that order of precedence), closed when
/// it has started, is inside the lead time or past the booking window, else available; and its
/// price for each class. Each distinct price list is priced once a day. `valid_until` is the
/// first moment a status would change by itself: a hold lapsing, an open slot reaching the lead
/// time or its start, or the facility's next local midnight (the window moves).
Grid compute_grid(const GridInput& in, const PriceOf& price, bool member_prices);

}  // namespace slotbase::booking::rules
