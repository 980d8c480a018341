import { useEffect, useState } from "react";
import { ApiError, messageOf, type Api } from "../../shared/api/client";
import { me } from "../auth/api";
import { savePhone } from "./api";

/// The player's phone number for text messages: the number we have (as the server keeps it, in
/// international form), a field to give or change it, and a way to remove it. The server checks
/// the number; what it finds wrong is shown at the field.
export function PhoneNumber({ api }: { api: Api }) {
  const [current, setCurrent] = useState<string | null | undefined>(undefined);
  const [value, setValue] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    me(api).then(
      (u) => live && setCurrent(u.phone ?? null),
      (e) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [api]);

  async function change(phone: string | null) {
    setBusy(true);
    setNotice(null);
    setError(null);
    setFieldError(null);
    try {
      const u = await savePhone(api, phone);
      setCurrent(u.phone ?? null);
      setValue("");
      setNotice(phone === null ? "Removed. We will not send you text messages." : "Saved.");
    } catch (e) {
      const field = e instanceof ApiError ? e.fields.find((f) => f.field === "phone") : undefined;
      if (field) setFieldError(field.message);
      else setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const describedBy = fieldError ? "phone-hint phone-error" : "phone-hint";
  return (
    <section className="panel settings" aria-labelledby="phone-title">
      <h2 id="phone-title">Phone number for text messages</h2>
      {current === undefined ? (
        !error && <p role="status">Loading…</p>
      ) : (
        <p>
          {current ? (
            <>
              Text messages go to <strong data-testid="current-phone">{current}</strong>.
            </>
          ) : (
            "You have not given a phone number, so we cannot send you text messages."
          )}
        </p>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!value.trim()) {
            setFieldError("Enter a phone number, or remove the one we have.");
            return;
          }
          void change(value.trim());
        }}
      >
        <label htmlFor="phone">{current ? "New phone number" : "Phone number"}</label>
        <input
          id="phone"
          type="tel"
          autoComplete="tel"
          inputMode="tel"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={describedBy}
        />
        <div id="phone-hint" className="hint muted">
          In international format, with a plus and your country code, for example +1 212 555 0123 or +44 20 7946 0958.
        </div>
        {fieldError && (
          <div id="phone-error" className="field-error">
            {fieldError}
          </div>
        )}
        <div className="row">
          <button type="submit" disabled={busy}>
            Save number
          </button>
          {current && (
            <button type="button" className="secondary" disabled={busy} onClick={() => void change(null)}>
              Remove number
            </button>
          )}
        </div>
        {notice && <p role="status">{notice}</p>}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
