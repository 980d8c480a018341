import type { Api } from "../../shared/api/client";
import type { Answer, Body, MemberEntry, StaffEntry } from "../../shared/api/types";

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
