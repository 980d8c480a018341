import { useCallback, useEffect, useId, useState, type FormEvent, type ReactNode } from "react";
import { ApiError, messageOf, type Api } from "../../shared/api/client";
import type { Booking, CreditEntry, Facility, Fee, OfflineMethod, Payment, Refund } from "../../shared/api/types";
import { formatMoney, fromMinor, minorDigits, toMinor } from "../../shared/money";
import { formatDateTime } from "../../shared/time";
import {
  adjustCredit,
  bookingPayments,
  creditLedger,
  recordPayment,
  refundPayment,
  retryRefund,
  setPaymentRecord,
  waiveBookingPayment,
  waiveFee,
  type BookingMoney,
  type RecordAction,
} from "./api";
import { feeLabel, feeStatusLabel, methodLabel, paymentStatusLabel, refundDestination } from "./words";

/// What a payment has left to refund: its amount less what was refunded; nothing once void.
const leftOf = (p: Payment) => (p.status === "void" ? 0 : p.amount.amount - p.refunded.amount);

/// Which record changes a desk payment allows now (void is final).
function actionsFor(p: Payment): RecordAction[] {
  if (p.kind !== "offline" || p.status === "void") return [];
  return (["verify", "dispute", "void"] as const).filter(
    (a) => !((a === "verify" && p.status === "verified") || (a === "dispute" && p.status === "disputed")),
  );
}

const ACTION_WORDS: Record<RecordAction, [label: string, done: string]> = {
  verify: ["Verify", "The payment is verified."],
  dispute: ["Dispute", "The payment is marked disputed."],
  void: ["Void", "The payment is void; its amount no longer counts as paid."],
};

/// An amount box in the booking's currency: typed as a decimal, read as minor units.
function AmountField({ id, currency, value, onChange, error }: { id: string; currency: string; value: string; onChange: (v: string) => void; error?: string }) {
  return (
    <div>
      <label htmlFor={id}>Amount ({currency})</label>
      <input
        id={id}
        inputMode={minorDigits(currency) > 0 ? "decimal" : "numeric"}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <div id={`${id}-error`} className="field-error">
          {error}
        </div>
      )}
    </div>
  );
}

function TextField({ id, label, value, onChange, error, required }: { id: string; label: string; value: string; onChange: (v: string) => void; error?: string; required?: boolean }) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <div id={`${id}-error`} className="field-error">
          {error}
        </div>
      )}
    </div>
  );
}

/// "Enter an amount like 19.99" in the currency's own shape.
const amountHint = (currency: string) => `Enter an amount like ${fromMinor(1999 * 10 ** Math.max(0, minorDigits(currency) - 2), currency)}.`;

/// The fields the forms show the server's message at; a message for any other is shown above them.
const SHOWN_AT_FIELDS = ["amount", "reference", "note", "reason"];

/// The server's word for a field, else ours.
const fieldError = (e: unknown, field: string) => (e instanceof ApiError ? e.field(field) : undefined);

/// The form open: recording, waiving the booking, refunding a payment or waiving a fee (by id).
type Open = "record" | "waive" | `refund:${string}` | `fee:${string}` | null;

