#include "batching.h"

#include <algorithm>

#include "notification_repository.h"

namespace slotbase::notification {

std::string batch_key_of(const Notification& n) {
  return n.user_id + ":" + n.facility_id.value_or("") + ":" + n.type + ":" + str(n.channel);
}

void hold_for_batch(db::Connection& tx, const events::JobQueue& jobs, const Notification& n, const Limits& limits,
                    Instant now) {
  const auto window = std::max<std::int64_t>(1, limits.batch_window.count());
  const auto window_end = from_epoch_seconds((epoch_seconds(now) / window + 1) * window);
  jobs.enqueue(tx, kFlushBatchJob, {{"batch_key", *n.batch_key}}, std::max(window_end, n.send_after),
               std::string(kFlushBatchJob) + ":" + n.id.str());
}

void Batcher::flush(const events::Job& job) const {
  const std::string key = job.payload.at("batch_key").get<std::string>();
  const Instant now = clock_.now();
  db_.transact([&](db::Connection& tx) {
    std::vector<Notification> batch;
    for (auto& n : NotificationRepository::held(tx, key))
      if (NotificationRepository::claim_held(tx, n.id, now)) batch.push_back(std::move(n));
    if (batch.empty()) return;
    Notification carrier = batch.front();
    for (const auto& n : batch) carrier.send_after = std::max(carrier.send_after, n.send_after);
    if (batch.size() > 1) {
      nlohmann::json facts = carrier.data.value("batch_context", nlohmann::json::object());
      // Written in the recipient's language, as each of the messages it gathers was.
      const std::string locale = facts.value("locale", std::string(Templates::kDefaultLocale));
      facts.erase("locale");
      nlohmann::json items = nlohmann::json::array();
      nlohmann::json others = nlohmann::json::array();
      for (const auto& n : batch) {
        items.push_back(n.data.value("batch_item", nlohmann::json::object()));
        if (n.id != carrier.id) others.push_back(n.id.str());
      }
      std::sort(items.begin(), items.end(),
                [](const auto& a, const auto& b) { return a.value("starts_at", "") < b.value("starts_at", ""); });
      facts["count"] = static_cast<std::int64_t>(batch.size());
      facts["items"] = items;
      facts["first_when"] = items[0].value("when", "");
      if (carrier.data.contains("unsubscribe_url")) facts["unsubscribe_url"] = carrier.data["unsubscribe_url"];
      auto rendered = templates_.render(carrier.type + ".batch", carrier.channel, locale, facts);
      carrier.title = std::move(rendered.title);
      carrier.body = std::move(rendered.text);
      carrier.html = std::move(rendered.html);
      carrier.data["batched"] = others;
      for (const auto& n : batch)
        if (n.id != carrier.id)
          NotificationRepository::set_status(tx, n.id, DeliveryStatus::suppressed,
                                             "sent together with others in " + carrier.id.str(), now);
    }
    NotificationRepository::rewrite(tx, carrier, now);
    queue_send(tx, jobs_, carrier, limits_, now);
  });
}

}  // namespace slotbase::notification
