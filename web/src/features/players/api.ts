import type { Api } from "../../shared/api/client";
import type { Answer, Body } from "../../shared/api/types";

export type RosterEntry = Answer<"/api/v1/facilities/{facility_id}/players/{user_id}", "patch">;
export type RosterStatus = RosterEntry["status"];
export type PlayerInvitation = Answer<"/api/v1/facilities/{facility_id}/invitations", "post">;
export type JoinRequest = Answer<"/api/v1/facilities/{facility_id}/join-requests", "post">;
export type NewPlayer = Body<"/api/v1/facilities/{facility_id}/players", "post">;
export type InvitationPreview = Answer<"/api/v1/invitations/preview", "post">;

/// The facility's roster, filtered by status and a fragment of a name or e-mail (every page).
export async function listPlayers(api: Api, facilityId: string, status: RosterStatus | "", q: string): Promise<RosterEntry[]> {
  const all: RosterEntry[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ limit: "200" });
    if (status) params.set("status", status);
    if (q.trim()) params.set("q", q.trim());
    if (cursor) params.set("cursor", cursor);
    const page: Answer<"/api/v1/facilities/{facility_id}/players", "get"> = await api.get(
      `/api/v1/facilities/${facilityId}/players?${params}`,
    );
    all.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return all;
}

export function addPlayer(api: Api, facilityId: string, player: NewPlayer): Promise<RosterEntry> {
  return api.post<RosterEntry>(`/api/v1/facilities/${facilityId}/players`, player);
}

export function setPlayerStatus(api: Api, facilityId: string, userId: string, status: "active" | "inactive"): Promise<RosterEntry> {
  return api.patch<RosterEntry>(`/api/v1/facilities/${facilityId}/players/${userId}`, { status });
}

export function invitePlayer(api: Api, facilityId: string, email: string): Promise<PlayerInvitation> {
  return api.post<PlayerInvitation>(`/api/v1/facilities/${facilityId}/invitations`, { email });
}

export async function pendingInvitations(api: Api, facilityId: string): Promise<PlayerInvitation[]> {
  const page = await api.get<Answer<"/api/v1/facilities/{facility_id}/invitations", "get">>(
    `/api/v1/facilities/${facilityId}/invitations?status=pending`,
  );
  return page.items;
}

export function resendInvitation(api: Api, id: string): Promise<PlayerInvitation> {
  return api.post<PlayerInvitation>(`/api/v1/invitations/${id}/resend`, {});
}

export function revokeInvitation(api: Api, id: string): Promise<PlayerInvitation> {
  return api.post<PlayerInvitation>(`/api/v1/invitations/${id}/revoke`, {});
}

export function previewInvitation(api: Api, token: string): Promise<InvitationPreview> {
  return api.post<InvitationPreview>(`/api/v1/invitations/preview`, { token });
}

export function acceptInvitation(api: Api, token: string): Promise<RosterEntry> {
  return api.post<RosterEntry>(`/api/v1/invitations/accept`, { token });
}

export async function pendingJoinRequests(api: Api, facilityId: string): Promise<JoinRequest[]> {
  const page = await api.get<Answer<"/api/v1/facilities/{facility_id}/join-requests", "get">>(
    `/api/v1/facilities/${facilityId}/join-requests?status=pending`,
  );
  return page.items;
}

export function decideJoinRequest(api: Api, id: string, decision: "approve" | "reject", reason?: string): Promise<JoinRequest> {
  return api.post<JoinRequest>(`/api/v1/join-requests/${id}/${decision}`, reason ? { reason } : {});
}

export function askToJoin(api: Api, facilityId: string, message?: string): Promise<JoinRequest> {
  return api.post<JoinRequest>(`/api/v1/facilities/${facilityId}/join-requests`, message?.trim() ? { message: message.trim() } : {});
}

export async function myJoinRequests(api: Api): Promise<JoinRequest[]> {
  const page = await api.get<Answer<"/api/v1/me/join-requests", "get">>(`/api/v1/me/join-requests`);
  return page.items;
}

export type Standing = { member: boolean; request: JoinRequest | null };

/// Whether the signed-in player is on the club's roster (the `member` role on it, which an
/// inactive player keeps) and their latest request to join it.
export async function standingAt(api: Api, facilityId: string): Promise<Standing> {
  const [me, requests] = await Promise.all([api.get<Answer<"/api/v1/me", "get">>("/api/v1/me"), myJoinRequests(api)]);
  const member = me.roles.some((r) => r.role === "member" && r.scope_type === "facility" && r.scope_id === facilityId);
  const mine = requests.filter((r) => r.facility_id === facilityId);
  const request = mine.find((r) => r.status === "pending") ?? mine.find((r) => r.status === "rejected") ?? null;
  return { member, request };
}