/// A booking's money at the desk: what it owes and what was paid, and the desk's actions:
/// record a payment taken at the desk, verify, dispute or void one, refund one (back the way it
/// was paid or to account credit), or waive what the booking owes. Its fees (a no-show, a late
/// cancellation) are listed with what is owed, and one still owed can be waived with a reason.
/// The booking's refunds are listed with their status; one that failed (a card refund the provider
/// refused) can be tried again or given as account credit, once.
export function BookingPayments({
  api,
  booking,
  facility,
  what,
  onChanged,
}: {
  api: Api;
  booking: Booking;
  facility: Facility;
  /// The booking as the desk says it, e.g. "10:00 on Court 1".
  what: string;
  onChanged: (message: string) => void;
}) {
  const id = useId();
  const currency = booking.price.currency;
  const money = (amount: number) => formatMoney({ amount, currency });
  const methods: OfflineMethod[] = facility.policies.offline_methods ?? [];
  const [loaded, setLoaded] = useState<BookingMoney | null>(null);
  const payments = loaded?.payments ?? null;
  const fees = loaded?.fees ?? [];
  const refunds = loaded?.refunds ?? [];
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<Open>(null);
  const isOpen = (form: "refund" | "fee", of: string) => open === `${form}:${of}`;
  const toggle = (form: "refund" | "fee", of: string) => setOpen(isOpen(form, of) ? null : `${form}:${of}`);

  const load = useCallback(async () => {
    try {
      setLoaded(await bookingPayments(api, booking.id));
    } catch (e) {
      setError(e);
    }
  }, [api, booking.id]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- load() sets state only once its request answers
    load();
  }, [load, booking.payment_status]);

  const paid = (payments ?? []).reduce((sum, p) => sum + leftOf(p), 0);
  // A cancelled booking owes nothing of its price (a late cancellation's fee is listed below).
  const owes = booking.status !== "cancelled" && booking.payment_status !== "waived";
  const due = owes ? Math.max(0, booking.price.amount - paid) : 0;
  const paidWith = (paymentId: string) => payments?.find((p) => p.id === paymentId)?.kind;

  // Runs one change; on success the day sheet reloads (the booking's payment status) and so do the payments.
  const run = async (change: () => Promise<unknown>, done: string) => {
    setError(null);
    try {
      await change();
      setOpen(null);
      await load();
      onChanged(done);
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  };

  // A failed refund tried again: the new refund joins the list (the failed one says it was retried).
  const retryAndReplace = (failed: Refund, destination: "original" | "credit") => retryRefund(api, failed.id, destination);

  return (
    <div role="region" aria-label={`Payments of ${what}`} className="booking-payments">
      <p>
        <strong>Payment {booking.payment_status}</strong> · price {money(booking.price.amount)} · paid {money(paid)}
        {due > 0 && <> · due {money(due)}</>}
      </p>
      {payments === null ? (
        <p className="muted">Loading payments…</p>
      ) : payments.length === 0 ? (
        <p className="muted">No payments yet.</p>
      ) : (
        <table className="sheet">
          <caption className="sr-only">Payments of {what}</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Method</th>
              <th scope="col">Amount</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {payments.map((p) => (
              <tr key={p.id}>
                <td>{formatDateTime(p.created_at, facility.timezone)}</td>
                <td>
                  {methodLabel(p.method)}
                  {p.reference && <span className="muted"> · ref {p.reference}</span>}
                  {p.note && <div className="muted">{p.note}</div>}
                </td>
                <td>
                  {formatMoney(p.amount)}
                  {p.refunded.amount > 0 && <div className="muted">{formatMoney(p.refunded)} refunded</div>}
                </td>
                <td>{paymentStatusLabel(p.status)}</td>
                <td>
                  <div className="row">
                    {actionsFor(p).map((a) => (
                      <button
                        key={a}
                        type="button"
                        className={a === "void" ? "danger" : "secondary"}
                        onClick={() => run(() => setPaymentRecord(api, p.id, a), ACTION_WORDS[a][1])}
                      >
                        {ACTION_WORDS[a][0]}
                      </button>
                    ))}
                    {leftOf(p) > 0 && (
                      <button
                        type="button"
                        className="secondary"
                        aria-expanded={isOpen("refund", p.id)}
                        onClick={() => toggle("refund", p.id)}
                      >
                        Refund
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error !== null && !(error instanceof ApiError && error.fields.length && error.fields.every((f) => SHOWN_AT_FIELDS.includes(f.field))) && (
        <p role="alert" className="error">
          {messageOf(error)}
        </p>
      )}
      {payments?.map(
        (p) =>
          isOpen("refund", p.id) && (
            <RefundForm
              key={p.id}
              id={`${id}-refund`}
              payment={p}
              error={error}
              onSubmit={(refund) =>
                run(
                  () => refundPayment(api, p.id, refund),
                  `Refund of ${money(refund.amount ?? leftOf(p))} ${refundDestination(refund, p.kind)}.`,
                )
              }
            />
          ),
      )}
      {refunds.length > 0 && (
        <>
          <h3 id={`${id}-refunds`}>Refunds</h3>
          <ul className="plain" aria-labelledby={`${id}-refunds`}>
            {refunds.map((r) => (
              <li key={r.id}>
                <span>
                  {formatMoney(r.amount)} {refundDestination(r, paidWith(r.payment_id))} · <span className={`badge refund-${r.status}`}>{r.status}</span>
                  {r.status === "failed" && r.failure_reason && <span className="muted"> · {r.failure_reason}</span>}
                </span>
                {r.status === "failed" && r.retried_as && <span className="muted"> · tried again</span>}
                {r.status === "failed" && !r.retried_as && (
                  <span className="row">
                    {paidWith(r.payment_id) === "card" && (
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => run(() => retryAndReplace(r, "original"), `Refund of ${formatMoney(r.amount)} tried again to the card.`)}
                      >
                        Try again to the card
                      </button>
                    )}
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => run(() => retryAndReplace(r, "credit"), `Refund of ${formatMoney(r.amount)} given as account credit.`)}
                    >
                      Give as account credit
                    </button>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {fees.length > 0 && (
        <table className="sheet">
          <caption className="sr-only">Fees of {what}</caption>
          <thead>
            <tr>
              <th scope="col">Fee</th>
              <th scope="col">Amount</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {fees.map((f) => (
              <tr key={f.id}>
                <td>
                  {feeLabel(f.kind)}
                  <div className="muted">{formatDateTime(f.created_at, facility.timezone)}</div>
                </td>
                <td>{formatMoney(f.amount)}</td>
                <td>
                  {feeStatusLabel(f.status)}
                  {f.status === "waived" && f.waive_reason && <div className="muted">{f.waive_reason}</div>}
                </td>
                <td>
                  {f.status === "pending" && (
                    <button type="button" className="secondary" aria-expanded={isOpen("fee", f.id)} onClick={() => toggle("fee", f.id)}>
                      Waive fee
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {fees.map(
        (f) =>
          isOpen("fee", f.id) && (
            <WaiveFeeForm
              key={f.id}
              id={`${id}-fee`}
              fee={f}
              error={error}
              onSubmit={(reason) => run(() => waiveFee(api, f.id, reason), `The ${feeLabel(f.kind).toLowerCase()} of ${formatMoney(f.amount)} is waived.`)}
            />
          ),
      )}
      <div className="row actions">
        {due > 0 && (
          <button type="button" aria-expanded={open === "record"} onClick={() => setOpen(open === "record" ? null : "record")}>
            Record payment
          </button>
        )}
        {due > 0 && (
          <button type="button" className="secondary" aria-expanded={open === "waive"} onClick={() => setOpen(open === "waive" ? null : "waive")}>
            Waive payment
          </button>
        )}
      </div>
      {open === "record" && (
        <RecordForm
          id={`${id}-record`}
          currency={currency}
          due={due}
          methods={methods}
          error={error}
          onSubmit={(payment) => run(() => recordPayment(api, booking.id, payment), `${methodLabel(payment.method)} payment of ${money(payment.amount)} recorded.`)}
        />
      )}
      {open === "waive" && (
        <WaiveForm id={`${id}-waive`} error={error} onSubmit={(reason) => run(() => waiveBookingPayment(api, booking.id, reason), "The payment is waived.")} />
      )}
      <PlayerCredit api={api} facilityId={facility.id} userId={booking.user_id} currency={currency} seen={loaded} onChanged={onChanged} />
    </div>
  );
}

/// The player's account credit at the facility: the balance (the sum of its entries), each
/// movement, and the desk's adjustment (add, or take off, with the reason the player sees).
function PlayerCredit({
  api,
  facilityId,
  userId,
  currency,
  seen,
  onChanged,
}: {
  api: Api;
  facilityId: string;
  userId: string;
  currency: string;
  /// The booking's money as last read: a refund to credit there changes the credit too.
  seen: unknown;
  onChanged: (message: string) => void;
}) {
  const id = useId();
  const [entries, setEntries] = useState<CreditEntry[] | null>(null);
  const [open, setOpen] = useState(false);
  const [direction, setDirection] = useState<"add" | "remove">("add");
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [bad, setBad] = useState<{ amount?: string; reason?: string }>({});
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      setEntries(await creditLedger(api, facilityId, userId));
    } catch (e) {
      setError(e);
    }
  }, [api, facilityId, userId]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- load() sets state only once its request answers
    load();
  }, [load, seen]);

  if (entries === null) return null;
  const balance = entries.reduce((sum, e) => sum + e.amount.amount, 0);
  const submit = async () => {
    const minor = toMinor(amount, currency);
    const problems = {
      amount: minor === null || minor <= 0 ? amountHint(currency) : direction === "remove" && minor > balance ? `At most ${formatMoney({ amount: balance, currency })} can be taken off.` : undefined,
      reason: reason.trim() ? undefined : "Say why: the player sees it.",
    };
    setBad(problems);
    if (problems.amount || problems.reason || minor === null) return;
    setError(null);
    try {
      await adjustCredit(api, facilityId, userId, direction === "add" ? minor : -minor, reason.trim());
      setOpen(false);
      setAmount("");
      setReason("");
      await load();
      onChanged(`${formatMoney({ amount: minor, currency })} ${direction === "add" ? "added to" : "taken off"} the player's credit.`);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section aria-labelledby={`${id}-credit`} className="player-credit">
      <h3 id={`${id}-credit`}>Player's credit</h3>
      <p>
        Balance {formatMoney({ amount: balance, currency })}{" "}
        <button type="button" className="secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
          Adjust credit
        </button>
      </p>
      {error !== null && !fieldError(error, "amount") && !fieldError(error, "reason") && (
        <p role="alert" className="error">
          {messageOf(error)}
        </p>
      )}
      {open && (
        <SubForm label="Adjust credit" onSubmit={submit}>
          <div>
            <label htmlFor={`${id}-direction`}>Change</label>
            <select id={`${id}-direction`} value={direction} onChange={(e) => setDirection(e.target.value as "add" | "remove")}>
              <option value="add">Add credit</option>
              <option value="remove">Take credit off</option>
            </select>
          </div>
          <AmountField id={`${id}-amount`} currency={currency} value={amount} onChange={setAmount} error={bad.amount ?? fieldError(error, "amount")} />
          <TextField id={`${id}-reason`} label="Reason" value={reason} onChange={setReason} required error={bad.reason ?? fieldError(error, "reason")} />
          <button type="submit">Save credit change</button>
        </SubForm>
      )}
      {entries.length > 0 && (
        <ul className="plain" aria-label="Credit entries">
          {entries.map((e) => (
            <li key={e.id}>
              {formatMoney(e.amount)} · {e.kind}
              {e.reason && <span className="muted"> · {e.reason}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SubForm({ label, children, onSubmit }: { label: string; children: ReactNode; onSubmit: () => void }) {
  return (
    <form
      aria-label={label}
      className="row sub-form"
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

function RecordForm({
  id,
  currency,
  due,
  methods,
  error,
  onSubmit,
}: {
  id: string;
  currency: string;
  due: number;
  methods: OfflineMethod[];
  error: unknown;
  onSubmit: (p: { amount: number; method: OfflineMethod; reference?: string; note?: string }) => Promise<boolean>;
}) {
  const [amount, setAmount] = useState(fromMinor(due, currency));
  const [method, setMethod] = useState<OfflineMethod | "">(methods[0] ?? "");
  const [reference, setReference] = useState("");
  const [note, setNote] = useState("");
  const [bad, setBad] = useState<string | undefined>();

  if (methods.length === 0)
    return <p className="notice">The facility takes no payments at the desk. Choose the methods it accepts in Settings, Booking policies.</p>;

  const submit = () => {
    const minor = toMinor(amount, currency);
    if (minor === null || minor <= 0) return setBad(amountHint(currency));
    setBad(undefined);
    if (!method) return;
    onSubmit({ amount: minor, method, ...(reference.trim() ? { reference: reference.trim() } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
  };

  return (
    <SubForm label="Record payment" onSubmit={submit}>
      <AmountField id={`${id}-amount`} currency={currency} value={amount} onChange={setAmount} error={bad ?? fieldError(error, "amount")} />
      <div>
        <label htmlFor={`${id}-method`}>Method</label>
        <select id={`${id}-method`} value={method} onChange={(e) => setMethod(e.target.value as OfflineMethod)}>
          {methods.map((m) => (
            <option key={m} value={m}>
              {methodLabel(m)}
            </option>
          ))}
        </select>
      </div>
      <TextField id={`${id}-reference`} label="Reference (optional)" value={reference} onChange={setReference} error={fieldError(error, "reference")} />
      <TextField id={`${id}-note`} label="Note (optional)" value={note} onChange={setNote} error={fieldError(error, "note")} />
      <button type="submit">Save payment</button>
    </SubForm>
  );
}

function RefundForm({
  id,
  payment,
  error,
  onSubmit,
}: {
  id: string;
  payment: Payment;
  error: unknown;
  onSubmit: (r: { amount?: number; destination: "original" | "credit"; reason: string }) => Promise<boolean>;
}) {
  const currency = payment.amount.currency;
  const left = leftOf(payment);
  const [amount, setAmount] = useState(fromMinor(left, currency));
  const [destination, setDestination] = useState<"original" | "credit">(payment.kind === "offline" ? "credit" : "original");
  const [reason, setReason] = useState("");
  const [bad, setBad] = useState<{ amount?: string; reason?: string }>({});
  const back = payment.kind === "card" ? "Back to the card" : payment.kind === "credit" ? "Back to account credit" : "Cash back at the desk";

  const submit = () => {
    const minor = toMinor(amount, currency);
    const problems = {
      amount: minor === null || minor <= 0 ? amountHint(currency) : minor > left ? `At most ${formatMoney({ amount: left, currency })} is left to refund.` : undefined,
      reason: reason.trim() ? undefined : "Say why: the player sees it.",
    };
    setBad(problems);
    if (problems.amount || problems.reason || minor === null) return;
    onSubmit({ ...(minor === left ? {} : { amount: minor }), destination, reason: reason.trim() });
  };

  return (
    <SubForm label={`Refund ${methodLabel(payment.method).toLowerCase()} payment of ${formatMoney(payment.amount)}`} onSubmit={submit}>
      <AmountField id={`${id}-amount`} currency={currency} value={amount} onChange={setAmount} error={bad.amount ?? fieldError(error, "amount")} />
      <div>
        <label htmlFor={`${id}-destination`}>Refund to</label>
        <select id={`${id}-destination`} value={destination} onChange={(e) => setDestination(e.target.value as "original" | "credit")}>
          <option value="original">{back}</option>
          <option value="credit">Account credit</option>
        </select>
      </div>
      <TextField id={`${id}-reason`} label="Reason" value={reason} onChange={setReason} required error={bad.reason ?? fieldError(error, "reason")} />
      <button type="submit">Refund</button>
    </SubForm>
  );
}

function WaiveFeeForm({ id, fee, error, onSubmit }: { id: string; fee: Fee; error: unknown; onSubmit: (reason: string) => Promise<boolean> }) {
  const [reason, setReason] = useState("");
  const [bad, setBad] = useState<string | undefined>();
  return (
    <SubForm
      label={`Waive ${feeLabel(fee.kind).toLowerCase()} of ${formatMoney(fee.amount)}`}
      onSubmit={() => {
        if (!reason.trim()) return setBad("Say why the fee is waived: the player sees it.");
        setBad(undefined);
        onSubmit(reason.trim());
      }}
    >
      <TextField id={`${id}-reason`} label="Reason for waiving the fee" value={reason} onChange={setReason} required error={bad ?? fieldError(error, "reason")} />
      <button type="submit">Waive fee</button>
    </SubForm>
  );
}

function WaiveForm({ id, error, onSubmit }: { id: string; error: unknown; onSubmit: (reason: string) => Promise<boolean> }) {
  const [reason, setReason] = useState("");
  const [bad, setBad] = useState<string | undefined>();
  return (
    <SubForm
      label="Waive payment"
      onSubmit={() => {
        if (!reason.trim()) return setBad("Say why the booking owes nothing.");
        setBad(undefined);
        onSubmit(reason.trim());
      }}
    >
      <TextField id={`${id}-reason`} label="Reason for waiving" value={reason} onChange={setReason} required error={bad ?? fieldError(error, "reason")} />
      <button type="submit">Waive</button>
    </SubForm>
  );
}
