// Webhook signatures: Stripe's `Stripe-Signature` check (payment rules/webhook_signature.h) and
// the Svix check Resend's delivery webhooks go through (notification rules/svix_signature.h),
// each with a fixed secret and a fixed clock. (Twilio's status callbacks are not received, so
// there is no Twilio verifier to feed.) An input is read as both:
//   Stripe: "<Stripe-Signature header>\n<raw body>"
//   Svix:   "<svix-id>\n<svix-timestamp>\n<svix-signature header>\n<raw body>"
// and its body is also signed here properly, then changed, to check that the change is caught.
//
// Invariants: a verifier never accepts a payload or a signature changed from what was signed,
// nor a signature under another secret, nor an authentic one older or newer than the tolerance;
// what it accepts it accepts again.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "notification/rules/base64.h"
#include "notification/rules/svix_signature.h"
#include "payment/rules/webhook_signature.h"

using namespace slotbase;
using notification::rules::SvixCheck;
using payment::rules::SignatureCheck;

namespace {

constexpr std::int64_t kNow = 1'800'000'000;
const std::string kStripeSecret = "whsec_stripe_fuzz_0123456789";
const std::string kOtherStripeSecret = "whsec_stripe_fuzz_0123456788";
const std::string kSvixSecret = "whsec_" + notification::rules::base64_encode("svix fuzzing key 0123456789abcdef");
const std::string kOtherSvixSecret = "whsec_" + notification::rules::base64_encode("svix fuzzing key 0123456789abcdeg");

std::vector<std::string> lines(const std::string& input, std::size_t n) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (out.size() + 1 < n) {
    const auto nl = input.find('\n', at);
    if (nl == std::string::npos) break;
    out.push_back(input.substr(at, nl - at));
    at = nl + 1;
  }
  out.push_back(input.substr(std::min(at, input.size())));
  while (out.size() < n) out.emplace_back();
  return out;
}

std::string changed(std::string s, std::size_t seed) {
  if (s.empty()) return "x";
  s[seed % s.size()] = static_cast<char>(s[seed % s.size()] ^ (1 + seed % 127));
  return s;
}

void stripe(const std::string& input, std::size_t seed) {
  const auto parts = lines(input, 2);
  const std::string& header = parts[0];
  const std::string& body = parts[1];
  const auto check = payment::rules::verify_webhook(header, body, kStripeSecret, kNow);
  if (check == SignatureCheck::ok) {
    fuzz::check(payment::rules::verify_webhook(header, body, kStripeSecret, kNow) == SignatureCheck::ok,
                "Stripe: accepted again", input);
    fuzz::check(payment::rules::verify_webhook(header, changed(body, seed), kStripeSecret, kNow) != SignatureCheck::ok,
                "Stripe: a changed body is refused", input);
    fuzz::check(payment::rules::verify_webhook(header, body, kOtherStripeSecret, kNow) != SignatureCheck::ok,
                "Stripe: another secret's signature is refused", input);
    fuzz::check(payment::rules::verify_webhook(header, body, kStripeSecret, kNow + 301) != SignatureCheck::ok ||
                    payment::rules::verify_webhook(header, body, kStripeSecret, kNow - 301) != SignatureCheck::ok,
                "Stripe: a signature is good for five minutes only", input);
  }
  // The body signed properly: accepted at its time, refused when changed or replayed.
  const std::int64_t t = kNow - static_cast<std::int64_t>(seed % 600);
  const std::string good = payment::rules::sign_webhook(body, kStripeSecret, t);
  const auto at_t = payment::rules::verify_webhook(good, body, kStripeSecret, kNow);
  fuzz::check(at_t == (kNow - t <= 300 ? SignatureCheck::ok : SignatureCheck::too_old),
              "Stripe: a signed body is accepted within the tolerance", input);
  fuzz::check(payment::rules::verify_webhook(good, changed(body, seed), kStripeSecret, t) == SignatureCheck::mismatch,
              "Stripe: a changed body is a mismatch", input);
  const std::string bad = changed(good, seed);
  fuzz::check(payment::rules::verify_webhook(bad, body, kStripeSecret, t) != SignatureCheck::ok,
              "Stripe: a changed header is refused", bad);
}

void svix(const std::string& input, std::size_t seed) {
  const auto parts = lines(input, 4);
  const std::string &id = parts[0], &timestamp = parts[1], &header = parts[2], &body = parts[3];
  const auto check = notification::rules::verify_svix(kSvixSecret, id, timestamp, header, body, kNow);
  if (check == SvixCheck::ok) {
    fuzz::check(notification::rules::verify_svix(kSvixSecret, id, timestamp, header, changed(body, seed), kNow) !=
                    SvixCheck::ok,
                "Svix: a changed body is refused", input);
    fuzz::check(notification::rules::verify_svix(kSvixSecret, changed(id, seed), timestamp, header, body, kNow) !=
                    SvixCheck::ok,
                "Svix: a changed id is refused", input);
    fuzz::check(notification::rules::verify_svix(kOtherSvixSecret, id, timestamp, header, body, kNow) != SvixCheck::ok,
                "Svix: another secret's signature is refused", input);
  }
  const std::string t = std::to_string(kNow - static_cast<std::int64_t>(seed % 600));
  const std::string msg_id = id.empty() ? "msg_1" : id;
  const std::string good = notification::rules::sign_svix(kSvixSecret, msg_id, t, body);
  const auto at_t = notification::rules::verify_svix(kSvixSecret, msg_id, t, good, body, kNow);
  fuzz::check(at_t == (seed % 600 <= 300 ? SvixCheck::ok : SvixCheck::too_old),
              "Svix: a signed body is accepted within the tolerance", input);
  fuzz::check(
      notification::rules::verify_svix(kSvixSecret, msg_id, t, good, changed(body, seed), kNow) != SvixCheck::ok,
      "Svix: a changed body is refused", input);
  const std::string bad = changed(good, seed);
  fuzz::check(notification::rules::verify_svix(kSvixSecret, msg_id, t, bad, body, kNow) != SvixCheck::ok,
              "Svix: a changed signature is refused", bad);
  fuzz::check(notification::rules::verify_svix(kSvixSecret, msg_id, t, header + " " + good, body, kNow) == at_t,
              "Svix: any one good entry among others will do", input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::size_t seed = std::hash<std::string>{}(input);
  stripe(input, seed);
  svix(input, seed);
  return 0;
}
