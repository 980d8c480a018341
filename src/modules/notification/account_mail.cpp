#include "account_mail.h"

#include "catalogue.h"
#include "platform/core/ids.h"
#include "platform/core/zone.h"
#include "rules/mime.h"
#include "rules/sealed_link.h"

namespace slotbase::notification {

void AccountMail::send_password_reset(const db::UnitOfWork& work, const identity::AccountLink& m) {
  send(work, types::kPasswordReset, m.user_id, m.to, m.locale,
       {{"name", m.name}, {"expires", Templates::when_fact(m.expires_at, *Zone::find("UTC"))}}, m.link);
}

void AccountMail::send_email_verification(const db::UnitOfWork& work, const identity::AccountLink& m) {
  send(work, types::kEmailVerification, m.user_id, m.to, m.locale,
       {{"name", m.name}, {"address", m.to}, {"expires", Templates::when_fact(m.expires_at, *Zone::find("UTC"))}},
       m.link);
}

void AccountMail::send_email_change_notice(const db::UnitOfWork& work, const identity::EmailChangeNotice& m) {
  send(work, types::kEmailChangeRequested, m.user_id, m.to, m.locale,
       {{"name", m.name}, {"address", m.to}, {"new_address", m.new_email}}, std::nullopt);
}

void AccountMail::send_welcome(const db::UnitOfWork& work, const identity::WelcomeMessage& m) {
  send(work, types::kWelcome, m.link.user_id, m.link.to, m.link.locale,
       {{"name", m.link.name},
        {"address", m.link.to},
        {"welcomed_by", m.welcomed_by},
        {"expires", Templates::when_fact(m.link.expires_at, *Zone::find("UTC"))}},
       m.link.link);
}

void AccountMail::send_invitation(const db::UnitOfWork& work, const organization::InvitationMessage& m) {
  // The invited address may have no account (nor a language): the message is filed under the
  // invitation's id, in the default language.
  send(work, types::kFacilityInvitation, identity::UserId{m.invitation_id.str()}, m.to,
       std::string(Templates::kDefaultLocale),
       {{"name", ""},
        {"facility", m.facility_name},
        {"invited_by", m.invited_by},
        {"address", m.to},
        {"expires", Templates::when_fact(m.expires_at, *Zone::find("UTC"))}},
       m.link);
}

void AccountMail::send(const db::UnitOfWork& work, std::string_view type, const identity::UserId& user_id,
                       const std::string& to, const std::string& locale, nlohmann::json facts,
                       const std::optional<std::string>& link) const {
  const TypeInfo& info = *find_account_type(type);
  const Instant now = clock_.now();
  facts["app_url"] = notifier_.links().app();
  // The stored message shows a mark where the link goes; the link, which holds a token that
  // resets a password or proves an address, is kept sealed until the message is sent.
  if (link) facts["link"] = std::string(rules::kSealedLinkMark);
  auto rendered = templates_.render(type, Channel::email, locale, facts);

  Notification n;
  n.id = NotificationId{new_id("ntf")};
  n.type = std::string(type);
  n.channel = Channel::email;
  n.user_id = user_id.str();
  n.recipient = to;
  n.critical = info.critical;
  n.title = std::move(rendered.title);
  n.body = std::move(rendered.text);
  n.html = std::move(rendered.html);
  if (link) n.data[rules::kSealedLinkField] = rules::seal(seal_secret_, *link);
  n.send_after = now;
  n.created_at = now;
  if (rules::plausible_address(to)) {
    n.status = DeliveryStatus::queued;
  } else {
    n.status = DeliveryStatus::failed;
    n.error = "not a deliverable address";
  }
  // Each message is its own: its id is its key.
  const std::string key = "account:" + n.id.str();
  work.join(db_, [&](db::Connection& tx) { notifier_.write(tx, {{std::move(n), key, std::nullopt}}); });
}

}  // namespace slotbase::notification
