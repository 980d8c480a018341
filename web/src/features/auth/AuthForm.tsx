import { useState, type FormEvent } from "react";
import { ApiError, messageOf, type Api } from "../../shared/api/client";
import type { User } from "../../shared/api/types";
import { ForgotPassword } from "./ForgotPassword";

/// Log in or sign up, or ask for a link to set a new password ("Forgot password?", whose link
/// opens `app`). Errors from the server are shown next to the field they name, and in a summary
/// that screen readers announce.
export function AuthForm({
  api,
  onDone,
  title,
  app = "player",
}: {
  api: Api;
  onDone: (u: User) => void;
  title: string;
  app?: "player" | "admin";
}) {
  const [mode, setMode] = useState<"login" | "register" | "forgot">("login");
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = (f: string) => (error instanceof ApiError ? error.field(f) : undefined);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(mode === "login" ? await api.login(email, password) : await api.register(name, email, password));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const field = (id: string, label: string, value: string, set: (v: string) => void, type = "text", auto = "") => (
    <div>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        autoComplete={auto}
        required
        aria-invalid={fieldError(id) ? true : undefined}
        aria-describedby={fieldError(id) ? `${id}-error` : undefined}
        onChange={(e) => set(e.target.value)}
      />
      {fieldError(id) && (
        <div id={`${id}-error`} className="field-error">
          {fieldError(id)}
        </div>
      )}
    </div>
  );

  if (mode === "forgot") return <ForgotPassword api={api} app={app} initialEmail={email} onBack={() => setMode("login")} />;
  return (
    <section className="panel" aria-labelledby="auth-title">
      <h2 id="auth-title">{mode === "login" ? `Log in to ${title}` : `Create your ${title} account`}</h2>
      <form onSubmit={submit} noValidate>
        {mode === "register" && field("name", "Name", name, setName, "text", "name")}
        {field("email", "Email", email, setEmail, "email", "email")}
        {field("password", "Password", password, setPassword, "password", mode === "login" ? "current-password" : "new-password")}
        {mode === "register" && <p className="muted">At least 10 characters.</p>}
        {error !== null && (
          <p role="alert" className="error">
            {error instanceof ApiError && error.fields.length ? "Please correct the fields above." : messageOf(error)}
          </p>
        )}
        <div className="row actions">
          <button type="submit" disabled={busy}>
            {mode === "login" ? "Log in" : "Sign up"}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setMode(mode === "login" ? "register" : "login");
              setError(null);
            }}
          >
            {mode === "login" ? "New here? Create an account" : "Have an account? Log in"}
          </button>
          {mode === "login" && (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setMode("forgot");
                setError(null);
              }}
            >
              Forgot password?
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
