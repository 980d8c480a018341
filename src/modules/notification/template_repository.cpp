#include "template_repository.h"

#include "platform/db/query_as.h"

namespace slotbase::notification {
namespace {

// The primary key (facility_id, type, channel, locale) bounds every query.
constexpr std::string_view kFind = R"sql(
SELECT facility_id, type, channel, locale, subject, body, updated_by, updated_at FROM notification_templates
WHERE facility_id = $1 AND type = $2 AND channel = $3 AND locale = $4)sql";
constexpr std::string_view kOfFacility = R"sql(
SELECT facility_id, type, channel, locale, subject, body, updated_by, updated_at FROM notification_templates
WHERE facility_id = $1 ORDER BY type, channel, locale)sql";
constexpr std::string_view kSave = R"sql(
INSERT INTO notification_templates (facility_id, type, channel, locale, subject, body, updated_by, created_at,
                                    updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
ON CONFLICT (facility_id, type, channel, locale) DO UPDATE
SET subject = excluded.subject, body = excluded.body, updated_by = excluded.updated_by,
    updated_at = excluded.updated_at)sql";
constexpr std::string_view kRemove = R"sql(
DELETE FROM notification_templates WHERE facility_id = $1 AND type = $2 AND channel = $3 AND locale = $4)sql";

TemplateOverride override_from(const db::Row& r) {
  TemplateOverride o;
  o.facility_id = r.text(0);
  o.type = r.text(1);
  o.channel = enum_at<Channel>(r.text(2));
  o.locale = r.text(3);
  o.subject = r.opt_text(4);
  o.body = r.text(5);
  o.updated_by = r.text(6);
  o.updated_at = from_epoch_seconds(r.i64(7));
  return o;
}

}  // namespace

std::optional<TemplateOverride> TemplateRepository::find(db::Connection& c, const std::string& facility_id,
                                                         const std::string& type, Channel channel,
                                                         const std::string& locale) {
  return db::query_one_as(c, kFind, {facility_id, type, str(channel), locale}, override_from);
}

std::vector<TemplateOverride> TemplateRepository::of_facility(db::Connection& c, const std::string& facility_id) {
  return db::query_as(c, kOfFacility, {facility_id}, override_from);
}

void TemplateRepository::save(db::Connection& c, const TemplateOverride& o) {
  c.execute(kSave, {o.facility_id, o.type, str(o.channel), o.locale, db::opt(o.subject), o.body, o.updated_by,
                    epoch_seconds(o.updated_at)});
}

bool TemplateRepository::remove(db::Connection& c, const std::string& facility_id, const std::string& type,
                                Channel channel, const std::string& locale) {
  return c.execute(kRemove, {facility_id, type, str(channel), locale}) == 1;
}

}  // namespace slotbase::notification
