import type { Api } from "../../shared/api/client";
import type { Answer, Block, Body, Booking, Hold, MemberEntry } from "../../shared/api/types";

/// The blocks on a facility's courts over local dates `from` to `to` (inclusive), in one request.
export async function blocksBetween(api: Api, facilityId: string, from: string, to: string): Promise<Block[]> {
  const page = await api.get<Answer<"/api/v1/facilities/{facility_id}/blocks", "get">>(
    `/api/v1/facilities/${facilityId}/blocks?from=${from}&to=${to}`,
  );
  return page.items;
}

/// The live holds on a facility's courts over local dates `from` to `to`, at their exact times.
export async function holdsBetween(api: Api, facilityId: string, from: string, to: string): Promise<Hold[]> {
  const page = await api.get<Answer<"/api/v1/facilities/{facility_id}/holds", "get">>(
    `/api/v1/facilities/${facilityId}/holds?from=${from}&to=${to}`,
  );
  return page.items;
}

export function approveBooking(api: Api, bookingId: string): Promise<Booking> {
  return api.post<Answer<"/api/v1/bookings/{booking_id}/approve", "post">>(`/api/v1/bookings/${bookingId}/approve`);
}

export function markNoShow(api: Api, bookingId: string): Promise<Booking> {
  return api.post<Answer<"/api/v1/bookings/{booking_id}/no-show", "post">>(`/api/v1/bookings/${bookingId}/no-show`);
}

/// Books a court at the desk, for a member or (without `user_id`) for the club itself.
export function bookAtDesk(
  api: Api,
  facilityId: string,
  booking: Body<"/api/v1/facilities/{facility_id}/bookings", "post">,
): Promise<Booking> {
  return api.post<Answer<"/api/v1/facilities/{facility_id}/bookings", "post">>(
    `/api/v1/facilities/${facilityId}/bookings`,
    booking,
  );
}

/// Closes a court for maintenance; with `force`, bookings in the way are cancelled with a full refund.
export function blockCourt(api: Api, resourceId: string, block: Body<"/api/v1/resources/{resource_id}/blocks", "post">) {
  return api.post<Answer<"/api/v1/resources/{resource_id}/blocks", "post">>(`/api/v1/resources/${resourceId}/blocks`, block);
}

export function removeBlock(api: Api, blockId: string): Promise<void> {
  return api.del<Answer<"/api/v1/blocks/{block_id}", "delete">>(`/api/v1/blocks/${blockId}`);
}

/// Turns down a booking that waits for approval; the server cancels it with a full refund.
export function rejectBooking(api: Api, bookingId: string, reason: string) {
  return api.post<Answer<"/api/v1/bookings/{booking_id}/reject", "post">>(`/api/v1/bookings/${bookingId}/reject`, {
    reason,
  });
}

/// Every member of a facility, all pages of the list, for the desk's member picker.
export async function allMembers(api: Api, facilityId: string): Promise<MemberEntry[]> {
  const out: MemberEntry[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : "?limit=100";
    const page: Answer<"/api/v1/facilities/{facility_id}/members", "get"> = await api.get<
      Answer<"/api/v1/facilities/{facility_id}/members", "get">
    >(`/api/v1/facilities/${facilityId}/members${query}`);
    out.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}

/// Cancels at the desk under the facility's policy, or with `fullRefund` in full whatever the notice.
export function cancelAtDesk(api: Api, bookingId: string, reason: string, fullRefund: boolean) {
  return api.post<Answer<"/api/v1/bookings/{booking_id}/cancel", "post">>(`/api/v1/bookings/${bookingId}/cancel`, {
    reason,
    ...(fullRefund ? { full_refund: true } : {}),
  });
}
