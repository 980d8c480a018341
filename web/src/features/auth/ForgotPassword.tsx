import { useState, type FormEvent } from "react";
import { ApiError, messageOf, type Api } from "../../shared/api/client";
import { requestPasswordReset, type LinkApp } from "./api";

/// "Forgot password?": asks for a link by e-mail. The server answers the same for every address,
/// so the page says what happens if an account has it, never whether one does.
export function ForgotPassword({
  api,
  app,
  initialEmail = "",
  onBack,
}: {
  api: Api;
  app: LinkApp;
  initialEmail?: string;
  onBack: () => void;
}) {
  const [email, setEmail] = useState(initialEmail);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const emailError = error instanceof ApiError ? error.field("email") : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await requestPasswordReset(api, email, app);
      setSentTo(email.trim());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="forgot-title">
      <h2 id="forgot-title">Forgot your password?</h2>
      {sentTo !== null ? (
        <p role="status" className="success">
          If an account has the address {sentTo}, a link to set a new password is on its way. It works once, for one hour.
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>Enter your account's e-mail address: we will send you a link to set a new password.</p>
          <div>
            <label htmlFor="forgot-email">Email</label>
            <input
              id="forgot-email"
              type="email"
              value={email}
              autoComplete="email"
              required
              aria-invalid={emailError ? true : undefined}
              aria-describedby={emailError ? "forgot-email-error" : undefined}
              onChange={(e) => setEmail(e.target.value)}
            />
            {emailError && (
              <div id="forgot-email-error" className="field-error">
                {emailError}
              </div>
            )}
          </div>
          {error !== null && !emailError && (
            <p role="alert" className="error">
              {messageOf(error)}
            </p>
          )}
          <div className="row actions">
            <button type="submit" disabled={busy}>
              Send me a link
            </button>
          </div>
        </form>
      )}
      <p>
        <button type="button" className="secondary" onClick={onBack}>
          Back to log in
        </button>
      </p>
    </section>
  );
}
