import { useState, type FormEvent } from "react";
import type { Api } from "../../shared/api/client";
import type { Facility, Policies } from "../../shared/api/types";
import { updateFacility } from "./api";
import { Cell, Field, fieldMessage, SaveBar, useSave } from "./Fields";

type Offline = NonNullable<Policies["offline_methods"]>[number];
const OFFLINE: { value: Offline; label: string }[] = [
  { value: "cash", label: "Cash" },
  { value: "check", label: "Check" },
  { value: "bank_transfer", label: "Bank transfer" },
  { value: "venmo", label: "Venmo" },
  { value: "zelle", label: "Zelle" },
  { value: "other", label: "Other" },
];

// The policies entered as numbers, kept as the text typed so a box may be blank while editing.
const NUMBERS = [
  "auto_approve_after_minutes",
  "min_lead_time_minutes",
  "booking_window_days",
  "max_active_bookings_per_user",
  "min_duration_minutes",
  "max_duration_minutes",
  "slot_step_minutes",
  "hold_ttl_seconds",
  "waitlist_expiry_hours",
  "no_show_fee_percent",
  "no_show_grace_minutes",
  "check_in_opens_minutes_before",
  "weekend_multiplier",
  "holiday_multiplier",
  "recurring_horizon_days",
] as const;
type NumberPolicy = (typeof NUMBERS)[number];
// Blank means "never" or "no limit" for these; for the others a blank is the server's to refuse.
const NULLABLE: NumberPolicy[] = ["auto_approve_after_minutes", "max_active_bookings_per_user"];

interface Draft {
  numbers: Record<NumberPolicy, string>;
  require_booking_approval: boolean;
  require_verified_email: boolean;
  allow_player_recurring: boolean;
  payment_timing: NonNullable<Policies["payment_timing"]>;
  offline_methods: Offline[];
  offline_refund_destination: NonNullable<Policies["offline_refund_destination"]>;
  tiers: { hours: string; percent: string }[];
  /// Who may book; settings.allow_non_member_bookings mirrors it (true exactly when open).
  membership: Membership;
}

type Membership = NonNullable<Policies["membership"]>;
const MEMBERSHIP: { value: Membership; label: string; hint: string }[] = [
  { value: "open", label: "Anyone signed in", hint: "A first booking puts the player on the club's roster." },
  { value: "approval", label: "Members only; others may ask to join", hint: "Players send a join request, which the desk approves or rejects on the Players page." },
  { value: "invite_only", label: "Members only, by invitation", hint: "Players join only when the club invites or adds them." },
];

function draftOf(f: Facility): Draft {
  const p = f.policies;
  const numbers = Object.fromEntries(NUMBERS.map((k) => [k, p[k] == null ? "" : String(p[k])])) as Record<NumberPolicy, string>;
  return {
    numbers,
    require_booking_approval: p.require_booking_approval ?? false,
    require_verified_email: p.require_verified_email ?? false,
    allow_player_recurring: p.allow_player_recurring ?? false,
    payment_timing: p.payment_timing ?? "at_booking",
    offline_methods: p.offline_methods ?? [],
    offline_refund_destination: p.offline_refund_destination ?? "credit",
    tiers: (p.cancellation?.tiers ?? []).map((t) => ({ hours: String(t.min_hours_before), percent: String(t.refund_percent) })),
    membership: p.membership,
  };
}

const numberOrNull = (s: string) => (s.trim() === "" ? null : Number(s));

function policiesOf(d: Draft): Partial<Policies> {
  const numbers = Object.fromEntries(NUMBERS.map((k) => [k, numberOrNull(d.numbers[k])]));
  return {
    ...numbers,
    require_booking_approval: d.require_booking_approval,
    require_verified_email: d.require_verified_email,
    allow_player_recurring: d.allow_player_recurring,
    payment_timing: d.payment_timing,
    offline_methods: d.offline_methods,
    offline_refund_destination: d.offline_refund_destination,
    membership: d.membership,
    cancellation: {
      tiers: d.tiers.map((t) => ({ min_hours_before: Number(t.hours), refund_percent: Number(t.percent) })),
    },
  } as Partial<Policies>;
}

