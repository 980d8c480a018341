// A facility as a player reads it: its address, its week's opening hours, its courts and its
// booking rules in plain words.
import type { Address, CancellationTier, Facility, Holiday, Hours, Resource } from "../../shared/api/types";
import { addDays, formatDay, isoWeekday } from "../../shared/time";

/// The address as lines of an envelope: street, "city, state zip", country.
export function addressLines(a: Address | null | undefined): string[] {
  if (!a) return [];
  const town = [a.city, [a.state, a.zip].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  return [a.street, town, a.country].filter((l): l is string => Boolean(l && l.trim()));
}

/// An OpenStreetMap search for the address: a plain link, no map script on our page.
export function mapLink(a: Address | null | undefined): string | undefined {
  const lines = addressLines(a);
  if (lines.length === 0) return undefined;
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(lines.join(", "))}`;
}

/// One day of the week ahead: its hours (local, "HH:MM"), or closed, and the holiday that sets them.
export interface DayHours {
  date: string;
  open?: string;
  close?: string;
  holiday?: { name: string; modified: boolean };
}

/// The seven days from `today`, each with the hours the facility keeps that day: a holiday's
/// (closed, or modified hours) where there is one, else its weekday's, else closed.
export function weekAhead(hours: Hours, today: string): DayHours[] {
  return Array.from({ length: 7 }, (_, i) => {
    const date = addDays(today, i);
    const holiday = hours.holidays?.find((h) => h.date === date);
    if (holiday)
      return holiday.closed === false && holiday.open && holiday.close
        ? { date, open: holiday.open, close: holiday.close, holiday: { name: holiday.name, modified: true } }
        : { date, holiday: { name: holiday.name, modified: false } };
    const day = hours.weekly?.find((d) => d.weekday === isoWeekday(date));
    return day ? { date, open: day.open, close: day.close } : { date };
  });
}

/// Holidays after the week ahead, soonest first.
export function laterHolidays(hours: Hours, today: string): Holiday[] {
  const after = addDays(today, 6);
  return (hours.holidays ?? []).filter((h) => h.date > after).sort((a, b) => a.date.localeCompare(b.date));
}

/// "Thu, Dec 31: New Year's Eve, open 08:00–16:00" or "Fri, Dec 25: Christmas Day, closed".
export function holidayWords(h: Holiday, today: string): string {
  const day = formatDay(h.date, h.date.slice(0, 4) !== today.slice(0, 4));
  const open = h.closed === false && h.open && h.close ? `open ${h.open}–${h.close}` : "closed";
  return `${day}: ${h.name}, ${open}`;
}

/// "Tennis court" for tennis_court.
export function typeWords(type: Resource["type"]): string {
  const words = type.replace(/_/g, " ");
  return words[0].toUpperCase() + words.slice(1);
}

export function capitalized(word: string | undefined): string | undefined {
  const w = word?.trim();
  return w ? w[0].toUpperCase() + w.slice(1) : undefined;
}

function hoursWords(h: number): string {
  return h === 1 ? "1 hour" : `${h} hours`;
}

/// 120 is "2 hours", 90 "90 minutes", 1 "1 minute".
export function minutesWords(m: number): string {
  if (m >= 60 && m % 60 === 0) return hoursWords(m / 60);
  return m === 1 ? "1 minute" : `${m} minutes`;
}

function refundWords(percent: number): string {
  return percent >= 100 ? "full refund" : percent <= 0 ? "no refund" : `${percent}% refund`;
}

/// "Cancel 24 hours or more before: full refund; 2 hours or more before: 50% refund; less than 2
/// hours before: no refund." The tiers as the server applies them: the first (most notice first)
/// whose notice the cancellation gives, and no refund with less notice than any tier asks.
/// (A booking still waiting for the club's approval is refunded in full whatever the notice.)
export function cancellationWords(tiers: readonly CancellationTier[] | undefined): string {
  const sorted = [...(tiers ?? [])].sort((a, b) => b.min_hours_before - a.min_hours_before);
  if (sorted.length === 0) return "Cancelling gives no refund.";
  const last = sorted[sorted.length - 1].min_hours_before;
  if (last > 0) sorted.push({ min_hours_before: 0, refund_percent: 0 });
  const parts = sorted.map((t, i) => {
    const when =
      t.min_hours_before > 0
        ? `${hoursWords(t.min_hours_before)} or more before`
        : i === 0
          ? "any time before the start"
          : `less than ${hoursWords(sorted[i - 1].min_hours_before)} before`;
    return `${when}: ${refundWords(t.refund_percent)}`;
  });
  return `Cancel ${parts.join("; ")}.`;
}

const TIMING: Record<NonNullable<Facility["policies"]["payment_timing"]>, string> = {
  at_booking: "You pay when you book.",
  before_session: "You pay before your session.",
  after_session: "You pay after your session.",
  monthly: "Your bookings are billed monthly, on one invoice.",
};

const METHOD: Record<string, string> = {
  cash: "cash",
  check: "check",
  bank_transfer: "bank transfer",
  venmo: "Venmo",
  zelle: "Zelle",
};

/// "cash, check or Venmo" (and "other ways" where the club takes other).
function methodsWords(methods: readonly string[]): string {
  const named = methods.filter((m) => m !== "other").map((m) => METHOD[m] ?? m.replace(/_/g, " "));
  if (methods.includes("other")) named.push("other ways");
  return named.length <= 1 ? (named[0] ?? "") : `${named.slice(0, -1).join(", ")} or ${named[named.length - 1]}`;
}

/// One booking rule: what it is about and what it says.
export interface Rule {
  topic: string;
  text: string;
}

/// The facility's booking rules as they apply to a player, in plain words.
export function bookingRules(f: Facility): Rule[] {
  const p = f.policies;
  const rules: Rule[] = [];
  if (f.settings?.allow_non_member_bookings === false) rules.push({ topic: "Who can book", text: "Members of the club only." });
  rules.push({ topic: "How far ahead", text: `You can book up to ${p.booking_window_days} days ahead.` });
  rules.push({
    topic: "Notice",
    text:
      p.min_lead_time_minutes > 0
        ? `Book at least ${minutesWords(p.min_lead_time_minutes)} before the start.`
        : "You can book right up to the start time.",
  });
  const step = p.slot_step_minutes;
  rules.push({
    topic: "Session length",
    text:
      p.min_duration_minutes === p.max_duration_minutes
        ? `${p.min_duration_minutes} minutes.`
        : `${p.min_duration_minutes} to ${p.max_duration_minutes} minutes, in steps of ${step} minutes.`,
  });
  rules.push({
    topic: "Bookings at a time",
    text:
      p.max_active_bookings_per_user != null
        ? `Up to ${p.max_active_bookings_per_user} upcoming booking${p.max_active_bookings_per_user === 1 ? "" : "s"} at a time.`
        : "As many upcoming bookings as you like.",
  });
  rules.push({
    topic: "Holding a slot",
    text: `The slot you pick is held for you for ${minutesWords(Math.round(p.hold_ttl_seconds / 60))} while you confirm.`,
  });
  rules.push({
    topic: "Approval",
    text: p.require_booking_approval
      ? `The club approves each booking${
          p.auto_approve_after_minutes ? `; one not answered within ${minutesWords(p.auto_approve_after_minutes)} is approved automatically` : ""
        }. Until then the slot is kept for you, and you may cancel without a fee.`
      : "Bookings are confirmed at once.",
  });
  rules.push({ topic: "Cancelling", text: cancellationWords(p.cancellation?.tiers) });
  rules.push({
    topic: "No-shows",
    text:
      `Check in from ${minutesWords(p.check_in_opens_minutes_before)} before the start. ` +
      `Not checked in ${minutesWords(p.no_show_grace_minutes)} after the start, a booking may be marked a no-show` +
      (p.no_show_fee_percent > 0
        ? `, with a fee of ${p.no_show_fee_percent >= 100 ? "the full price" : `${p.no_show_fee_percent}% of the price`}.`
        : " (no fee)."),
  });
  const methods = p.offline_methods ?? [];
  rules.push({
    topic: "Paying",
    text: `${TIMING[p.payment_timing ?? "at_booking"]}${methods.length > 0 ? ` At the desk: ${methodsWords(methods)}.` : ""}`,
  });
  if (p.allow_player_recurring && p.payment_timing !== "at_booking")
    rules.push({
      topic: "Weekly bookings",
      text: `You can repeat a booking weekly, up to ${p.recurring_horizon_days ?? 90} days ahead.`,
    });
  rules.push({
    topic: "Waitlist",
    text: `If a taken slot frees up, it is held for the first player on its waitlist for ${hoursWords(p.waitlist_expiry_hours)}.`,
  });
  return rules;
}
