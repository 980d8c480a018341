import { useEffect, useState } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { Facility, Money, PaymentHistory, SavedCard } from "../../shared/api/types";
import { formatMoney } from "../../shared/money";
import { formatDateTime } from "../../shared/time";
import { getFacility } from "../facilities/api";
import { myCards, myCredit, myPayments } from "./api";
import { feeLabel, feeStatusLabel, methodLabel, paymentStatusLabel, refundDestination } from "./words";

interface Loaded {
  history: PaymentHistory;
  facilities: Map<string, Facility>;
  credit: { facility: Facility; balance: Money }[];
  cards: SavedCard[];
}

/// What the player paid, at every facility: payments and their status, refunds and where they
/// went, fees (owed, paid or waived), the account credit at each facility, and saved cards.
export function MyPayments({ api }: { api: Api }) {
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      const [history, cards] = await Promise.all([myPayments(api), myCards(api)]);
      const ids = new Set([...history.payments, ...history.refunds, ...history.fees, ...history.credit].map((x) => x.facility_id));
      const facilities = new Map((await Promise.all([...ids].map((id) => getFacility(api, id)))).map((f) => [f.id, f]));
      const credit = await Promise.all(
        [...new Set(history.credit.map((c) => c.facility_id))].map(async (id) => ({ facility: facilities.get(id)!, balance: await myCredit(api, id) })),
      );
      if (live) setData({ history, facilities, credit, cards });
    })().catch((e) => live && setError(messageOf(e)));
    return () => {
      live = false;
    };
  }, [api]);

  if (error)
    return (
      <section className="panel" aria-labelledby="payments-title">
        <h2 id="payments-title">My payments</h2>
        <p role="alert" className="error">
          {error}
        </p>
      </section>
    );
  if (!data) return <p role="status">Loading your payments…</p>;

  const { history, facilities, credit, cards } = data;
  const place = (id: string) => facilities.get(id);
  const when = (iso: string, facilityId: string) => formatDateTime(iso, place(facilityId)?.timezone ?? "UTC");
  const paidWith = (paymentId: string) => history.payments.find((p) => p.id === paymentId)?.kind;

  return (
    <section className="panel" aria-labelledby="payments-title">
      <h2 id="payments-title">My payments</h2>

      <h3 id="credit-title">Account credit</h3>
      {credit.length === 0 ? (
        <p className="muted">You have no account credit.</p>
      ) : (
        <ul className="plain" aria-labelledby="credit-title">
          {credit.map(({ facility, balance }) => (
            <li key={facility.id}>
              <span>{facility.name}</span> <strong>{formatMoney(balance)}</strong>
            </li>
          ))}
        </ul>
      )}

      <h3 id="paid-title">Payments</h3>
      {history.payments.length === 0 ? (
        <p className="empty">No payments yet.</p>
      ) : (
        <ul className="plain" aria-labelledby="paid-title">
          {history.payments.map((p) => (
            <li key={p.id}>
              <span>
                {when(p.created_at, p.facility_id)} · {place(p.facility_id)?.name ?? "Facility"} · {methodLabel(p.method)}
                {p.fee_id ? " · fee" : ""}
              </span>{" "}
              <span>
                <span className={`badge pay-${p.status}`}>{paymentStatusLabel(p.status)}</span> <strong>{formatMoney(p.amount)}</strong>
                {p.refunded.amount > 0 && <span className="muted"> ({formatMoney(p.refunded)} refunded)</span>}
              </span>
            </li>
          ))}
        </ul>
      )}

      <h3 id="refunds-title">Refunds</h3>
      {history.refunds.length === 0 ? (
        <p className="empty">No refunds.</p>
      ) : (
        <ul className="plain" aria-labelledby="refunds-title">
          {history.refunds.map((r) => (
            <li key={r.id}>
              <span>
                {when(r.created_at, r.facility_id)} · {place(r.facility_id)?.name ?? "Facility"} · {refundDestination(r, paidWith(r.payment_id))}
                {r.reason && <span className="muted"> · {r.reason}</span>}
                {r.status === "failed" && r.failure_reason && <span className="muted"> · {r.failure_reason}</span>}
              </span>{" "}
              <span>
                <span className={`badge refund-${r.status}`}>{r.status}</span> <strong>{formatMoney(r.amount)}</strong>
              </span>
            </li>
          ))}
        </ul>
      )}

      <h3 id="fees-title">Fees</h3>
      {history.fees.length === 0 ? (
        <p className="empty">No fees.</p>
      ) : (
        <ul className="plain" aria-labelledby="fees-title">
          {history.fees.map((f) => (
            <li key={f.id}>
              <span>
                {when(f.created_at, f.facility_id)} · {place(f.facility_id)?.name ?? "Facility"} · {feeLabel(f.kind)}
                {f.status === "waived" && f.waive_reason && <span className="muted"> · {f.waive_reason}</span>}
              </span>{" "}
              <span>
                <span className={`badge fee-${f.status}`}>{feeStatusLabel(f.status)}</span> <strong>{formatMoney(f.amount)}</strong>
              </span>
            </li>
          ))}
        </ul>
      )}

      {cards.length > 0 && (
        <>
          <h3 id="cards-title">Saved cards</h3>
          <ul className="plain" aria-labelledby="cards-title">
            {cards.map((c) => (
              <li key={c.id}>
                <span>
                  {c.brand.toUpperCase()} ending in {c.last4}
                </span>{" "}
                <span className="muted">
                  expires {String(c.exp_month).padStart(2, "0")}/{c.exp_year}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
