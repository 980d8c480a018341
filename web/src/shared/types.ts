import type { Money } from "./api";

export interface CancellationTier {
  min_hours_before: number;
  refund_percent: number;
}

export interface Policies {
  hold_ttl_seconds: number;
  booking_window_days: number;
  min_duration_minutes: number;
  max_duration_minutes: number;
  slot_step_minutes: number;
  check_in_opens_minutes_before: number;
  cancellation: { tiers: CancellationTier[] };
  payment_timing: string;
  [key: string]: unknown;
}

export interface Facility {
  id: string;
  organization_id: string;
  name: string;
  timezone: string;
  currency: string;
  status: string;
  policies: Policies;
}

export interface Slot {
  start: string;
  end: string;
  status: "available" | "held" | "booked" | "blocked" | "closed";
  price: Money;
}

export interface Availability {
  facility_id: string;
  timezone: string;
  resources: { resource_id: string; name: string; slots: Slot[] }[];
}

export interface Hold {
  id: string;
  resource_id: string;
  start: string;
  end: string;
  expires_at: string;
  price: Money;
}

export interface Booking {
  id: string;
  facility_id: string;
  resource_id: string;
  user_id: string;
  type: string;
  start: string;
  end: string;
  status: string;
  approval_status: string;
  payment_status: string;
  price: Money;
  note: string;
  cancel_reason: string | null;
  refund_amount: number | null;
}

export interface Resource {
  id: string;
  facility_id: string;
  name: string;
  type: string;
  status: string;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/// The refund percent the policy gives for cancelling `hoursBefore` hours ahead.
export function refundPercent(tiers: CancellationTier[], hoursBefore: number): number {
  const sorted = [...tiers].sort((a, b) => b.min_hours_before - a.min_hours_before);
  for (const t of sorted) if (hoursBefore >= t.min_hours_before) return t.refund_percent;
  return 0;
}

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
