// The pieces every settings form is made of: a labelled field with the server's message for it,
// and a 24-hour time box.

import { useState, type InputHTMLAttributes, type ReactNode } from "react";
import { ApiError, messageOf } from "../../shared/api/client";

/// The server's message for `field` ("policies.max_duration_minutes", "rules[0].price"), if any.
export function fieldMessage(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.field(field) : undefined;
}

/// What an input needs to say it is wrong and where the reason is.
export interface FieldProps {
  id: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

/// A label, the control `children` renders with `props`, a hint, and the server's message.
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (props: FieldProps) => ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy || undefined })}
      {hint && (
        <div id={`${id}-hint`} className="muted hint">
          {hint}
        </div>
      )}
      {error && (
        <div id={`${id}-error`} className="field-error">
          {error}
        </div>
      )}
    </div>
  );
}

/// A control with no label of its own (a table cell names it with aria-label), and the server's
/// message for it under it.
export function Cell({ id, error, children }: { id: string; error?: string; children: (props: Omit<FieldProps, "id">) => ReactNode }) {
  return (
    <>
      {children({ "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-error` : undefined })}
      {error && (
        <div id={`${id}-error`} className="field-error">
          {error}
        </div>
      )}
    </>
  );
}

const HHMM = "([01][0-9]|2[0-3]):[0-5][0-9]|24:00";

/// A local time as "HH:MM", 24-hour whatever the browser's locale (a time input would show AM/PM
/// in some).
export function TimeInput(props: Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "pattern">) {
  return <input inputMode="numeric" pattern={HHMM} placeholder="HH:MM" size={5} className="time" {...props} />;
}

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// A form's saving: the error of the last try (whose fields the form shows), whether it was saved,
/// and whether a save is under way.
export function useSave() {
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = async (save: () => Promise<void>) => {
    setError(null);
    setSaved(false);
    setBusy(true);
    try {
      await save();
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { error, setError, saved, busy, run };
}

/// The end of a settings form: what went wrong, or that it was saved, and the one save button.
export function SaveBar({ error, saved, busy, done, label }: { error: unknown; saved: boolean; busy: boolean; done: string; label: string }) {
  return (
    <>
      {error !== null && (
        <p role="alert" className="error">
          {messageOf(error)}
        </p>
      )}
      {saved && (
        <p role="status" className="success">
          {done}
        </p>
      )}
      <div className="row">
        <button type="submit" disabled={busy}>
          {label}
        </button>
      </div>
    </>
  );
}
