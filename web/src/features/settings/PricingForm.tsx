import { useEffect, useState, type FormEvent } from "react";
import { ApiError, messageOf, type Api } from "../../shared/api/client";
import type { Facility, FieldError, Money, Resource } from "../../shared/api/types";
import { getPricing, listResources, setPricing, type Pricing } from "./api";
import { Field, fieldMessage, SaveBar, TimeInput, useSave, WEEKDAYS } from "./Fields";
import { fromMinor, toMinor } from "../../shared/money";

interface Rule {
  name: string;
  weekdays: number[];
  from: string;
  to: string;
  price: string;
  memberPrice: string;
}
interface Draft {
  base: string;
  memberBase: string;
  perMinutes: string;
  rules: Rule[];
}

const EMPTY: Draft = { base: "", memberBase: "", perMinutes: "60", rules: [] };

function draftOf(p: Pricing | null, currency: string): Draft {
  if (!p) return EMPTY;
  const amount = (m: Money | null | undefined) => (m ? fromMinor(m.amount, currency) : "");
  return {
    base: amount(p.base),
    memberBase: amount(p.member_base),
    perMinutes: String(p.per_minutes ?? 60),
    rules: (p.rules ?? []).map((r) => ({
      name: r.name ?? "",
      weekdays: r.weekdays,
      from: r.from,
      to: r.to,
      price: amount(r.price),
      memberPrice: amount(r.member_price),
    })),
  };
}

/// The body to send, or the amounts that are not amounts (named as the server would name them).
export function pricingOf(d: Draft, currency: string): { body: Pricing } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const money = (text: string, field: string, optional: boolean): Money | null => {
    if (optional && text.trim() === "") return null;
    const amount = toMinor(text, currency);
    if (amount === null) {
      errors.push({ field, message: `must be an amount in ${currency}, such as ${fromMinor(2450, currency)}` });
      return null;
    }
    return { amount, currency };
  };
  const body: Pricing = {
    base: money(d.base, "base", false) ?? { amount: 0, currency },
    member_base: money(d.memberBase, "member_base", true),
    per_minutes: Number(d.perMinutes),
    rules: d.rules.map((r, i) => ({
      name: r.name,
      weekdays: [...r.weekdays].sort((a, b) => a - b),
      from: r.from,
      to: r.to,
      price: money(r.price, `rules[${i}].price`, false) ?? { amount: 0, currency },
      member_price: money(r.memberPrice, `rules[${i}].member_price`, true),
    })),
  };
  return errors.length ? { errors } : { body };
}