/// Every booking policy of the facility, grouped, with its current value; one button saves them
/// all, and the server's objections appear at the fields they name.
export function PoliciesForm({ api, facility, onSaved }: { api: Api; facility: Facility; onSaved: (f: Facility) => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(facility));
  const { error, saved, busy, run } = useSave();

  const at = (field: string) => fieldMessage(error, `policies.${field}`);
  const membershipError = at("membership") ?? fieldMessage(error, "settings.allow_non_member_bookings");
  const setNumber = (k: NumberPolicy, v: string) => setDraft({ ...draft, numbers: { ...draft.numbers, [k]: v } });
  const setTier = (i: number, t: Partial<Draft["tiers"][number]>) =>
    setDraft({ ...draft, tiers: draft.tiers.map((x, k) => (k === i ? { ...x, ...t } : x)) });

  function numberBox({ k, label, hint, step }: { k: NumberPolicy; label: string; hint?: string; step?: number }) {
    return (
      <Field id={`policy-${k}`} label={label} hint={hint} error={at(k)}>
        {(props) => (
          <input
            {...props}
            type="number"
            min={0}
            step={step ?? 1}
            value={draft.numbers[k]}
            placeholder={NULLABLE.includes(k) ? "none" : undefined}
            onChange={(e) => setNumber(k, e.target.value)}
          />
        )}
      </Field>
    );
  }

  function save(e: FormEvent) {
    e.preventDefault();
    run(async () => {
      const f = await updateFacility(api, facility.id, {
        policies: policiesOf(draft),
      });
      setDraft(draftOf(f));
      onSaved(f);
    });
  }

  return (
    <form onSubmit={save} aria-labelledby="policies-title" noValidate>
      <h3 id="policies-title">Booking policies</h3>
      <fieldset>
        <legend>Who may book</legend>
        <div className="muted hint" id="policy-membership-hint">
          Members are the players on the club's roster: invited, added by the club, or whose request to join was approved.
        </div>
        {MEMBERSHIP.map((m) => (
          <div key={m.value}>
            <label className="check">
              <input
                type="radio"
                name="policy-membership"
                value={m.value}
                checked={draft.membership === m.value}
                aria-describedby={`policy-membership-${m.value}-hint${membershipError ? " policy-membership-error" : ""}`}
                aria-invalid={membershipError ? true : undefined}
                onChange={() => setDraft({ ...draft, membership: m.value })}
              />{" "}
              {m.label}
            </label>
            <div id={`policy-membership-${m.value}-hint`} className="muted hint">
              {m.hint}
            </div>
          </div>
        ))}
        {membershipError && (
          <div id="policy-membership-error" className="field-error">
            {membershipError}
          </div>
        )}
      </fieldset>

      <fieldset>
        <legend>Approval</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.require_booking_approval}
            onChange={(e) => setDraft({ ...draft, require_booking_approval: e.target.checked })}
          />{" "}
          New bookings need approval
        </label>
        {at("require_booking_approval") && <div className="field-error">{at("require_booking_approval")}</div>}
        <label className="check">
          <input
            type="checkbox"
            checked={draft.require_verified_email}
            onChange={(e) => setDraft({ ...draft, require_verified_email: e.target.checked })}
          />{" "}
          Players book only once their e-mail address is verified
        </label>
        {at("require_verified_email") && <div className="field-error">{at("require_verified_email")}</div>}
        {numberBox({ k: "auto_approve_after_minutes", label: "Approve automatically after (minutes)", hint: "Blank: never." })}
      </fieldset>

      <fieldset>
        <legend>When and how long players book</legend>
        <div className="row">
          {numberBox({ k: "min_lead_time_minutes", label: "Least notice before the start (minutes)" })}
          {numberBox({ k: "booking_window_days", label: "Booking window (days ahead)" })}
          {numberBox({ k: "max_active_bookings_per_user", label: "Most upcoming bookings per player", hint: "Blank: no limit." })}
        </div>
        <div className="row">
          {numberBox({ k: "min_duration_minutes", label: "Shortest booking (minutes)" })}
          {numberBox({ k: "max_duration_minutes", label: "Longest booking (minutes)" })}
          {numberBox({ k: "slot_step_minutes", label: "Slots start every (minutes)" })}
        </div>
        <div className="row">
          {numberBox({ k: "hold_ttl_seconds", label: "Hold time (seconds)", hint: "How long a slot is kept while a player confirms." })}
          {numberBox({ k: "waitlist_expiry_hours", label: "Waitlist offer lasts (hours)" })}
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.allow_player_recurring}
            onChange={(e) => setDraft({ ...draft, allow_player_recurring: e.target.checked })}
          />{" "}
          Players may book recurring sessions
        </label>
        {numberBox({ k: "recurring_horizon_days", label: "Recurring bookings reach ahead (days)" })}
      </fieldset>

      <fieldset>
        <legend>Cancellation refunds</legend>
        <p className="muted">A cancellation gets the refund of the first row whose notice it meets. One row must be 0 hours.</p>
        {fieldMessage(error, "policies.cancellation.tiers") && (
          <div className="field-error">{fieldMessage(error, "policies.cancellation.tiers")}</div>
        )}
        <table className="sheet">
          <thead>
            <tr>
              <th scope="col">Notice (hours before, at least)</th>
              <th scope="col">Refund (%)</th>
              <th scope="col">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.tiers.map((t, i) => {
              const hoursError = at(`cancellation.tiers[${i}].min_hours_before`) ?? at(`cancellation.tiers[${i}]`);
              const percentError = at(`cancellation.tiers[${i}].refund_percent`);
              return (
                <tr key={i}>
                  <td>
                    <Cell id={`tier-${i}-hours`} error={hoursError}>
                      {(props) => (
                        <input {...props} type="number" min={0} aria-label={`Tier ${i + 1} notice in hours`} value={t.hours} onChange={(e) => setTier(i, { hours: e.target.value })} />
                      )}
                    </Cell>
                  </td>
                  <td>
                    <Cell id={`tier-${i}-percent`} error={percentError}>
                      {(props) => (
                        <input {...props} type="number" min={0} max={100} aria-label={`Tier ${i + 1} refund percent`} value={t.percent} onChange={(e) => setTier(i, { percent: e.target.value })} />
                      )}
                    </Cell>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      aria-label={`Remove tier ${i + 1}`}
                      onClick={() => setDraft({ ...draft, tiers: draft.tiers.filter((_, k) => k !== i) })}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button type="button" className="secondary" onClick={() => setDraft({ ...draft, tiers: [...draft.tiers, { hours: "", percent: "" }] })}>
          Add a tier
        </button>
      </fieldset>

      <fieldset>
        <legend>No-shows and check-in</legend>
        <div className="row">
          {numberBox({ k: "check_in_opens_minutes_before", label: "Check-in opens (minutes before the start)" })}
          {numberBox({ k: "no_show_grace_minutes", label: "No-show after (minutes past the start)" })}
          {numberBox({ k: "no_show_fee_percent", label: "No-show fee (% of the price)" })}
        </div>
      </fieldset>

      <fieldset>
        <legend>Payment</legend>
        <Field id="policy-payment_timing" label="Players pay" error={at("payment_timing")}>
          {(props) => (
            <select
              {...props}
              value={draft.payment_timing}
              onChange={(e) => setDraft({ ...draft, payment_timing: e.target.value as Draft["payment_timing"] })}
            >
              <option value="at_booking">when they book</option>
              <option value="before_session">before the session</option>
              <option value="after_session">after the session</option>
              <option value="monthly">monthly</option>
            </select>
          )}
        </Field>
        <fieldset aria-describedby={at("offline_methods") ? "offline-error" : undefined}>
          <legend>Accepted at the desk</legend>
          <div className="row">
            {OFFLINE.map((m) => (
              <label key={m.value} className="check">
                <input
                  type="checkbox"
                  checked={draft.offline_methods.includes(m.value)}
                  onChange={(e) =>
                    setDraft({
                      ...draft,
                      offline_methods: e.target.checked
                        ? [...draft.offline_methods, m.value]
                        : draft.offline_methods.filter((x) => x !== m.value),
                    })
                  }
                />{" "}
                {m.label}
              </label>
            ))}
          </div>
          {at("offline_methods") && (
            <div id="offline-error" className="field-error">
              {at("offline_methods")}
            </div>
          )}
        </fieldset>
        <Field
          id="policy-offline_refund_destination"
          label="Cancellation refunds of desk payments go"
          hint="Card payments are always refunded to the card."
          error={at("offline_refund_destination")}
        >
          {(props) => (
            <select
              {...props}
              value={draft.offline_refund_destination}
              onChange={(e) => setDraft({ ...draft, offline_refund_destination: e.target.value as Draft["offline_refund_destination"] })}
            >
              <option value="credit">to the player's account credit</option>
              <option value="cash">back in cash at the desk</option>
            </select>
          )}
        </Field>
      </fieldset>

      <fieldset>
        <legend>Price multipliers</legend>
        <div className="row">
          {numberBox({ k: "weekend_multiplier", label: "Weekend multiplier", hint: "Saturday and Sunday; 1 is no change.", step: 0.05 })}
          {numberBox({ k: "holiday_multiplier", label: "Holiday multiplier", hint: "Holidays with modified hours; 1 is no change.", step: 0.05 })}
        </div>
      </fieldset>

      <SaveBar error={error} saved={saved} busy={busy} done="The policies are saved." label="Save policies" />
    </form>
  );
}
