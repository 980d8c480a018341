// Reads the calendar module's feeds with ical.js, a parser that shares no code with libical, and
// checks that every event's start and end are the instants it was written for: TZIDs resolved
// through the document's own VTIMEZONEs, across the nights the clocks change.
// Usage: node check.mjs <calendar_samples binary>
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
if (!existsSync(join(here, "node_modules", "ical.js"))) {
  console.log("ical.js is not installed: run `npm ci` in tests/ical (scripts/test does)");
  process.exit(77);
}
const { default: ICAL } = await import("ical.js");

const samples = JSON.parse(execFileSync(process.argv[2], { encoding: "utf8", maxBuffer: 64 << 20 }));
let failures = 0;
let checked = 0;
for (const sample of samples.calendars) {
  const calendar = new ICAL.Component(ICAL.parse(sample.ics));
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(vtimezone);
  const found = new Map();
  for (const vevent of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(vevent);
    const tzid = vevent.getFirstProperty("dtstart").getParameter("tzid");
    if (tzid && !ICAL.TimezoneService.has(tzid)) {
      console.error(`${event.uid}: TZID ${tzid} has no VTIMEZONE`);
      failures += 1;
    }
    found.set(event.uid, { start: event.startDate.toJSDate().toISOString(), end: event.endDate.toJSDate().toISOString() });
  }
  for (const expected of sample.events) {
    const got = found.get(expected.uid);
    const want = { start: new Date(expected.start).toISOString(), end: new Date(expected.end).toISOString() };
    checked += 1;
    if (!got || got.start !== want.start || got.end !== want.end) {
      failures += 1;
      if (failures <= 20) console.error(`${expected.uid}: wrote ${JSON.stringify(want)}, ical.js read ${JSON.stringify(got)}`);
    }
  }
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone"))
    ICAL.TimezoneService.remove(vtimezone.getFirstPropertyValue("tzid"));
}
console.log(`ical.js read ${checked} events: ${failures} wrong`);
process.exit(failures === 0 ? 0 : 1);
