// Which day the grid opens on, and which slots are still ahead: a player never lands on a day
// that is over or closed, and never sees times that have passed.
import type { Api } from "../../shared/api/client";
import type { Availability, Facility, Slot } from "../../shared/api/types";
import { addDays, instant, todayIn } from "../../shared/time";
import { getAvailability } from "./api";
import { localDate } from "./repeat";

/// The availability with only the slots that start at `now` or later.
export function upcoming(a: Availability, now: number): Availability {
  return { ...a, resources: a.resources.map((r) => ({ ...r, slots: r.slots.filter((s) => instant(s.start) >= now) })) };
}

/// A free slot and its court.
export interface FreeSlot {
  resourceId: string;
  resourceName: string;
  slot: Slot;
}

/// The first `count` free slots from `now`, soonest first, courts in their display order at the
/// same time.
export function nextAvailable(a: Availability, now: number, count: number): FreeSlot[] {
  const free: (FreeSlot & { court: number; at: number })[] = [];
  a.resources.forEach((r, court) => {
    for (const slot of r.slots)
      if (slot.status === "available" && instant(slot.start) >= now)
        free.push({ resourceId: r.resource_id, resourceName: r.name, slot, court, at: instant(slot.start) });
  });
  free.sort((x, y) => x.at - y.at || x.court - y.court);
  return free.slice(0, count).map(({ resourceId, resourceName, slot }) => ({ resourceId, resourceName, slot }));
}

/// The local date of the first free slot from `now`, if any.
function firstFreeDate(a: Availability, now: number): string | undefined {
  const first = nextAvailable(a, now, 1)[0];
  return first && localDate(first.slot.start, a.timezone);
}

/// The first day, from today in the facility's zone, with a slot a player can book: not a day
/// that is over, nor one the facility is closed or full. Today is asked first, then tomorrow
/// (late in the evening the next morning is the usual answer), then the rest of the week in one
/// request; where none has a free slot, today.
export async function firstBookableDay(api: Api, facility: Facility, minutes: number, now: number): Promise<string> {
  const today = todayIn(facility.timezone, new Date(now));
  const last = addDays(today, Math.max(0, facility.policies.booking_window_days));
  const spans: [string, number][] = [
    [today, 1],
    [addDays(today, 1), 1],
    [addDays(today, 2), 6],
  ];
  for (const [from, days] of spans) {
    if (from > last) break;
    let n = days;
    while (n > 1 && addDays(from, n - 1) > last) n -= 1;
    const found = firstFreeDate(await getAvailability(api, facility.id, from, minutes, undefined, n), now);
    if (found) return found;
  }
  return today;
}
