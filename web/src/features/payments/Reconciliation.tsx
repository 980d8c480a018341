import { useEffect, useState } from "react";
import { ApiError, messageOf, type Api } from "../../shared/api/client";
import type { Facility } from "../../shared/api/types";
import { formatMoney } from "../../shared/money";
import { reconciliation, type Reconciliation as Report } from "./api";

/// The owner's check that the books agree, over the last 30 days: card payments the provider
/// took for the facility that SlotBase has no record of, and bookings marked paid that received
/// no money. Only the owner and managers may see it: for the rest of the staff it is not shown.
export function Reconciliation({ api, facility }: { api: Api; facility: Facility }) {
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hidden, setHidden] = useState(false);

  useEffect(() => {
    let live = true;
    reconciliation(api, facility.id).then(
      (r) => live && setReport(r),
      (e) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 403) setHidden(true);
        else setError(messageOf(e));
      },
    );
    return () => {
      live = false;
    };
  }, [api, facility.id]);

  if (hidden) return null;
  const agree = report && report.unrecorded_payments.length === 0 && report.paid_bookings_without_payment.length === 0;
  return (
    <section className="panel" aria-labelledby="reconciliation-title">
      <h2 id="reconciliation-title">Reconciliation</h2>
      <p className="muted">The last 30 days: the payment provider's records against SlotBase's.</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!report && !error && <p className="muted">Checking the books…</p>}
      {agree && <p className="success">Books agree: every card payment is recorded, and every booking marked paid received its money.</p>}
      {report && report.unrecorded_payments.length > 0 && (
        <table className="sheet">
          <caption>Card payments at the provider with no record here</caption>
          <thead>
            <tr>
              <th scope="col">Provider's payment</th>
              <th scope="col">Amount</th>
              <th scope="col">Status</th>
              <th scope="col">SlotBase payment</th>
            </tr>
          </thead>
          <tbody>
            {report.unrecorded_payments.map((u) => (
              <tr key={u.provider_intent_id}>
                <td>{u.provider_intent_id}</td>
                <td>{formatMoney(u.amount)}</td>
                <td>{u.status}</td>
                <td>{u.intent_id ?? <span className="muted">none</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report && report.paid_bookings_without_payment.length > 0 && (
        <table className="sheet">
          <caption>Bookings marked paid with no payment</caption>
          <thead>
            <tr>
              <th scope="col">Booking</th>
              <th scope="col">Price</th>
              <th scope="col">Received</th>
            </tr>
          </thead>
          <tbody>
            {report.paid_bookings_without_payment.map((b) => (
              <tr key={b.booking_id}>
                <td>{b.booking_id}</td>
                <td>{formatMoney(b.price)}</td>
                <td>{formatMoney(b.received)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
