#pragma once

#include <memory>
#include <string>

#include "platform/core/byte_cache.h"

namespace slotbase::booking {

/// A rendered availability document and the same gzipped, shared rather than copied.
struct AvailabilityDocument {
  std::shared_ptr<const std::string> body;
  std::shared_ptr<const std::string> gzipped;
};

/// Rendered documents by their AvailabilityView::revision: a revision names one document for
/// good, so an entry never goes stale; ones no longer asked for make way for new ones.
using AvailabilityDocuments = ByteCache<AvailabilityDocument>;

}  // namespace slotbase::booking
