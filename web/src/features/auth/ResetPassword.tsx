import { useState, type FormEvent } from "react";
import { ApiError, messageOf, type Api } from "../../shared/api/client";
import { confirmPasswordReset, type LinkApp } from "./api";
import { ForgotPassword } from "./ForgotPassword";

/// The page a reset link opens: a new password, typed twice, then the link's token is spent.
/// A link already used or past its hour (410) offers to ask for a new one.
export function ResetPassword({
  api,
  app,
  token,
  onDone,
}: {
  api: Api;
  app: LinkApp;
  token: string;
  onDone: () => void;
}) {
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [askAgain, setAskAgain] = useState(false);
  const passwordError = error instanceof ApiError ? error.field("password") : undefined;
  const spent = !token || (error instanceof ApiError && error.status === 410);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setMismatch(password !== repeat);
    if (password !== repeat) return;
    setBusy(true);
    try {
      await confirmPasswordReset(api, token, password);
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (askAgain) return <ForgotPassword api={api} app={app} onBack={onDone} />;
  return (
    <section className="panel" aria-labelledby="reset-title">
      <h2 id="reset-title">Choose a new password</h2>
      {done ? (
        <>
          <p role="status" className="success">
            Your new password is set. You are signed out everywhere; log in with the new password.
          </p>
          <button type="button" onClick={onDone}>
            Log in
          </button>
        </>
      ) : spent ? (
        <>
          <p role="alert" className="error">
            {token ? messageOf(error) : "This link is incomplete: open it from the e-mail again, or ask for a new one."}
          </p>
          <div className="row">
            <button type="button" onClick={() => setAskAgain(true)}>
              Ask for a new link
            </button>
            <button type="button" className="secondary" onClick={onDone}>
              Back to log in
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <div>
            <label htmlFor="new-password">New password</label>
            <input
              id="new-password"
              type="password"
              value={password}
              autoComplete="new-password"
              required
              aria-invalid={passwordError ? true : undefined}
              aria-describedby={passwordError ? "new-password-error" : "new-password-hint"}
              onChange={(e) => setPassword(e.target.value)}
            />
            {passwordError ? (
              <div id="new-password-error" className="field-error">
                {passwordError}
              </div>
            ) : (
              <p id="new-password-hint" className="muted">
                At least 10 characters.
              </p>
            )}
          </div>
          <div>
            <label htmlFor="repeat-password">New password again</label>
            <input
              id="repeat-password"
              type="password"
              value={repeat}
              autoComplete="new-password"
              required
              aria-invalid={mismatch ? true : undefined}
              aria-describedby={mismatch ? "repeat-password-error" : undefined}
              onChange={(e) => setRepeat(e.target.value)}
            />
            {mismatch && (
              <div id="repeat-password-error" className="field-error">
                The two passwords differ.
              </div>
            )}
          </div>
          {error !== null && !passwordError && (
            <p role="alert" className="error">
              {messageOf(error)}
            </p>
          )}
          <div className="row actions">
            <button type="submit" disabled={busy}>
              Set my new password
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
