import type { Api } from "../../shared/api/client";
import type { Answer, AppNotification } from "../../shared/api/types";

export type Inbox = Answer<"/api/v1/me/notifications", "get">;

/// The caller's in-app notifications, newest first, with how many are unread.
export function myNotifications(api: Api, limit = 20): Promise<Inbox> {
  return api.get<Inbox>(`/api/v1/me/notifications?limit=${limit}`);
}

export function markRead(api: Api, id: string): Promise<AppNotification> {
  return api.post<Answer<"/api/v1/notifications/{notification_id}/read", "post">>(`/api/v1/notifications/${id}/read`, {});
}

export async function markAllRead(api: Api): Promise<number> {
  return (await api.post<Answer<"/api/v1/me/notifications/read-all", "post">>("/api/v1/me/notifications/read-all", {})).marked;
}
