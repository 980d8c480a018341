// A court's prices in words, and why a slot costs what it does: the facility page lists the
// prices, the booking grid and the hold panel explain a price that differs from the court's base.
import type { Holiday, Money, Policies, PriceRule, Pricing } from "./api/types";
import { formatMoney } from "./money";
import { wallClock } from "./time";

const DAY = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// [1, 2, 3, 4, 5] is "Mon–Fri", [6, 7] "Sat, Sun", [1, 3, 5] "Mon, Wed, Fri", all seven "every day".
export function weekdaysWords(weekdays: readonly number[]): string {
  const days = [...new Set(weekdays)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  if (days.length === 7) return "every day";
  const runs: number[][] = [];
  for (const d of days) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === d - 1) run.push(d);
    else runs.push([d]);
  }
  return runs
    .map((r) => (r.length >= 3 ? `${DAY[r[0]]}–${DAY[r[r.length - 1]]}` : r.map((d) => DAY[d]).join(", ")))
    .join(", ");
}

/// "an hour" for 60 minutes, "per 30 minutes" otherwise: what a price list's rates are for.
export function perWords(perMinutes: number | undefined): string {
  const per = perMinutes ?? 60;
  return per === 60 ? "an hour" : `per ${per} minutes`;
}

/// 1.25 is "× 1.25 (25% more)", 0.8 "× 0.8 (20% less)".
export function multiplierWords(m: number): string {
  const percent = Math.round(Math.abs(m - 1) * 100);
  return `× ${m} (${percent}% ${m > 1 ? "more" : "less"})`;
}

/// A rule is peak time where it costs more than the base rate, off-peak where it costs less.
export function ruleKind(rule: PriceRule, base: Money): "peak" | "off-peak" {
  return rule.price.amount >= base.amount ? "peak" : "off-peak";
}

/// "Weekday evenings (peak time, Mon–Fri 17:00–21:00)".
export function ruleWords(rule: PriceRule, base: Money): string {
  const when = `${ruleKind(rule, base)} time, ${weekdaysWords(rule.weekdays)} ${rule.from}–${rule.to}`;
  return rule.name ? `${rule.name} (${when})` : when[0].toUpperCase() + when.slice(1);
}

/// Why a slot's price is not the court's base price, one reason for each thing that changed it.
export interface PriceReason {
  kind: "peak" | "off-peak" | "member" | "weekend" | "holiday";
  /// A word or two for the grid, e.g. "peak time".
  short: string;
  /// A sentence for the hold panel.
  text: string;
}

/// What a slot's price depends on besides its court's price list.
export interface PriceSetting {
  timeZone: string;
  weekendMultiplier: number;
  holidayMultiplier: number;
  /// Holidays open with modified hours (closed ones have no slots), by date.
  openHolidays: ReadonlyMap<string, string>;
}

export function priceSetting(timeZone: string, policies: Policies, holidays: readonly Holiday[] = []): PriceSetting {
  return {
    timeZone,
    weekendMultiplier: policies.weekend_multiplier ?? 1,
    holidayMultiplier: policies.holiday_multiplier ?? 1,
    openHolidays: new Map(holidays.filter((h) => h.closed === false).map((h) => [h.date, h.name])),
  };
}

interface Walk {
  amount: number;
  rules: PriceRule[];
  weekend: boolean;
  holiday?: string;
}

const BASIS_POINTS = 10000n;

