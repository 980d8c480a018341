#include "catalogue.h"

#include <stdexcept>
#include <string>

namespace slotbase::notification {
namespace {

using enum Channel;

// E-mail and in-app for every type but check-in open, which matters only in the half hour before
// the start, when the player is on the way: a tap on the phone and a line in the inbox, no
// e-mail (they may turn it on). Push, which buzzes a phone, for what a player needs to know
// before they next open the app: a booking made or refused for them, one spoiled, moved or coming
// up, an offer that lapses, a payment that failed; not for what they just did themselves in the
// app. SMS, short and costly, for what cannot wait for the inbox: the hour-before reminder
// (instead of its e-mail), a waitlist offer that lapses soon, and a booking the facility took
// away. Critical: a change the player did not ask for that spoils their plans, or an offer that
// lapses while they sleep. Batched: what staff do to many bookings at once (a closure, a day
// cancelled at the desk).
const std::vector<TypeInfo> kCatalogue = {
    {types::kBookingConfirmed, {in_app, email, push}, false, Recipient::player},
    {types::kBookingPendingApproval, {in_app, email}, false, Recipient::player},
    {types::kBookingApproved, {in_app, email, push}, false, Recipient::player},
    {types::kBookingRejected, {in_app, email, push}, true, Recipient::player},
    {types::kCancelledByPlayer, {in_app, email}, false, Recipient::player},
    {types::kCancelledByFacility, {in_app, email, push, sms}, true, Recipient::player, true},
    {types::kCancelledByBlock, {in_app, email, push, sms}, true, Recipient::player, true},
    {types::kBookingRescheduled, {in_app, email, push}, false, Recipient::player},
    {types::kReminder24h, {in_app, email, push}, false, Recipient::player},
    {types::kReminder1h, {in_app, email, push, sms}, false, Recipient::player, false, true},
    {types::kCheckInOpen, {in_app, push}, false, Recipient::player},
    {types::kNoShow, {in_app, email}, false, Recipient::player},
    {types::kWaitlistOffer, {in_app, email, push, sms}, true, Recipient::player},
    {types::kWaitlistOfferExpired, {in_app, email}, false, Recipient::player},
    {types::kPaymentSucceeded, {in_app, email}, false, Recipient::payer},
    {types::kPaymentFailed, {in_app, email, push}, true, Recipient::payer},
    {types::kRefundCompleted, {in_app, email}, false, Recipient::payer},
    {types::kFeeCharged, {in_app, email}, false, Recipient::payer},
    {types::kJoinRequestReceived, {in_app, email}, false, Recipient::player},
    {types::kJoinRequestDecided, {in_app, email}, false, Recipient::player},
};

const std::vector<TypeInfo> kAccountTypes = {
    {types::kPasswordReset, {email}, true, Recipient::player},
    {types::kEmailVerification, {email}, true, Recipient::player},
    {types::kEmailChangeRequested, {email}, true, Recipient::player},
    {types::kWelcome, {email}, true, Recipient::player},
    {types::kFacilityInvitation, {email}, true, Recipient::player},
};

}  // namespace

std::span<const TypeInfo> catalogue() {
  return kCatalogue;
}

const TypeInfo* find_type(std::string_view name) {
  for (const auto& t : kCatalogue)
    if (t.name == name) return &t;
  return nullptr;
}

const TypeInfo* find_account_type(std::string_view name) {
  for (const auto& t : kAccountTypes)
    if (t.name == name) return &t;
  return nullptr;
}

const TypeInfo& type_info(std::string_view name) {
  if (const auto* t = find_type(name)) return *t;
  throw std::invalid_argument("not a notification type: " + std::string(name));
}

}  // namespace slotbase::notification
