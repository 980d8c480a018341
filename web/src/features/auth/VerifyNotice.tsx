import { useEffect, useState } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { User } from "../../shared/api/types";
import { me as readMe, resendVerification } from "./api";

/// "Verify your e-mail" for the signed-in player, with a button that sends the link again; shows
/// nothing once the address is verified and no new one waits for its link.
export function VerifyNotice({ api }: { api: Api }) {
  const [me, setMe] = useState<User | null>(null);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    readMe(api)
      .then((u) => live && setMe(u))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api]);

  if (!me || (me.email_verified && !me.pending_email)) return null;

  async function resend() {
    setBusy(true);
    setError(null);
    try {
      await resendVerification(api);
      setSent(true);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="notice" aria-label="Verify your e-mail">
      <p className="flush">
        {me.pending_email
          ? `Confirm your new address, ${me.pending_email}, with the link we sent there. Until then we write to ${me.email}.`
          : `Verify your e-mail: open the link we sent to ${me.email}. Some facilities take bookings only from verified addresses.`}
      </p>
      <div className="row">
        <button type="button" className="secondary" onClick={resend} disabled={busy}>
          Resend the link
        </button>
        {sent && <span role="status">Sent. Check your inbox.</span>}
        {error && (
          <span role="alert" className="error">
            {error}
          </span>
        )}
      </div>
    </section>
  );
}
