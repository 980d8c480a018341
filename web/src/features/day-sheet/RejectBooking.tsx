import { useId, useState, type FormEvent } from "react";

/// Asks the desk why a booking is turned down; the reason is required, since the player is told it.
export function RejectBooking({
  what,
  onReject,
  onClose,
}: {
  what: string;
  onReject: (reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const id = useId();
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) return setMissing(true);
    await onReject(reason.trim());
  }

  return (
    <form onSubmit={submit} aria-label={`Reject ${what}`} className="notice" noValidate>
      <label htmlFor={`${id}-reason`}>Reason for rejecting (the player sees it)</label>
      <textarea
        id={`${id}-reason`}
        value={reason}
        required
        autoFocus
        aria-invalid={missing}
        aria-describedby={missing ? `${id}-error` : undefined}
        onChange={(e) => {
          setReason(e.target.value);
          setMissing(false);
        }}
      />
      {missing && (
        <div id={`${id}-error`} className="field-error">
          Say why, so the player knows.
        </div>
      )}
      <div className="row actions">
        <button type="submit" className="danger">
          Reject booking
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          Keep it pending
        </button>
      </div>
    </form>
  );
}
