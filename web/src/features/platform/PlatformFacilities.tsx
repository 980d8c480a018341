import { useEffect, useState, type FormEvent } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { Facility } from "../../shared/api/types";
import { findFacilities } from "../facilities/api";
import { paymentAccount } from "../payments/api";
import { feeWords, PlatformFeeForm } from "./PlatformFee";

type Row = { facility: Facility; percent: number | null };

/// The platform administrator's view of the facilities on SlotBase: each one's platform fee on
/// card payments, set here (facility plans will set it per plan when they come).
export function PlatformFacilities({ api }: { api: Api }) {
  const [query, setQuery] = useState("");
  const [asked, setAsked] = useState("");
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const facilities = await findFacilities(api, asked);
        const accounts = await Promise.all(facilities.map((f) => paymentAccount(api, f.id).catch(() => null)));
        if (live) setRows(facilities.map((facility, i) => ({ facility, percent: accounts[i]?.platform_fee_percent ?? null })));
      } catch (e) {
        if (live) setError(messageOf(e));
      }
    })();
    return () => {
      live = false;
    };
  }, [api, asked]);

  function search(e: FormEvent) {
    e.preventDefault();
    setAsked(query.trim());
  }

  return (
    <section className="panel" aria-labelledby="platform-title">
      <h2 id="platform-title">Platform: facilities and fees</h2>
      <p className="muted">The platform's fee is a share of each card payment a facility takes; payments already made keep theirs.</p>
      <form role="search" onSubmit={search} className="row">
        <label>
          Facility name
          <input value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <button type="submit">Search</button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {rows === null ? (
        !error && <p role="status">Loading…</p>
      ) : rows.length === 0 ? (
        <p>No facility matches.</p>
      ) : (
        <ul className="plain-list">
          {rows.map((row) => (
            <li key={row.facility.id}>
              <h3>{row.facility.name}</h3>
              <p className="muted">
                {row.facility.timezone} · {row.facility.currency} · platform fee: {row.percent === null ? "unknown" : feeWords(row.percent)}
              </p>
              {row.percent !== null && (
                <PlatformFeeForm
                  api={api}
                  facilityId={row.facility.id}
                  facilityName={row.facility.name}
                  percent={row.percent}
                  onChanged={(p) => setRows((all) => all?.map((r) => (r.facility.id === row.facility.id ? { ...r, percent: p } : r)) ?? null)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
