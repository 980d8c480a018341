import type { Api } from "../../shared/api/client";
import type { Answer, Body, Booking, BookingType, MemberEntry, Resource, StaffEntry } from "../../shared/api/types";

export async function listMembers(api: Api, facilityId: string): Promise<MemberEntry[]> {
  const page = await api.get<Answer<"/api/v1/facilities/{facility_id}/members", "get">>(
    `/api/v1/facilities/${facilityId}/members`,
  );
  return page.items;
}

export async function listStaff(api: Api, facilityId: string): Promise<StaffEntry[]> {
  const page = await api.get<Answer<"/api/v1/facilities/{facility_id}/staff", "get">>(
    `/api/v1/facilities/${facilityId}/staff`,
  );
  return page.items;
}

export type StaffRole = Body<"/api/v1/facilities/{facility_id}/staff", "post">["role"];

/// Invites someone by email as staff with a role; it applies when they sign up, or at once.
export function inviteStaff(api: Api, facilityId: string, email: string, role: StaffRole): Promise<StaffEntry> {
  return api.post<Answer<"/api/v1/facilities/{facility_id}/staff", "post">>(`/api/v1/facilities/${facilityId}/staff`, {
    email,
    role,
  });
}

export function inviteMember(api: Api, facilityId: string, email: string): Promise<MemberEntry> {
  return api.post<Answer<"/api/v1/facilities/{facility_id}/members", "post">>(
    `/api/v1/facilities/${facilityId}/members`,
    { email },
  );
}

/// What the bookings list shows: local dates from..to (inclusive) and each filter that is set.
export type BookingQuery = {
  from: string;
  to: string;
  resource_id?: string;
  status?: Booking["status"];
  approval_status?: Booking["approval_status"];
  payment_status?: Booking["payment_status"];
  type?: BookingType;
};

export type BookingPage = Answer<"/api/v1/facilities/{facility_id}/bookings", "get">;

/// The query string of a bookings query, without the filters left empty.
export function bookingQueryString(q: BookingQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, ...extra })) if (v) params.set(k, v);
  return params.toString();
}

/// One page of the facility's bookings (50 by default), the next from `cursor`.
export function facilityBookingPage(api: Api, facilityId: string, q: BookingQuery, cursor?: string, limit = 50): Promise<BookingPage> {
  const extra: Record<string, string> = { limit: String(limit) };
  if (cursor) extra.cursor = cursor;
  return api.get<BookingPage>(`/api/v1/facilities/${facilityId}/bookings?${bookingQueryString(q, extra)}`);
}

/// Every booking of the query as a CSV file (text and the file name the server gives it).
export async function bookingsCsv(api: Api, facilityId: string, q: BookingQuery): Promise<{ text: string; filename: string }> {
  const file = await api.file(`/api/v1/facilities/${facilityId}/bookings?${bookingQueryString(q, { format: "csv" })}`);
  return { text: file.text, filename: file.filename ?? `bookings-${q.from}-to-${q.to}.csv` };
}

/// The facility's courts, for the court filter.
export async function listCourts(api: Api, facilityId: string): Promise<Resource[]> {
  const page = await api.get<Answer<"/api/v1/facilities/{facility_id}/resources", "get">>(
    `/api/v1/facilities/${facilityId}/resources`,
  );
  return page.items;
}
