#pragma once

#include <string>

namespace slotbase::calendar {

/// A user's secret calendar feed, as its owner is shown it. Whoever has the token reads the
/// feed: it is the only key.
struct FeedLink {
  std::string token;
  std::string path;  // "/api/v1/calendar/<token>.ics", to be put after the site's address
};

}  // namespace slotbase::calendar
