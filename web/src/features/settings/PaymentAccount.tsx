import { useEffect, useState } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { Facility, PaymentAccount as Account } from "../../shared/api/types";
import { connectPayments, paymentAccount } from "../payments/api";
import { feeWords } from "../platform";

const STATUS: Record<Account["status"], string> = {
  not_connected: "Not connected: players cannot pay by card yet.",
  pending: "Connecting: the payment provider is checking the details.",
  active: "Active: players pay by card, and refunds go back to their cards.",
  restricted: "Restricted: the payment provider needs more details before it pays out.",
};

/// Back from the provider's onboarding: "connected" when its form was sent, "refresh" when its link had expired.
export type OnboardingReturn = "connected" | "refresh";

/// The facility's account at the payment provider: its status, and connecting it (the provider's
/// onboarding page, then back here). Just back from onboarding, the status is followed until the
/// provider says the account is active.
export function PaymentAccount({ api, facility, returned }: { api: Api; facility: Facility; returned?: OnboardingReturn }) {
  const [account, setAccount] = useState<Account | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The provider activates an account a moment after its form is sent: ask again meanwhile, a while.
    const ask = async (tries: number) => {
      try {
        const a = await paymentAccount(api, facility.id);
        if (!live) return;
        setAccount(a);
        if (returned === "connected" && a.status !== "active" && tries > 1) timer = setTimeout(() => ask(tries - 1), 1000);
      } catch (e) {
        if (live) setError(messageOf(e));
      }
    };
    ask(30);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, facility.id, returned]);

  async function connect() {
    setBusy(true);
    setError(null);
    try {
      location.assign(await connectPayments(api, facility.id));
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="payments-account-title">
      <h3 id="payments-account-title">Card payments</h3>
      {returned === "connected" && (
        <p role="status" className="success">
          {account?.status === "active"
            ? "Payments are connected: players can pay by card."
            : "Thank you: the payment provider has the facility's details. Card payments start as soon as it activates the account."}
        </p>
      )}
      {returned === "refresh" && <p className="notice">The payment provider's page expired before it was finished. Connect again to go on.</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {account ? (
        <>
          <p>
            <strong>Status:</strong> <span className={`badge account-${account.status}`}>{account.status.replace("_", " ")}</span>{" "}
            {STATUS[account.status]}
            {account.provider === "sandbox" && <span className="muted"> (Sandbox: test cards only, no real money moves.)</span>}
          </p>
          <p>
            <strong>Platform fee:</strong> {feeWords(account.platform_fee_percent)}.
          </p>
        </>
      ) : (
        !error && <p className="muted">Loading the payment account…</p>
      )}
      {account && account.status === "active" && facility.policies.payment_timing !== "at_booking" && (
        <p className="notice">
          Players pay by card when they book only where the facility takes payment then: set "Players pay" to "when they book" in Booking
          policies.
        </p>
      )}
      {account && account.status !== "active" && (
        <button type="button" onClick={connect} disabled={busy}>
          {account.status === "not_connected" ? "Connect payments" : "Continue connecting payments"}
        </button>
      )}
    </section>
  );
}

/// The provider's onboarding sends the owner back to `/admin/?payments=connected` (or
/// `=refresh`). It only reads (React may call it twice); `forgetOnboardingReturn` clears it.
export function readOnboardingReturn(): OnboardingReturn | undefined {
  const value = new URL(location.href).searchParams.get("payments");
  return value === "connected" || value === "refresh" ? value : undefined;
}

/// The address loses its `payments`, so a reload does not say it again.
export function forgetOnboardingReturn() {
  const url = new URL(location.href);
  if (!url.searchParams.has("payments")) return;
  url.searchParams.delete("payments");
  history.replaceState(history.state, "", url.pathname + url.search + url.hash);
}
