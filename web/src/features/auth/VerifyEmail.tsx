import { useState } from "react";
import { ApiError, messageOf, type Api } from "../../shared/api/client";
import type { User } from "../../shared/api/types";
import { verifyEmail } from "./api";

/// The page a verification link opens: one button proves the address (the GET that opened the
/// page changed nothing). Signed in to another account, the server refuses; the page says so.
export function VerifyEmail({ api, token, onDone }: { api: Api; token: string; onDone: () => void }) {
  const [verified, setVerified] = useState<User | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      setVerified(await verifyEmail(api, token));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="verify-title">
      <h2 id="verify-title">Confirm your e-mail address</h2>
      {verified ? (
        <p role="status" className="success">
          Thank you: {verified.email} is confirmed as your address.
        </p>
      ) : !token ? (
        <p role="alert" className="error">
          This link is incomplete: open it from the e-mail again.
        </p>
      ) : (
        <>
          <p>Confirm that this address is yours, and we will use it for your account.</p>
          {error !== null && (
            <p role="alert" className="error">
              {error instanceof ApiError && error.status === 410
                ? "This link was already used or has expired. Log in and ask for a new one."
                : messageOf(error)}
            </p>
          )}
          <button type="button" onClick={confirm} disabled={busy}>
            Confirm my address
          </button>
        </>
      )}
      <p>
        <button type="button" className="secondary" onClick={onDone}>
          Continue to SlotBase
        </button>
      </p>
    </section>
  );
}
