import type { Api } from "../../shared/api/client";
import type { Answer, Booking, WaitlistEntry } from "../../shared/api/types";

/// The signed-in player's bookings, newest first.
export async function myBookings(api: Api): Promise<Booking[]> {
  return (await api.get<Answer<"/api/v1/bookings", "get">>("/api/v1/bookings?mine=true&limit=100")).items;
}

/// A facility's bookings on one local date.
export async function facilityBookings(api: Api, facilityId: string, date: string): Promise<Booking[]> {
  const page = await api.get<Answer<"/api/v1/facilities/{facility_id}/bookings", "get">>(
    `/api/v1/facilities/${facilityId}/bookings?date=${date}`,
  );
  return page.items;
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
