// The steps of the set-up flow, each a form that hands what was entered to the flow (the courts
// step saves each court itself, as it is added).

import { useState, type FormEvent, type ReactNode } from "react";
import type { Api } from "../../shared/api/client";
import type { Facility, Hours, Policies, Resource, ResourceType } from "../../shared/api/types";
import { WordSelect } from "../../shared/WordSelect";
import { TimeField } from "../../shared/TimeField";
import { createResource, setPricing } from "./api";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const COURT_TYPES: ResourceType[] = [
  "tennis_court",
  "pickleball_court",
  "padel_court",
  "squash_court",
  "badminton_court",
  "basketball_court",
  "multi_purpose",
];
const ZONES = [
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "Europe/London",
  "Europe/Berlin",
  "Europe/Madrid",
  "Asia/Kolkata",
  "Australia/Sydney",
];

function Form({ onSubmit, children, submit }: { onSubmit: () => void; children: ReactNode; submit: string }) {
  return (
    <form
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
      <div className="row actions">
        <button type="submit">{submit}</button>
      </div>
    </form>
  );
}

export function OrgStep({ onSubmit, error }: { onSubmit: (name: string) => void; error?: string }) {
  const [name, setName] = useState("");
  return (
    <Form onSubmit={() => onSubmit(name)} submit="Create organization">
      <label htmlFor="org-name">Organization name</label>
      <input id="org-name" value={name} required onChange={(e) => setName(e.target.value)} aria-invalid={error ? true : undefined} />
      {error && <div className="field-error">{error}</div>}
    </Form>
  );
}

export function FacilityStep({
  onSubmit,
  fieldError,
}: {
  onSubmit: (name: string, tz: string, currency: string) => void;
  fieldError: (f: string) => string | undefined;
}) {
  const [name, setName] = useState("");
  const [tz, setTz] = useState(Intl.DateTimeFormat().resolvedOptions().timeZone || "America/New_York");
  const [currency, setCurrency] = useState("USD");
  const zones = ZONES.includes(tz) ? ZONES : [tz, ...ZONES];
  return (
    <Form onSubmit={() => onSubmit(name, tz, currency)} submit="Create facility">
      <label htmlFor="facility-name">Facility name</label>
      <input id="facility-name" value={name} required onChange={(e) => setName(e.target.value)} />
      {fieldError("name") && <div className="field-error">{fieldError("name")}</div>}
      <label htmlFor="facility-tz">Time zone</label>
      <select id="facility-tz" value={tz} onChange={(e) => setTz(e.target.value)}>
        {zones.map((z) => (
          <option key={z}>{z}</option>
        ))}
      </select>
      <label htmlFor="facility-currency">Currency</label>
      <select id="facility-currency" value={currency} onChange={(e) => setCurrency(e.target.value)}>
        {["USD", "EUR", "GBP", "CAD", "AUD", "INR"].map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
    </Form>
  );
}

interface Day {
  open: boolean;
  from: string;
  to: string;
}

export function HoursStep({
  onSubmit,
}: {
  onSubmit: (weekly: Hours["weekly"], holidays: Hours["holidays"]) => void;
}) {
  const [days, setDays] = useState<Day[]>(WEEKDAYS.map(() => ({ open: true, from: "07:00", to: "22:00" })));
  const [holiday, setHoliday] = useState({ date: "", name: "" });
  const set = (i: number, d: Partial<Day>) => setDays(days.map((x, k) => (k === i ? { ...x, ...d } : x)));
  return (
    <Form
      submit="Save opening hours"
      onSubmit={() =>
        onSubmit(
          days.flatMap((d, i) => (d.open ? [{ weekday: i + 1, open: d.from, close: d.to }] : [])),
          holiday.date ? [{ date: holiday.date, name: holiday.name || "Holiday", closed: true }] : [],
        )
      }
    >
      <table className="sheet">
        <caption className="muted">
          Weekly hours, local time
        </caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Open</th>
            <th scope="col">Opens</th>
            <th scope="col">Closes</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d, i) => (
            <tr key={WEEKDAYS[i]}>
              <th scope="row">{WEEKDAYS[i]}</th>
              <td>
                <input type="checkbox" aria-label={`${WEEKDAYS[i]} open`} checked={d.open} onChange={(e) => set(i, { open: e.target.checked })} />
              </td>
              <td>
                <TimeField label={`${WEEKDAYS[i]} opens`} value={d.from} onChange={(v) => set(i, { from: v })} />
              </td>
              <td>
                <TimeField label={`${WEEKDAYS[i]} closes`} value={d.to} onChange={(v) => set(i, { to: v })} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>A holiday (closed)</h3>
      <div className="row">
        <div>
          <label htmlFor="holiday-date">Date</label>
          <input id="holiday-date" type="date" value={holiday.date} onChange={(e) => setHoliday({ ...holiday, date: e.target.value })} />
        </div>
        <div>
          <label htmlFor="holiday-name">Name</label>
          <input id="holiday-name" value={holiday.name} onChange={(e) => setHoliday({ ...holiday, name: e.target.value })} />
        </div>
      </div>
    </Form>
  );
}

export function CourtsStep({
  api,
  facility,
  onNext,
  onError,
}: {
  api: Api;
  facility: Facility;
  onNext: () => void;
  onError: (e: unknown) => void;
}) {
  const [courts, setCourts] = useState<Resource[]>([]);
  const [name, setName] = useState("Court 1");
  const [type, setType] = useState<ResourceType>("tennis_court");
  const [price, setPrice] = useState("20.00");
  const [peak, setPeak] = useState("30.00");

  async function add(e: FormEvent) {
    e.preventDefault();
    try {
      const r = await createResource(api, facility.id, { name, type });
      const cents = (s: string) => Math.round(Number(s) * 100);
      await setPricing(api, r.id, {
        base: { amount: cents(price), currency: facility.currency },
        per_minutes: 60,
        rules: peak
          ? [{ name: "peak", weekdays: [1, 2, 3, 4, 5], from: "17:00", to: "21:00", price: { amount: cents(peak), currency: facility.currency } }]
          : [],
      });
      setCourts([...courts, r]);
      setName(`Court ${courts.length + 2}`);
    } catch (err) {
      onError(err);
    }
  }

  return (
    <div>
      <form onSubmit={add}>
        <div className="row">
          <div>
            <label htmlFor="court-name">Court name</label>
            <input id="court-name" value={name} required onChange={(e) => setName(e.target.value)} />
          </div>
          <WordSelect id="court-type" label="Type" value={type} words={COURT_TYPES} onChange={setType} />
          <div>
            <label htmlFor="court-price">Price per hour ({facility.currency})</label>
            <input id="court-price" inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} />
          </div>
          <div>
            <label htmlFor="court-peak">Peak price, weekdays 17:00–21:00</label>
            <input id="court-peak" inputMode="decimal" value={peak} onChange={(e) => setPeak(e.target.value)} />
          </div>
          <button type="submit">Add court</button>
        </div>
      </form>
      <ul aria-label="Courts added">
        {courts.map((c) => (
          <li key={c.id}>{c.name}</li>
        ))}
      </ul>
      <button type="button" disabled={courts.length === 0} onClick={onNext}>
        Continue to policies
      </button>
    </div>
  );
}

