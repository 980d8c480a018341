#pragma once

#include <string>

#include "bounces.h"
#include "identity/identity_service.h"
#include "notification/notification_service.h"
#include "organization/organization_service.h"
#include "platform/clock/clock.h"
#include "platform/db/database.h"
#include "preferences.h"

namespace slotbase::notification {

class NotificationServiceImpl final : public NotificationService {
 public:
  NotificationServiceImpl(db::Database& db, const Clock& clock, identity::IdentityService& identity,
                          organization::OrganizationService& orgs, PreferenceStore& preferences,
                          std::string unsubscribe_secret, const ResendWebhooks& resend)
      : db_(db),
        clock_(clock),
        identity_(identity),
        orgs_(orgs),
        preferences_(preferences),
        unsubscribe_secret_(std::move(unsubscribe_secret)),
        resend_(resend) {}

  Result<Inbox> inbox(const InboxQuery& q, const Context& ctx) override;
  Result<Notification> mark_read(const NotificationId& id, const Context& ctx) override;
  Result<std::int64_t> mark_all_read(const Context& ctx) override;
  Result<Preferences> preferences(const Context& ctx) override;
  Result<Preferences> update_preferences(const PreferencesPatch& patch, const Context& ctx) override;
  Result<Unsubscribed> unsubscribe_target(const std::string& token) override;
  Result<Unsubscribed> unsubscribe(const std::string& token, const Context& ctx) override;
  Result<DeliveryLog> delivery_log(const std::string& facility_id, const DeliveryQuery& q, const Context& ctx) override;
  Result<DeliveryRecord> delivery(const std::string& facility_id, const NotificationId& id,
                                  const Context& ctx) override;
  Result<OutboxPage> outbox(const OutboxQuery& q, const Context& ctx) override;
  Result<void> receive_resend_webhook(const std::string& payload, const WebhookSignature& signature) override;

 private:
  db::Database& db_;
  const Clock& clock_;
  identity::IdentityService& identity_;
  organization::OrganizationService& orgs_;
  PreferenceStore& preferences_;
  std::string unsubscribe_secret_;
  const ResendWebhooks& resend_;
};

}  // namespace slotbase::notification
