import { useEffect, useRef, useState } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { Facility, MemberEntry, Payment } from "../../shared/api/types";
import { formatMoney } from "../../shared/money";
import { formatDateTime, todayIn } from "../../shared/time";
import { WordSelect } from "../../shared/WordSelect";
import { listMembers } from "../lists/api";
import { facilityPayments, type FacilityPayments } from "./api";
import { Reconciliation } from "./Reconciliation";
import { methodLabel, paymentStatusLabel } from "./words";

const METHODS = ["card", "credit", "cash", "check", "bank_transfer", "venmo", "zelle", "other"] as const;
const STATUSES: Payment["status"][] = ["succeeded", "recorded", "verified", "disputed", "void"];

/// The facility's payments, by method, status and day, and the day's takings per method: what
/// came in less what went back (void payments left out); for the owner, whether the books agree
/// with the payment provider's.
export function PaymentsList({ api, facility }: { api: Api; facility: Facility }) {
  const [method, setMethod] = useState<(typeof METHODS)[number] | "">("");
  const [status, setStatus] = useState<Payment["status"] | "">("");
  const [date, setDate] = useState(todayIn(facility.timezone));
  const [answer, setAnswer] = useState<FacilityPayments | null>(null);
  const [members, setMembers] = useState<MemberEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    listMembers(api, facility.id).then(setMembers, () => undefined);
  }, [api, facility.id]);

  useEffect(() => {
    // An older answer never overwrites the one for the filters now chosen.
    const mine = ++latest.current;
    facilityPayments(api, facility.id, { method, status, date }).then(
      (a) => {
        if (mine !== latest.current) return;
        setAnswer(a);
        setError(null);
      },
      (e) => mine === latest.current && setError(messageOf(e)),
    );
  }, [api, facility.id, method, status, date]);

  const nameOf = (userId: string) => members.find((m) => m.user_id === userId)?.name ?? "Player";
  const total = (answer?.takings ?? []).reduce((sum, t) => sum + t.amount.amount, 0);

  return (
    <>
      <section className="panel" aria-labelledby="facility-payments-title">
        <h2 id="facility-payments-title">Payments</h2>
        <div className="row">
          <div>
            <label htmlFor="payments-date">Date</label>
            <input id="payments-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </div>
          <WordSelect id="payments-method" label="Method" value={method} words={METHODS} onChange={setMethod} any="any" />
          <WordSelect id="payments-status" label="Status" value={status} words={STATUSES} onChange={setStatus} any="any" />
        </div>
        <p className="muted">
          Times in {facility.timezone}; {date ? `payments taken on ${date}` : "every day"}.
        </p>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {answer && (
          <>
            <h3 id="takings-title">Takings{date ? ` on ${date}` : ""}</h3>
            {answer.takings.length === 0 ? (
              <p className="muted">Nothing taken.</p>
            ) : (
              <div className="table-scroll" tabIndex={0} role="region" aria-label="Takings, scrolls sideways">
                <table className="sheet takings" aria-labelledby="takings-title">
                  <thead>
                    <tr>
                      <th scope="col">Method</th>
                      <th scope="col">Taken, less refunds</th>
                    </tr>
                  </thead>
                  <tbody>
                    {answer.takings.map((t) => (
                      <tr key={t.method}>
                        <th scope="row">{methodLabel(t.method)}</th>
                        <td>{formatMoney(t.amount)}</td>
                      </tr>
                    ))}
                    <tr>
                      <th scope="row">Total</th>
                      <td>
                        <strong>{formatMoney({ amount: total, currency: facility.currency })}</strong>
                      </td>
                    </tr>
                  </tbody>
                </table>
              </div>
            )}
            <h3 id="payments-list-title">Payments</h3>
            {answer.items.length === 0 ? (
              <p className="empty">No payments match.</p>
            ) : (
              <div className="table-scroll" tabIndex={0} role="region" aria-label="Payments, scrolls sideways">
                <table className="sheet" aria-labelledby="payments-list-title">
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">Player</th>
                      <th scope="col">Method</th>
                      <th scope="col">Amount</th>
                      <th scope="col">Status</th>
                      <th scope="col">Reference</th>
                    </tr>
                  </thead>
                  <tbody>
                    {answer.items.map((p) => (
                      <tr key={p.id}>
                        <td>{formatDateTime(p.created_at, facility.timezone)}</td>
                        <td>{nameOf(p.user_id)}</td>
                        <td>
                          {methodLabel(p.method)}
                          {p.fee_id && <span className="muted"> · fee</span>}
                        </td>
                        <td>
                          {formatMoney(p.amount)}
                          {p.refunded.amount > 0 && <div className="muted">{formatMoney(p.refunded)} refunded</div>}
                        </td>
                        <td>{paymentStatusLabel(p.status)}</td>
                        <td>{p.reference ?? ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </section>
      <Reconciliation api={api} facility={facility} />
    </>
  );
}