/// The price of [start, end) as the server works it out (docs/decisions.md, "Resources and
/// prices"): each minute at the rate of the first rule covering its local weekday and time, else
/// the base (members' rates for a member), times the day's multiplier (an open holiday's, else a
/// weekend's), summed and rounded once, half up.
function walk(p: Pricing, member: boolean, start: number, end: number, s: PriceSetting): Walk {
  const rules = p.rules ?? [];
  const used: PriceRule[] = [];
  let weekend = false;
  let holiday: string | undefined;
  let total = 0n;
  let t = start;
  while (t < end) {
    const at = wallClock(t, s.timeZone);
    const rule = rules.find((r) => r.weekdays.includes(at.weekday) && at.minute >= minutes(r.from) && at.minute < minutes(r.to));
    if (rule && !used.includes(rule)) used.push(rule);
    const rate = rule
      ? member && rule.member_price
        ? rule.member_price.amount
        : rule.price.amount
      : member && p.member_base
        ? p.member_base.amount
        : p.base.amount;
    const holidayName = s.openHolidays.get(at.date);
    let multiplier = 1;
    if (holidayName !== undefined) {
      multiplier = s.holidayMultiplier;
      if (multiplier !== 1) holiday = holidayName;
    } else if (at.weekday >= 6) {
      multiplier = s.weekendMultiplier;
      if (multiplier !== 1) weekend = true;
    }
    // The rate holds until the next rule edge or midnight on the wall clock.
    let edge = 1440;
    for (const r of rules) {
      if (minutes(r.from) > at.minute) edge = Math.min(edge, minutes(r.from));
      if (minutes(r.to) > at.minute) edge = Math.min(edge, minutes(r.to));
    }
    const span = Math.max(1, Math.min(edge - at.minute, Math.ceil((end - t) / 60000)));
    total += BigInt(span) * BigInt(rate) * BigInt(Math.round(multiplier * 10000));
    t += span * 60000;
  }
  const divisor = BigInt(p.per_minutes ?? 60) * BASIS_POINTS;
  return { amount: Number((total + divisor / 2n) / divisor), rules: used, weekend, holiday };
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
}

/// Why `slot` costs `slot.price` on a court with price list `p`: an empty list where that is the
/// court's base price, and undefined where the price list does not account for the price (it
/// changed since, say): the screens then say nothing rather than guess.
export function explainPrice(
  p: Pricing | null | undefined,
  setting: PriceSetting,
  slot: { start: string; end: string; price: Money },
): PriceReason[] | undefined {
  if (!p || p.base.currency !== slot.price.currency) return undefined;
  const start = new Date(slot.start).getTime();
  const end = new Date(slot.end).getTime();
  const per = p.per_minutes ?? 60;
  const length = Math.round((end - start) / 60000);
  const base = Math.floor((length * p.base.amount * 2 + per) / (2 * per));
  if (slot.price.amount === base) return [];
  const regular = walk(p, false, start, end, setting);
  const asMember = walk(p, true, start, end, setting);
  const member = regular.amount !== slot.price.amount && asMember.amount === slot.price.amount;
  const w = member ? asMember : regular.amount === slot.price.amount ? regular : undefined;
  if (!w) return undefined;

  const money = (amount: number) => formatMoney({ amount, currency: p.base.currency });
  const yourBase = member && p.member_base ? p.member_base : p.base;
  const reasons: PriceReason[] = w.rules.map((r) => {
    const kind = ruleKind(r, p.base);
    const rate = member && r.member_price ? r.member_price : r.price;
    return {
      kind,
      short: `${kind} time`,
      text: `${ruleWords(r, p.base)}: ${money(rate.amount)} ${perWords(per)} instead of ${money(yourBase.amount)}.`,
    };
  });
  if (member && asMember.amount !== regular.amount)
    reasons.push({
      kind: "member",
      short: "member price",
      text: `Member price: ${money(asMember.amount)} for this slot; non-members pay ${money(regular.amount)}.`,
    });
  if (w.holiday !== undefined)
    reasons.push({
      kind: "holiday",
      short: "holiday rate",
      text: `Holiday rate (${w.holiday}): prices ${multiplierWords(setting.holidayMultiplier)}.`,
    });
  if (w.weekend)
    reasons.push({
      kind: "weekend",
      short: "weekend rate",
      text: `Weekend rate: prices ${multiplierWords(setting.weekendMultiplier)} on Saturdays and Sundays.`,
    });
  return reasons;
}
