// Where an online payment stands, and waiting for it to settle (after the bank's authentication
// page, or while the provider is still processing it).

import type { Api } from "../../shared/api/client";
import type { PaymentIntent } from "../../shared/api/types";
import { getPaymentIntent } from "./api";
import { declineMessage } from "./declines";

export type Outcome = { booked: string } | { failed: string } | { waiting: true };

/// What an intent means for the player: booked (the booking's id), failed (why), or not yet known.
export function outcomeOf(intent: PaymentIntent): Outcome {
  if (intent.status === "succeeded") {
    if (intent.booking_id) return { booked: intent.booking_id };
    if (intent.outcome === "refunded")
      return { failed: "Your hold ended before the payment arrived, so the slot was not booked. The payment is refunded to your card." };
    return { waiting: true };
  }
  if (intent.status === "failed") return { failed: declineMessage(intent.decline_code) };
  if (intent.status === "canceled") return { failed: "This payment was canceled; pick the slot again to book it." };
  return { waiting: true };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/// Asks for the intent until it is booked or failed, or `attempts` answers later (then the last).
export async function waitForIntent(api: Api, intentId: string, attempts = 30, everyMs = 1000): Promise<PaymentIntent> {
  let intent = await getPaymentIntent(api, intentId);
  for (let i = 1; i < attempts && "waiting" in outcomeOf(intent); i++) {
    await pause(everyMs);
    intent = await getPaymentIntent(api, intentId);
  }
  return intent;
}

// The bank's authentication page is another site (in the sandbox, SlotBase's own page), opened in
// the same tab; it sends the player back to `/?payment_intent=<id>`. What the app needs to pick
// up where it was (the hold and its court) waits in this tab's session storage meanwhile.
const PENDING_KEY = "slotbase.pending_payment";

/// Keeps `context` for the return and leaves for the bank's page.
export function authenticateAtBank(intent: PaymentIntent, context: unknown, go: (url: string) => void = (url) => location.assign(url)) {
  if (!intent.next_action) return;
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ intentId: intent.id, context }));
  go(intent.next_action.redirect_url);
}

/// On the way back from the bank: the intent's id and what was kept for it; null on any other
/// page load. It only reads (React may call it twice); `forgetPaymentReturn` clears it.
export function readPaymentReturn<T>(): { intentId: string; context: T | null } | null {
  const intentId = new URL(location.href).searchParams.get("payment_intent");
  if (!intentId) return null;
  let context: T | null = null;
  try {
    const kept = sessionStorage.getItem(PENDING_KEY);
    const parsed = kept ? (JSON.parse(kept) as { intentId: string; context: T }) : null;
    if (parsed?.intentId === intentId) context = parsed.context;
  } catch {
    // a damaged entry: the payment's outcome is still shown, without the hold
  }
  return { intentId, context };
}

/// The return is being handled: the address loses its `payment_intent` (a reload does not ask
/// again) and what was kept for it goes.
export function forgetPaymentReturn() {
  const url = new URL(location.href);
  if (url.searchParams.has("payment_intent")) {
    url.searchParams.delete("payment_intent");
    history.replaceState(history.state, "", url.pathname + url.search + url.hash);
  }
  sessionStorage.removeItem(PENDING_KEY);
}
