import type { Hours } from "../../shared/api/types";
import { addDays, instant, isoWeekday, wallClock } from "../../shared/time";

// The calendar's rows are instants, not wall-clock times: a day that changes to or from summer
// time has a row fewer or more, and a booking lands on the row of its instant, whatever offset
// it is spelt in.

const MINUTE = 60_000;

/// Minutes of "HH:MM" (24:00 is 1440).
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
}

/// The instant at which the facility's wall clock reads `minute` on local `date`. A time that
/// does not exist (skipped by a change to summer time) gives the instant it would have been at
/// with the earlier offset; one that occurs twice gives the first.
export function zonedInstant(date: string, minute: number, timeZone: string): number {
  const asUtc = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + minute * MINUTE;
  const offsetAt = (ms: number) => {
    const w = wallClock(ms, timeZone);
    const local = Date.UTC(Number(w.date.slice(0, 4)), Number(w.date.slice(5, 7)) - 1, Number(w.date.slice(8, 10))) + w.minute * MINUTE;
    return local - Math.floor(ms / MINUTE) * MINUTE;
  };
  // Two offsets either side of a change: the earlier instant that reads right is the answer.
  const first = asUtc - offsetAt(asUtc - 12 * 60 * MINUTE);
  const second = asUtc - offsetAt(asUtc + 12 * 60 * MINUTE);
  const candidates = [first, second].filter((c) => asUtc - offsetAt(c) === c).sort((a, b) => a - b);
  return candidates[0] ?? Math.min(first, second);
}

/// The opening window of a local date, in minutes of its wall clock, or null where it is closed;
/// with the holiday that day, if any.
export function openingOf(hours: Hours, date: string): { open: number; close: number } | null {
  const holiday = hours.holidays?.find((h) => h.date === date);
  if (holiday) {
    if (holiday.closed !== false || !holiday.open || !holiday.close) return null;
    return { open: minutesOf(holiday.open), close: minutesOf(holiday.close) };
  }
  const day = hours.weekly?.find((w) => w.weekday === isoWeekday(date));
  if (!day) return null;
  const open = minutesOf(day.open);
  const close = minutesOf(day.close);
  return close > open ? { open, close } : null;
}

export function holidayOn(hours: Hours, date: string) {
  return hours.holidays?.find((h) => h.date === date) ?? null;
}

/// The wall-clock span the calendar shows: from the earliest opening of the week to the latest
/// closing (so the rows stay put from day to day), whole hours; 06:00 to 22:00 with no hours set.
export function shownSpan(hours: Hours, dates: string[]): { from: number; to: number } {
  const windows = [...(hours.weekly ?? []).map((w) => ({ open: minutesOf(w.open), close: minutesOf(w.close) }))];
  for (const d of dates) {
    const o = openingOf(hours, d);
    if (o) windows.push(o);
  }
  if (windows.length === 0) return { from: 6 * 60, to: 22 * 60 };
  const from = Math.min(...windows.map((w) => w.open));
  const to = Math.max(...windows.map((w) => w.close));
  return { from: Math.floor(from / 60) * 60, to: Math.min(24 * 60, Math.ceil(to / 60) * 60) };
}

export interface Row {
  /// Start of the row, ms since the epoch.
  start: number;
  end: number;
  /// The wall-clock minute it starts at, in the facility's zone.
  minute: number;
  closed: boolean;
}

/// The day's rows of `step` minutes from `span.from` to `span.to` on the wall clock, each marked
/// closed where it falls outside the day's opening hours (all of a closed day or holiday).
export function dayRows(date: string, hours: Hours, span: { from: number; to: number }, step: number, timeZone: string): Row[] {
  const start = zonedInstant(date, span.from, timeZone);
  const end = span.to >= 24 * 60 ? zonedInstant(addDays(date, 1), 0, timeZone) : zonedInstant(date, span.to, timeZone);
  const opening = openingOf(hours, date);
  const rows: Row[] = [];
  for (let t = start; t < end; t += step * MINUTE) {
    const minute = wallClock(t, timeZone).minute;
    const closed = !opening || minute < opening.open || minute >= opening.close;
    rows.push({ start: t, end: Math.min(t + step * MINUTE, end), minute, closed });
  }
  return rows;
}

/// The rows an item covers, [first, last) as row indexes, or null where it is not on them.
export function rowsOf(rows: Row[], item: { start: string; end: string }): { first: number; last: number } | null {
  const s = instant(item.start);
  const e = instant(item.end);
  let first = -1;
  let last = -1;
  rows.forEach((r, i) => {
    if (r.start < e && s < r.end) {
      if (first < 0) first = i;
      last = i + 1;
    }
  });
  return first < 0 ? null : { first, last };
}

/// Items read over a range of dates, sorted onto each local date whose day [midnight, next
/// midnight) they overlap, as the server would list them for that one date: a booking past
/// midnight shows on both days.
export function byDate<T extends { start: string; end: string }>(items: T[], dates: string[], timeZone: string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const d of dates) {
    const from = zonedInstant(d, 0, timeZone);
    const to = zonedInstant(addDays(d, 1), 0, timeZone);
    out.set(
      d,
      items.filter((i) => instant(i.start) < to && from < instant(i.end)),
    );
  }
  return out;
}

/// Monday of the week of a local date.
export function weekStart(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

export function weekDates(date: string): string[] {
  const first = weekStart(date);
  return Array.from({ length: 7 }, (_, i) => addDays(first, i));
}

/// The month's dates, and the weeks (Monday first) that show it, padded with the days around.
export function monthWeeks(date: string): { dates: string[]; weeks: string[][] } {
  const first = `${date.slice(0, 7)}-01`;
  const dates: string[] = [];
  for (let d = first; d.slice(0, 7) === first.slice(0, 7); d = addDays(d, 1)) dates.push(d);
  const weeks: string[][] = [];
  for (let w = weekStart(first); w <= dates[dates.length - 1]; w = addDays(w, 7)) weeks.push(weekDates(w));
  return { dates, weeks };
}

export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = new Date(Date.UTC(y, m, 1, 12));
  return d.toISOString().slice(0, 10);
}
