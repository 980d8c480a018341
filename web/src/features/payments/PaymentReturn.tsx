import { useEffect } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { Booking } from "../../shared/api/types";
import { getBooking } from "./api";
import { forgetPaymentReturn, outcomeOf, waitForIntent } from "./intents";

/// Back from the bank's authentication page: waits for the payment to settle, then hands over
/// the booking it paid for, or why it did not go through.
export function PaymentReturn({
  api,
  intentId,
  onBooked,
  onFailed,
}: {
  api: Api;
  intentId: string;
  onBooked: (b: Booking) => void;
  onFailed: (message: string) => void;
}) {
  useEffect(() => {
    forgetPaymentReturn();
    let live = true;
    (async () => {
      try {
        const intent = await waitForIntent(api, intentId);
        const outcome = outcomeOf(intent);
        if (!live) return;
        if ("booked" in outcome) {
          const booking = await getBooking(api, outcome.booked);
          if (live) onBooked(booking);
        } else if ("failed" in outcome) onFailed(outcome.failed);
        else onFailed("Your payment was not completed. If your bank confirms it later, the booking appears in My bookings.");
      } catch (e) {
        if (live) onFailed(messageOf(e));
      }
    })();
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one wait per intent; the callbacks are the caller's latest
  }, [api, intentId]);

  return (
    <section className="panel" aria-label="Your payment">
      <p role="status">Finishing your payment…</p>
    </section>
  );
}