export function PoliciesStep({ onSubmit }: { onSubmit: (p: Partial<Policies>) => void }) {
  const [ttl, setTtl] = useState(5);
  const [windowDays, setWindowDays] = useState(14);
  const [maxActive, setMaxActive] = useState("");
  const [maxDuration, setMaxDuration] = useState(120);
  const [fullRefundHours, setFullRefundHours] = useState(24);
  const [payAt, setPayAt] = useState<Policies["payment_timing"]>("before_session");
  return (
    <Form
      submit="Finish set-up"
      onSubmit={() =>
        onSubmit({
          hold_ttl_seconds: ttl * 60,
          booking_window_days: windowDays,
          max_active_bookings_per_user: maxActive ? Number(maxActive) : null,
          max_duration_minutes: maxDuration,
          payment_timing: payAt,
          cancellation: {
            tiers: [
              { min_hours_before: fullRefundHours, refund_percent: 100 },
              { min_hours_before: 0, refund_percent: 0 },
            ],
          },
        })
      }
    >
      <div className="row">
        <div>
          <label htmlFor="hold-ttl">Hold time (minutes)</label>
          <input id="hold-ttl" type="number" min={1} max={60} value={ttl} onChange={(e) => setTtl(Number(e.target.value))} />
        </div>
        <div>
          <label htmlFor="window">Booking window (days ahead)</label>
          <input id="window" type="number" min={1} max={365} value={windowDays} onChange={(e) => setWindowDays(Number(e.target.value))} />
        </div>
        <div>
          <label htmlFor="max-active">Most upcoming bookings per player (blank: no limit)</label>
          <input id="max-active" type="number" min={1} value={maxActive} onChange={(e) => setMaxActive(e.target.value)} />
        </div>
        <div>
          <label htmlFor="max-duration">Longest booking (minutes)</label>
          <input id="max-duration" type="number" min={30} step={30} value={maxDuration} onChange={(e) => setMaxDuration(Number(e.target.value))} />
        </div>
        <div>
          <label htmlFor="full-refund">Full refund when cancelled this many hours ahead</label>
          <input id="full-refund" type="number" min={0} value={fullRefundHours} onChange={(e) => setFullRefundHours(Number(e.target.value))} />
        </div>
        <div>
          <label htmlFor="pay-at">Players pay</label>
          <select id="pay-at" value={payAt} onChange={(e) => setPayAt(e.target.value as Policies["payment_timing"])}>
            <option value="at_booking">when they book</option>
            <option value="before_session">before the session</option>
            <option value="after_session">after the session</option>
            <option value="monthly">monthly</option>
          </select>
        </div>
      </div>
    </Form>
  );
}
