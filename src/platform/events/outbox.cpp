#include "platform/events/outbox.h"

#include "platform/core/ids.h"

namespace slotbase::events {
namespace {

// On PostgreSQL, sequence numbers are handed out at insert but become visible at commit; two
// writers could commit out of order and a reader could pass over the earlier one for good. The
// advisory lock, taken before the row (and its number) and held to the end of the transaction,
// makes commit order equal sequence order. The insert waits for the COMMIT and goes in its round
// trip (execute_at_commit), so the lock is held for the server's work alone, never while a
// client is scheduled or a packet is on its way. SQLite has a single writer already.
constexpr std::string_view kInsertPg = R"sql(
WITH serialized AS MATERIALIZED (SELECT pg_advisory_xact_lock(7269834513))
INSERT INTO outbox (event_id, type, source, aggregate_id, correlation_id, occurred_at, payload, metadata)
SELECT $1, $2, $3, $4, $5, $6::bigint, $7::jsonb, $8::jsonb FROM serialized)sql";
constexpr std::string_view kInsert = R"sql(
INSERT INTO outbox (event_id, type, source, aggregate_id, correlation_id, occurred_at, payload, metadata)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8))sql";
constexpr std::string_view kRead = R"sql(
SELECT seq, event_id, type, source, aggregate_id, correlation_id, occurred_at, payload, metadata
FROM outbox WHERE seq >= $1 AND seq <= $2 ORDER BY seq LIMIT $3)sql";
constexpr std::string_view kLast = "SELECT COALESCE(MAX(seq), 0) FROM outbox";

nlohmann::json metadata_json(const DomainEvent::Metadata& m) {
  nlohmann::json j = {{"version", m.version}};
  j["user_id"] = m.user_id ? nlohmann::json(*m.user_id) : nlohmann::json(nullptr);
  j["facility_id"] = m.facility_id ? nlohmann::json(*m.facility_id) : nlohmann::json(nullptr);
  return j;
}

}  // namespace

nlohmann::json DomainEvent::to_json() const {
  return {{"sequence", sequence},
          {"id", id},
          {"type", type},
          {"timestamp", format_rfc3339(timestamp)},
          {"source", source},
          {"correlation_id", correlation_id},
          {"aggregate_id", aggregate_id},
          {"payload", payload},
          {"metadata", metadata_json(metadata)}};
}

PreparedEvent Outbox::prepare(NewEvent e) const {
  const std::string id = new_uuid();
  const std::string correlation_id = e.correlation_id.empty() ? id : std::move(e.correlation_id);
  PreparedEvent prepared;
  prepared.params_ = {id,
                      std::move(e.type),
                      std::move(e.source),
                      std::move(e.aggregate_id),
                      correlation_id,
                      epoch_seconds(clock_.now()),
                      e.payload.dump(),
                      metadata_json({std::move(e.user_id), std::move(e.facility_id), e.version}).dump()};
  return prepared;
}

void Outbox::append(db::Connection& tx, PreparedEvent e) const {
  tx.execute_at_commit(tx.dialect() == db::Dialect::postgres ? kInsertPg : kInsert, std::move(e.params_));
  if (listener_) tx.after_commit(listener_);
}

std::vector<DomainEvent> Outbox::read(db::Connection& c, std::int64_t from, std::int64_t to, int limit,
                                      const std::function<bool(const std::string& type)>& wanted) {
  std::vector<DomainEvent> out;
  for (const auto& r : c.query(kRead, {from, to, std::int64_t{limit}})) {
    DomainEvent e;
    e.sequence = r.i64(0);
    e.id = r.text(1);
    e.type = r.text(2);
    if (wanted && !wanted(e.type)) {
      out.push_back(std::move(e));
      continue;
    }
    e.source = r.text(3);
    e.aggregate_id = r.text(4);
    e.correlation_id = r.text(5);
    e.timestamp = from_epoch_seconds(r.i64(6));
    e.payload = nlohmann::json::parse(r.text(7));
    auto m = nlohmann::json::parse(r.text(8));
    if (m.contains("user_id") && m["user_id"].is_string()) e.metadata.user_id = m["user_id"];
    if (m.contains("facility_id") && m["facility_id"].is_string()) e.metadata.facility_id = m["facility_id"];
    e.metadata.version = m.value("version", 1);
    out.push_back(std::move(e));
  }
  return out;
}

std::int64_t Outbox::last_sequence(db::Connection& c) {
  return c.query_one(kLast)->i64(0);
}

}  // namespace slotbase::events
