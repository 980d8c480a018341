import type { Api } from "../../shared/api/client";
import type { Answer, Availability, Body, Booking, Hold, WaitlistEntry } from "../../shared/api/types";
import { formatTime } from "../../shared/time";

/// The courts' slots on a date (and the `days` - 1 after it, up to 14 days) for bookings of
/// `minutes`: every court's, or one court's.
export function getAvailability(
  api: Api,
  facilityId: string,
  date: string,
  minutes: number,
  resourceId?: string,
  days = 1,
): Promise<Availability> {
  const court = resourceId ? `&resource_id=${resourceId}` : "";
  const more = days > 1 ? `&days=${days}` : "";
  return api.get<Answer<"/api/v1/facilities/{facility_id}/availability", "get">>(
    `/api/v1/facilities/${facilityId}/availability?date=${date}${court}&duration=${minutes}${more}`,
  );
}

/// A local date and wall-clock time in the facility's zone as the slot that starts then, by
/// asking the availability grid (which knows the zone's offsets, DST days included). Undefined
/// when that time is not on the day's grid.
export async function slotAt(
  api: Api,
  facilityId: string,
  resourceId: string,
  date: string,
  time: string,
  minutes: number,
): Promise<{ start: string; end: string } | undefined> {
  const a = await getAvailability(api, facilityId, date, minutes, resourceId);
  // The slot's start read in the facility's zone, whatever offset the answer spells it in.
  return a.resources[0]?.slots.find((s) => formatTime(s.start, a.timezone) === time);
}

export function placeHold(api: Api, slot: Body<"/api/v1/holds", "post">): Promise<Hold> {
  return api.post<Answer<"/api/v1/holds", "post">>("/api/v1/holds", slot);
}

export function releaseHold(api: Api, holdId: string): Promise<void> {
  return api.del<Answer<"/api/v1/holds/{hold_id}", "delete">>(`/api/v1/holds/${holdId}`);
}

export type PaymentMethod = NonNullable<Body<"/api/v1/holds/{hold_id}/confirm", "post">["payment"]>["method"];

/// Turns a hold into a booking.
export function confirmHold(api: Api, holdId: string, method: PaymentMethod): Promise<Booking> {
  return api.post<Answer<"/api/v1/holds/{hold_id}/confirm", "post">>(`/api/v1/holds/${holdId}/confirm`, {
    payment: { method },
  });
}

export function addToWaitlist(api: Api, slot: Body<"/api/v1/waitlist", "post">): Promise<WaitlistEntry> {
  return api.post<Answer<"/api/v1/waitlist", "post">>("/api/v1/waitlist", slot);
}
