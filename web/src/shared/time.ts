// Times are shown in the facility's own time zone, whatever the browser's is, on the 24-hour
// clock (TimeField takes them so). Dates are written in English words in the order of the
// browser's region, the order its own date inputs use: "Tue, Dec 1" in the US, "Tue 1 Dec" in
// Britain or Germany.

/// The locale dates are written in: English, in the region of `language` (the browser's by
/// default); "en-US" where it names none.
export function dateLocale(language: string = typeof navigator === "undefined" ? "en-US" : navigator.language): string {
  try {
    const region = new Intl.Locale(language).maximize().region;
    return region && /^[A-Z]{2}$/.test(region) ? `en-${region}` : "en-US";
  } catch {
    return "en-US";
  }
}

export function formatTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    new Date(iso),
  );
}

export function formatDateTime(iso: string, timeZone: string, locale: string = dateLocale()): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));
}

/// A short label for the zone, e.g. "EST" or "GMT+1", at that instant.
export function zoneLabel(timeZone: string, at: Date = new Date()): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

/// Today's date (YYYY-MM-DD) in the zone.
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    now,
  );
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/// "4:59" from a number of seconds.
export function countdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

// Instants arrive spelled in different offsets (availability in the facility's, holds and bookings
// in UTC), so they are compared as instants, never as strings.

/// Milliseconds since the epoch of an RFC 3339 instant.
export function instant(iso: string): number {
  return new Date(iso).getTime();
}

/// Whether two spellings name the same instant ("...T10:00:00-05:00" and "...T15:00:00Z" do).
export function sameInstant(a: string, b: string): boolean {
  return instant(a) === instant(b);
}

/// Whether two half-open ranges [start, end) share a moment; touching ranges do not.
export function overlaps(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  return instant(a.start) < instant(b.end) && instant(b.start) < instant(a.end);
}

// Local dates (YYYY-MM-DD) name a day on the facility's calendar, not an instant: they are read at
// noon UTC, where no zone's offset moves them to another day.

/// "Mon, Dec 7" for 2026-12-07 (with the year where `withYear` says so: "Mon, Dec 7, 2026"), in
/// a US browser; "Mon 7 Dec" in a British one.
export function formatDay(date: string, withYear = false, locale: string = dateLocale()): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: "UTC",
    weekday: "short",
    month: "short",
    day: "numeric",
    ...(withYear ? { year: "numeric" } : {}),
  }).format(new Date(`${date}T12:00:00Z`));
}

/// "December 2026" for a month (YYYY-MM), as dates are written.
export function formatMonth(month: string, locale: string = dateLocale()): string {
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", month: "long", year: "numeric" }).format(new Date(`${month}-15T12:00:00Z`));
}

/// The ISO weekday of a local date: 1 = Monday ... 7 = Sunday, as the API numbers them.
export function isoWeekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/// Where an instant falls on the facility's wall clock: its local date, ISO weekday and minute of
/// the day (0 to 1439).
export function wallClock(ms: number, timeZone: string): { date: string; weekday: number; minute: number } {
  let f = wallClocks.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    wallClocks.set(timeZone, f);
  }
  const part: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(ms))) part[p.type] = p.value;
  const date = `${part.year}-${part.month}-${part.day}`;
  return { date, weekday: isoWeekday(date), minute: Number(part.hour) * 60 + Number(part.minute) };
}

/// The instant (UTC, RFC 3339) of a wall-clock minute of a local date in `timeZone`; a minute
/// that a fall-back night repeats is its first occurrence.
export function instantAt(date: string, minute: number, timeZone: string): string {
  const [y, m, d] = date.split("-").map(Number);
  const wall = Date.UTC(y, m - 1, d, 0, minute);
  const offsetAt = (t: number) => {
    const w = wallClock(t, timeZone);
    const [wy, wm, wd] = w.date.split("-").map(Number);
    return Date.UTC(wy, wm - 1, wd, 0, w.minute) - Math.floor(t / 60_000) * 60_000;
  };
  let t = wall - offsetAt(wall);
  t = wall - offsetAt(t);
  return new Date(t).toISOString().replace(".000Z", "Z");
}
