#pragma once

#include "calendar/calendar_service.h"
#include "entries.h"
#include "feeds.h"
#include "organization/organization_service.h"
#include "resource/resource_service.h"

namespace slotbase::calendar {

/// CalendarService: the tokens are Feeds', the bookings Entries'; this writes the documents.
class CalendarServiceImpl final : public CalendarService {
 public:
  CalendarServiceImpl(db::Database& db, const Clock& clock, Feeds& feeds, Entries& entries,
                      organization::OrganizationService& orgs, resource::ResourceService& resources)
      : db_(db), clock_(clock), feeds_(feeds), entries_(entries), orgs_(orgs), resources_(resources) {}

  Result<FeedLink> my_feed(const Context& ctx) override;
  Result<FeedLink> rotate_feed(const Context& ctx) override;
  Result<std::string> user_feed(const std::string& token) override;
  Result<std::string> facility_feed(const std::string& facility_id) override;

 private:
  /// The caller's feed, made with their bookings if it is new.
  Result<FeedLink> own_feed(const Context& ctx);

  db::Database& db_;
  const Clock& clock_;
  Feeds& feeds_;
  Entries& entries_;
  organization::OrganizationService& orgs_;
  resource::ResourceService& resources_;
};

}  // namespace slotbase::calendar
