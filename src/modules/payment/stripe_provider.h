#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "provider.h"

namespace slotbase::payment {

struct StripeOptions {
  std::string secret_key;  // "sk_live_..." or "sk_test_..."; sent only as the bearer token
  std::string api_base = "https://api.stripe.com";
  std::string api_version = "2024-06-20";    // pinned: the JSON we read is this version's
  std::chrono::milliseconds timeout{10000};  // per attempt, connecting included
  int max_retries = 2;                       // network errors, 429, 5xx (or as Stripe-Should-Retry says)
  std::string publishable_key;               // "pk_...": Stripe.js's, for the player app's card form
};

/// Stripe's HTTP API over libcurl. Each request blocks for at most (max_retries + 1) attempts of
/// `timeout` plus a short backoff between them. Every POST carries an Idempotency-Key (the
/// request's own, or one made for the call) and its retries reuse it, so a retry never charges,
/// refunds or creates twice. Retried: network failures, 429 and 5xx; any other status is Stripe's
/// answer. When Stripe sends `Stripe-Should-Retry` it decides instead: "false" on a 500 it has
/// cached under the key, "true" on a 409 while another request holds the key.
/// Thread-safe: calls share no mutable state.
std::unique_ptr<PaymentProvider> make_stripe_provider(StripeOptions options);

}  // namespace slotbase::payment
