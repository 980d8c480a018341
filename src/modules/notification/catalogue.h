#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "notification/notification_types.h"

namespace slotbase::notification {

/// Who receives a type: the booking's player, or whoever paid. A minor's messages will go to
/// the guardian once families exist.
enum class Recipient { player, payer };

/// One kind of message: its name (as the API, the preferences and the template files spell
/// it), the channels it goes on unless the user says otherwise, and whether it is critical
/// (it ignores quiet hours and the hourly cap). SMS goes only to a user who gave a phone number.
struct TypeInfo {
  std::string_view name;
  std::vector<Channel> channels;
  bool critical = false;
  Recipient recipient = Recipient::player;
  /// Several of one person's within a short while go out as one message per channel ("10
  /// bookings cancelled"), rendered from `<type>.batch.<channel>.mustache`.
  bool batched{false};
  /// When it goes by SMS the e-mail stays behind, kept to be sent only if the SMS fails for good.
  bool sms_replaces_email{false};
};

/// Every type, in the order the preferences list them.
std::span<const TypeInfo> catalogue();
/// The type of this name, if the catalogue has it.
const TypeInfo* find_type(std::string_view name);
/// The type of this name; std::invalid_argument for a name the catalogue does not have.
const TypeInfo& type_info(std::string_view name);

/// The account e-mails (identity's AccountMailer): e-mail only, critical, sent at once whatever
/// the preferences say, without an unsubscribe link; they are not in the catalogue, so the
/// preferences neither list them nor turn them off. The type of this name, if it is one.
const TypeInfo* find_account_type(std::string_view name);

/// The types' names, as constants for the code that sends them.
namespace types {
inline constexpr std::string_view kBookingConfirmed = "booking.confirmed";
inline constexpr std::string_view kBookingPendingApproval = "booking.pending_approval";
inline constexpr std::string_view kBookingApproved = "booking.approved";
inline constexpr std::string_view kBookingRejected = "booking.rejected";
inline constexpr std::string_view kCancelledByPlayer = "booking.cancelled_by_player";
inline constexpr std::string_view kCancelledByFacility = "booking.cancelled_by_facility";
inline constexpr std::string_view kCancelledByBlock = "booking.cancelled_by_block";
inline constexpr std::string_view kBookingRescheduled = "booking.rescheduled";
inline constexpr std::string_view kReminder24h = "booking.reminder_24h";
inline constexpr std::string_view kReminder1h = "booking.reminder_1h";
inline constexpr std::string_view kCheckInOpen = "booking.check_in_open";
inline constexpr std::string_view kNoShow = "booking.no_show";
inline constexpr std::string_view kWaitlistOffer = "waitlist.offer";
inline constexpr std::string_view kWaitlistOfferExpired = "waitlist.offer_expired";
inline constexpr std::string_view kPaymentSucceeded = "payment.succeeded";
inline constexpr std::string_view kPaymentFailed = "payment.failed";
inline constexpr std::string_view kRefundCompleted = "payment.refund_completed";
inline constexpr std::string_view kFeeCharged = "payment.fee_charged";
inline constexpr std::string_view kPasswordReset = "account.password_reset";
inline constexpr std::string_view kEmailVerification = "account.email_verification";
inline constexpr std::string_view kEmailChangeRequested = "account.email_change_requested";
inline constexpr std::string_view kJoinRequestReceived = "facility.join_request_received";
inline constexpr std::string_view kJoinRequestDecided = "facility.join_request_decided";
inline constexpr std::string_view kWelcome = "account.welcome";
inline constexpr std::string_view kFacilityInvitation = "facility.invitation";
}  // namespace types

}  // namespace slotbase::notification
