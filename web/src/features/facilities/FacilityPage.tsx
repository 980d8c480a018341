import { useEffect, useRef, useState } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { Facility, Hours, Pricing, Resource } from "../../shared/api/types";
import { formatMoney } from "../../shared/money";
import { multiplierWords, perWords, ruleWords } from "../../shared/prices";
import { formatDay, todayIn, zoneLabel } from "../../shared/time";
import { getFacility, getHours, listResources, pricesOf } from "./api";
import {
  addressLines,
  bookingRules,
  capitalized,
  holidayWords,
  laterHolidays,
  mapLink,
  typeWords,
  weekAhead,
} from "./words";
import { MembersOnly } from "../players";

interface Club {
  facility: Facility;
  hours: Hours;
  courts: Resource[];
  /// Each court's prices; empty where players may not read them.
  prices: Map<string, Pricing | null>;
}

/// A facility's page for players: who it is and where, its week's opening hours, its courts and
/// their prices, and the booking rules that apply to a player, in plain words. Times are the
/// facility's local times, in the 24-hour format of the rest of the app.
export function FacilityPage({
  api,
  facilityId,
  onBook,
  onBack,
  backLabel = "Back",
  now = () => new Date(),
}: {
  api: Api;
  facilityId: string;
  onBook?: () => void;
  onBack?: () => void;
  backLabel?: string;
  now?: () => Date;
}) {
  const [club, setClub] = useState<Club | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    Promise.all([getFacility(api, facilityId), getHours(api, facilityId), listResources(api, facilityId)])
      .then(async ([facility, hours, all]) => {
        const courts = all.filter((r) => r.status === "active");
        // Prices explain themselves where they can be read; the page stands without them.
        const prices = await pricesOf(api, courts).catch(() => new Map<string, Pricing | null>());
        if (live) setClub({ facility, hours, courts, prices });
      })
      .catch((e) => live && setError(messageOf(e)));
    return () => {
      live = false;
    };
  }, [api, facilityId]);

  // The page replaces the screen: a screen reader starts at its name.
  useEffect(() => {
    if (club) heading.current?.focus();
  }, [club]);

  if (error)
    return (
      <section className="panel">
        <p role="alert" className="error">
          This club's page could not be loaded: {error}
        </p>
        {onBack && (
          <button type="button" className="secondary" onClick={onBack}>
            {backLabel}
          </button>
        )}
      </section>
    );
  if (!club) return <p role="status">Loading the club's page…</p>;

  const { facility: f, hours, courts, prices } = club;
  const tz = f.timezone;
  const today = todayIn(tz, now());
  const lines = addressLines(f.address);
  const map = mapLink(f.address);
  const sports = (f.settings?.sports ?? []).map((s) => capitalized(s.replace(/_/g, " ")));
  const week = weekAhead(hours, today);
  const later = laterHolidays(hours, today);
  const rules = bookingRules(f);
  const actions = (
    <div className="row">
      {onBook && (
        <button type="button" onClick={onBook}>
          Book a court here
        </button>
      )}
      {onBack && (
        <button type="button" className="secondary" onClick={onBack}>
          {backLabel}
        </button>
      )}
    </div>
  );

  return (
    <article className="club" aria-labelledby="club-name">
      <section className="panel">
        <div className="club-title">
          {f.logo_url && <img className="logo" src={f.logo_url} alt={`Logo of ${f.name}`} />}
          <h2 id="club-name" ref={heading} tabIndex={-1}>
            {f.name}
          </h2>
        </div>
        {f.settings?.description && <p>{f.settings.description}</p>}
        <MembersOnly api={api} facility={f} />
        {sports.length > 0 && (
          <p>
            <strong>Sports:</strong> {sports.join(", ")}
          </p>
        )}
        {lines.length > 0 && (
          <>
            <h3>Address</h3>
            <address>
              {lines.map((l) => (
                <span key={l} className="line">
                  {l}
                </span>
              ))}
            </address>
            {map && (
              <p>
                <a href={map} target="_blank" rel="noopener noreferrer">
                  Show on a map (OpenStreetMap, opens in a new tab)
                </a>
              </p>
            )}
          </>
        )}
        {(f.settings?.contact_email || f.settings?.contact_phone) && (
          <p>
            <strong>Contact:</strong>{" "}
            {f.settings?.contact_email && <a href={`mailto:${f.settings.contact_email}`}>{f.settings.contact_email}</a>}
            {f.settings?.contact_email && f.settings?.contact_phone && " · "}
            {f.settings?.contact_phone && <a href={`tel:${f.settings.contact_phone}`}>{f.settings.contact_phone}</a>}
          </p>
        )}
        {actions}
      </section>

      <section className="panel" aria-labelledby="club-hours">
        <h3 id="club-hours">Opening hours this week</h3>
        <table className="sheet hours">
          <caption className="muted">
            Local times at the club ({tz}, {zoneLabel(tz, now())})
          </caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Hours</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {week.map((d) => (
              <tr key={d.date} aria-current={d.date === today ? "date" : undefined}>
                <th scope="row">
                  {d.date === today ? "Today, " : ""}
                  {formatDay(d.date)}
                </th>
                <td>{d.open && d.close ? `${d.open}–${d.close}` : "Closed"}</td>
                <td>{d.holiday ? `${d.holiday.name}${d.holiday.modified ? " (holiday, modified hours)" : " (holiday)"}` : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {later.length > 0 && (
          <>
            <h4>Holidays coming up</h4>
            <ul aria-label="Holidays coming up">
              {later.map((h) => (
                <li key={h.date}>{holidayWords(h, today)}</li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="club-courts">
        <h3 id="club-courts">Courts</h3>
        {courts.length === 0 ? (
          <p className="empty">No courts are open for booking yet.</p>
        ) : (
          <CourtList courts={courts} prices={prices} />
        )}
        <PriceRules courts={courts} prices={prices} facility={f} />
      </section>

      <section className="panel" aria-labelledby="club-rules">
        <h3 id="club-rules">Booking rules</h3>
        <dl className="rules">
          {rules.map((r) => (
            <div key={r.topic}>
              <dt>{r.topic}</dt>
              <dd>{r.text}</dd>
            </div>
          ))}
        </dl>
        {actions}
      </section>
    </article>
  );
}

/// The courts with their attributes (type, indoor or outdoor, surface, lighting, colour) and price.
function CourtList({ courts, prices }: { courts: Resource[]; prices: Map<string, Pricing | null> }) {
  return (
    <>
      {/* A table on a wide screen; on a phone, where six columns do not fit, a card per court. */}
      <div className="grid-wrap courts-table" tabIndex={0} role="group" aria-label="Court table">
        <table className="sheet courts">
          <thead>
            <tr>
              <th scope="col">Court</th>
              <th scope="col">Type</th>
              <th scope="col">Indoor or outdoor</th>
              <th scope="col">Surface</th>
              <th scope="col">Lighting</th>
              <th scope="col">Price</th>
            </tr>
          </thead>
          <tbody>
            {courts.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  {r.image_url && <img className="court-image" src={r.image_url} alt={`Picture of ${r.name}`} />}
                  <span className="swatch" style={{ background: r.color || "transparent" }} aria-hidden="true" />
                  {r.name}
                  {r.description && <span className="muted small">{r.description}</span>}
                </th>
                <td>{typeWords(r.type)}</td>
                <td>{r.indoor === undefined ? "Not stated" : r.indoor ? "Indoor" : "Outdoor"}</td>
                <td>{capitalized(r.surface) ?? "Not stated"}</td>
                <td>{r.lighting === undefined ? "Not stated" : r.lighting ? "Floodlit" : "No lights"}</td>
                <td>{priceWords(prices.get(r.id))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="plain court-cards" aria-label="Court list">
        {courts.map((r) => (
          <li key={r.id}>
            {r.image_url && <img className="court-image" src={r.image_url} alt={`Picture of ${r.name}`} />}
            <span>
              <span className="swatch" style={{ background: r.color || "transparent" }} aria-hidden="true" />
              <strong>{r.name}</strong>
              <span className="small">
                {[
                  typeWords(r.type),
                  r.indoor === undefined ? undefined : r.indoor ? "Indoor" : "Outdoor",
                  capitalized(r.surface),
                  r.lighting === undefined ? undefined : r.lighting ? "Floodlit" : "No lights",
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </span>
              {r.description && <span className="small muted">{r.description}</span>}
            </span>
            <span>{priceWords(prices.get(r.id))}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/// "$24.00 an hour (members $18.00)", "Free", or "Ask the desk" where the prices could not be read.
function priceWords(p: Pricing | null | undefined): string {
  if (p === undefined) return "Ask the desk";
  if (p === null || (p.base.amount === 0 && !p.member_base && (p.rules ?? []).length === 0)) return "Free";
  const member = p.member_base && p.member_base.amount !== p.base.amount ? ` (members ${formatMoney(p.member_base)})` : "";
  return `${formatMoney(p.base)} ${perWords(p.per_minutes)}${member}`;
}

/// The times that cost more or less than a court's base price, and the weekend and holiday rates.
function PriceRules({ courts, prices, facility }: { courts: Resource[]; prices: Map<string, Pricing | null>; facility: Facility }) {
  // One line per rule, naming the courts it applies to (or "all courts").
  const lines = new Map<string, string[]>();
  for (const c of courts) {
    const p = prices.get(c.id);
    if (!p) continue;
    for (const r of p.rules ?? []) {
      const member = r.member_price && r.member_price.amount !== r.price.amount ? ` (members ${formatMoney(r.member_price)})` : "";
      const line = `${ruleWords(r, p.base)}: ${formatMoney(r.price)} ${perWords(p.per_minutes)}${member}`;
      lines.set(line, [...(lines.get(line) ?? []), c.name]);
    }
  }
  const weekend = facility.policies.weekend_multiplier ?? 1;
  const holiday = facility.policies.holiday_multiplier ?? 1;
  if (lines.size === 0 && weekend === 1 && holiday === 1) return null;
  return (
    <>
      <h4>When prices change</h4>
      <ul aria-label="When prices change">
        {[...lines].map(([line, names]) => (
          <li key={line}>
            {line}, {names.length === courts.length ? "all courts" : names.join(", ")}.
          </li>
        ))}
        {weekend !== 1 && <li>Weekends (Saturdays and Sundays): prices {multiplierWords(weekend)}.</li>}
        {holiday !== 1 && <li>Holidays open with modified hours: prices {multiplierWords(holiday)}.</li>}
      </ul>
    </>
  );
}
