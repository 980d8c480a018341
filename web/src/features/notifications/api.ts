import type { Api } from "../../shared/api/client";
import type { Answer, AppNotification } from "../../shared/api/types";

export type Inbox = Answer<"/api/v1/me/notifications", "get">;
export type PushSubscriptionRecord = Answer<"/api/v1/me/push-subscriptions", "post">;

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

/// The server's VAPID public key (base64url): PushManager.subscribe's applicationServerKey.
export async function vapidPublicKey(api: Api): Promise<string> {
  return (await api.get<Answer<"/api/v1/push/vapid-public-key", "get">>("/api/v1/push/vapid-public-key")).public_key;
}

/// Tells the server about this device's subscription (again is fine: the same endpoint).
export function savePushSubscription(api: Api, sub: PushSubscriptionJSON): Promise<PushSubscriptionRecord> {
  return api.post<PushSubscriptionRecord>("/api/v1/me/push-subscriptions", {
    endpoint: sub.endpoint,
    keys: { p256dh: sub.keys?.p256dh, auth: sub.keys?.auth },
  });
}

export function deletePushSubscription(api: Api, endpoint: string): Promise<void> {
  return api.del<void>("/api/v1/me/push-subscriptions", { endpoint });
}