/// A court's prices: the base price per so many minutes (and for members), and any number of
/// rules that price some hours of some weekdays differently (peak, off-peak). Amounts are entered
/// in the facility's currency and sent in minor units.
export function PricingForm({ api, facility }: { api: Api; facility: Facility }) {
  const currency = facility.currency;
  const [courts, setCourts] = useState<Resource[] | null>(null);
  const [court, setCourt] = useState("");
  const [draft, setDraft] = useState<Draft | null>(null);
  const { error, setError, saved, busy, run } = useSave();

  useEffect(() => {
    let live = true;
    listResources(api, facility.id).then(
      (all) => {
        if (!live) return;
        setCourts(all);
        setCourt((c) => c || all[0]?.id || "");
      },
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, facility.id, setError]);

  useEffect(() => {
    if (!court) return;
    let live = true;
    getPricing(api, court).then(
      (p) => live && setDraft(draftOf(p, currency)),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, court, currency, setError]);

  if (courts === null || (court && draft === null))
    return error ? (
      <p role="alert" className="error">
        {messageOf(error)}
      </p>
    ) : (
      <p role="status">Loading…</p>
    );
  if (!draft) return <p>This facility has no courts yet.</p>;

  const at = (field: string) => fieldMessage(error, field);
  const setRule = (i: number, r: Partial<Rule>) => setDraft({ ...draft, rules: draft.rules.map((x, k) => (k === i ? { ...x, ...r } : x)) });

  function save(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    const out = pricingOf(draft, currency);
    run(async () => {
      if ("errors" in out) throw new ApiError(422, "Please correct the amounts.", undefined, out.errors);
      setDraft(draftOf(await setPricing(api, court, out.body), currency));
    });
  }

  const amountBox = (id: string, label: string, field: string, value: string, set: (v: string) => void, hint?: string) => (
    <Field id={id} label={label} hint={hint} error={at(field)}>
      {(props) => <input {...props} inputMode="decimal" value={value} onChange={(e) => set(e.target.value)} />}
    </Field>
  );

  return (
    <form onSubmit={save} aria-labelledby="pricing-title" noValidate>
      <h3 id="pricing-title">Prices per court</h3>
      <label htmlFor="pricing-court">Court</label>
      <select
        id="pricing-court"
        value={court}
        onChange={(e) => {
          // Choosing the court already shown loads nothing, so it must not empty the form.
          if (e.target.value === court) return;
          setDraft(null);
          setCourt(e.target.value);
        }}
      >
        {courts.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>

      <fieldset>
        <legend>Base price</legend>
        <div className="row">
          {amountBox("price-base", `Price (${currency})`, "base", draft.base, (v) => setDraft({ ...draft, base: v }))}
          {amountBox("price-member-base", `Member price (${currency})`, "member_base", draft.memberBase, (v) => setDraft({ ...draft, memberBase: v }), "Blank: members pay the price.")}
          <Field id="price-per-minutes" label="For every (minutes)" error={at("per_minutes")}>
            {(props) => (
              <input {...props} type="number" min={1} value={draft.perMinutes} onChange={(e) => setDraft({ ...draft, perMinutes: e.target.value })} />
            )}
          </Field>
        </div>
      </fieldset>

      {draft.rules.map((r, i) => {
        const n = i + 1;
        return (
          <fieldset key={i}>
            <legend>
              Rule {n}
              {r.name ? `: ${r.name}` : ""}
            </legend>
            <div className="row">
              <Field id={`rule-${i}-name`} label={`Rule ${n} name`} error={at(`rules[${i}].name`)}>
                {(props) => <input {...props} value={r.name} onChange={(e) => setRule(i, { name: e.target.value })} />}
              </Field>
              <Field id={`rule-${i}-from`} label={`Rule ${n} from (HH:MM)`} error={at(`rules[${i}].from`)}>
                {(props) => <TimeInput {...props} value={r.from} onChange={(e) => setRule(i, { from: e.target.value })} />}
              </Field>
              <Field id={`rule-${i}-to`} label={`Rule ${n} to (HH:MM)`} error={at(`rules[${i}].to`)}>
                {(props) => <TimeInput {...props} value={r.to} onChange={(e) => setRule(i, { to: e.target.value })} />}
              </Field>
              {amountBox(`rule-${i}-price`, `Rule ${n} price (${currency})`, `rules[${i}].price`, r.price, (v) => setRule(i, { price: v }))}
              {amountBox(`rule-${i}-member`, `Rule ${n} member price (${currency})`, `rules[${i}].member_price`, r.memberPrice, (v) => setRule(i, { memberPrice: v }))}
            </div>
            <fieldset aria-describedby={at(`rules[${i}].weekdays`) ? `rule-${i}-days-error` : undefined}>
              <legend>Rule {n} weekdays</legend>
              {WEEKDAYS.map((day, d) => (
                <label key={day} className="check">
                  <input
                    type="checkbox"
                    checked={r.weekdays.includes(d + 1)}
                    onChange={(e) =>
                      setRule(i, { weekdays: e.target.checked ? [...r.weekdays, d + 1] : r.weekdays.filter((x) => x !== d + 1) })
                    }
                  />{" "}
                  {day}
                </label>
              ))}
              {at(`rules[${i}].weekdays`) && (
                <div id={`rule-${i}-days-error`} className="field-error">
                  {at(`rules[${i}].weekdays`)}
                </div>
              )}
            </fieldset>
            <button type="button" className="secondary" onClick={() => setDraft({ ...draft, rules: draft.rules.filter((_, k) => k !== i) })}>
              Remove rule {n}
            </button>
          </fieldset>
        );
      })}
      <div className="row toolbar">
        <button
          type="button"
          className="secondary"
          onClick={() =>
            setDraft({ ...draft, rules: [...draft.rules, { name: "peak", weekdays: [1, 2, 3, 4, 5], from: "17:00", to: "21:00", price: "", memberPrice: "" }] })
          }
        >
          Add a price rule
        </button>
      </div>

      <SaveBar error={error} saved={saved} busy={busy} done="The prices are saved." label="Save prices" />
    </form>
  );
}
