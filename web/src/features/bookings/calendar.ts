import type { Booking } from "../../shared/api/types";

/// An iCalendar file for one booking.
export function icsFor(b: Booking, title: string, location: string): string {
  const stamp = (iso: string) => iso.replace(/[-:]/g, "").replace(/\.\d+/, "").replace(/\+00:00$/, "Z");
  const utc = (iso: string) => stamp(new Date(iso).toISOString());
  const escape = (s: string) => s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, "\\n");
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//SlotBase//Booking//EN",
    "BEGIN:VEVENT",
    `UID:${b.id}@slotbase`,
    `DTSTAMP:${utc(new Date().toISOString())}`,
    `DTSTART:${utc(b.start)}`,
    `DTEND:${utc(b.end)}`,
    `SUMMARY:${escape(title)}`,
    `LOCATION:${escape(location)}`,
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
}
