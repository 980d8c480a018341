import type { Api } from "../../shared/api/client";
import type { Answer, Body, Booking, CalendarFeedLink, Series, SeriesScope, StaffBooking, WaitlistEntry } from "../../shared/api/types";

/// The signed-in player's bookings, newest first.
export async function myBookings(api: Api): Promise<Booking[]> {
  return (await api.get<Answer<"/api/v1/bookings", "get">>("/api/v1/bookings?mine=true&limit=100")).items;
}

/// A facility's bookings over local dates `from` to `to` (inclusive), each with its player's name
/// and contact: one request, unless more than a page of 500 match, when the next pages follow.
export async function facilityBookingsBetween(api: Api, facilityId: string, from: string, to: string): Promise<StaffBooking[]> {
  const out: StaffBooking[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `from=${from}&to=${to}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const page: Answer<"/api/v1/facilities/{facility_id}/bookings", "get"> = await api.get<
      Answer<"/api/v1/facilities/{facility_id}/bookings", "get">
    >(`/api/v1/facilities/${facilityId}/bookings?${query}`);
    out.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}

export function checkIn(api: Api, bookingId: string): Promise<Booking> {
  return api.post<Answer<"/api/v1/bookings/{booking_id}/check-in", "post">>(`/api/v1/bookings/${bookingId}/check-in`);
}

export function cancelBooking(api: Api, bookingId: string, reason: string) {
  return api.post<Answer<"/api/v1/bookings/{booking_id}/cancel", "post">>(`/api/v1/bookings/${bookingId}/cancel`, {
    reason,
  });
}

export function rescheduleBooking(api: Api, bookingId: string, slot: { start: string; end: string }): Promise<Booking> {
  return api.post<Answer<"/api/v1/bookings/{booking_id}/reschedule", "post">>(
    `/api/v1/bookings/${bookingId}/reschedule`,
    slot,
  );
}

/// The player's waitlist entries.
export async function myWaitlist(api: Api): Promise<WaitlistEntry[]> {
  return (await api.get<Answer<"/api/v1/waitlist", "get">>("/api/v1/waitlist")).items;
}

export function leaveWaitlist(api: Api, entryId: string): Promise<void> {
  return api.del<Answer<"/api/v1/waitlist/{entry_id}", "delete">>(`/api/v1/waitlist/${entryId}`);
}

/// Books a weekly (or any RRULE) series; occurrences that cannot be had come back as conflicts.
export function createSeries(api: Api, series: Body<"/api/v1/recurring-bookings", "post">): Promise<Series> {
  return api.post<Answer<"/api/v1/recurring-bookings", "post">>("/api/v1/recurring-bookings", series);
}

export function getSeries(api: Api, seriesId: string): Promise<Series> {
  return api.get<Answer<"/api/v1/recurring-bookings/{series_id}", "get">>(`/api/v1/recurring-bookings/${seriesId}`);
}

/// Cancels one occurrence, it and the ones after it, or the whole series; refunds per policy.
export function cancelSeries(api: Api, seriesId: string, scope: SeriesScope, bookingId: string, reason: string): Promise<Series> {
  const query = new URLSearchParams({ scope, booking_id: bookingId, reason });
  return api.del<Answer<"/api/v1/recurring-bookings/{series_id}", "delete">>(`/api/v1/recurring-bookings/${seriesId}?${query}`);
}

/// The RRULE for "every week on this date's weekday".
export function weeklyOn(date: string): string {
  const day = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"][new Date(`${date}T12:00:00Z`).getUTCDay()];
  return `FREQ=WEEKLY;BYDAY=${day}`;
}

/// The address of the player's calendar feed (made the first time it is asked for).
export function calendarFeed(api: Api): Promise<CalendarFeedLink> {
  return api.get<Answer<"/api/v1/me/calendar-feed", "get">>("/api/v1/me/calendar-feed");
}

/// A new address for the player's calendar feed; the old one stops working at once.
export function newCalendarFeed(api: Api): Promise<CalendarFeedLink> {
  return api.post<Answer<"/api/v1/me/calendar-feed/rotate", "post">>("/api/v1/me/calendar-feed/rotate");
}

export { refundPercent } from "./refund";

export type SeriesChangeBody = Body<"/api/v1/recurring-bookings/{series_id}", "patch">;

/// Moves one occurrence, it and the ones after it, or all to come to another time, court or
/// note. All or nothing: when any would clash, nothing moves (409 naming the dates).
export function changeSeries(api: Api, seriesId: string, change: SeriesChangeBody): Promise<Series> {
  return api.patch<Answer<"/api/v1/recurring-bookings/{series_id}", "patch">>(`/api/v1/recurring-bookings/${seriesId}`, change);
}
