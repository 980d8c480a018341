import type { Api } from "../../shared/api/client";
import type {
  Answer,
  AppNotification,
  Body,
  NotificationDelivery,
  NotificationPreferences,
  NotificationTemplate,
  OutboxMessage,
  User,
} from "../../shared/api/types";

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

export function myPreferences(api: Api): Promise<NotificationPreferences> {
  return api.get<NotificationPreferences>("/api/v1/me/notification-preferences");
}

export type PreferencesChange = Body<"/api/v1/me/notification-preferences", "put">;

export function savePreferences(api: Api, change: PreferencesChange): Promise<NotificationPreferences> {
  return api.put<NotificationPreferences>("/api/v1/me/notification-preferences", change);
}

/// The delivery log's filters; an empty one is "any".
export interface LogFilters {
  status: NotificationDelivery["status"] | "";
  channel: NotificationDelivery["channel"] | "";
  type: string;
  date: string;
  user_id?: string;
}

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const text = q.toString();
  return text ? `?${text}` : "";
}

/// A facility's messages and how each went, newest first.
export async function deliveryLog(api: Api, facilityId: string, f: LogFilters): Promise<NotificationDelivery[]> {
  const page = await api.get<Answer<"/api/v1/facilities/{facility_id}/notifications", "get">>(
    `/api/v1/facilities/${facilityId}/notifications${query({ status: f.status, channel: f.channel, type: f.type, date: f.date, user_id: f.user_id, limit: "100" })}`,
  );
  return page.items;
}

/// One message as it was sent, with its HTML.
export function deliveryOne(api: Api, facilityId: string, id: string): Promise<NotificationDelivery> {
  return api.get<NotificationDelivery>(`/api/v1/facilities/${facilityId}/notifications/${id}`);
}

export async function facilityTemplates(api: Api, facilityId: string, locale: Locale = "en"): Promise<NotificationTemplate[]> {
  const page = await api.get<Answer<"/api/v1/facilities/{facility_id}/notification-templates", "get">>(
    `/api/v1/facilities/${facilityId}/notification-templates${query({ locale })}`,
  );
  return page.items;
}

export type TemplateInput = Body<"/api/v1/facilities/{facility_id}/notification-templates/{type}", "put">;
export type TemplatePreview = Answer<"/api/v1/facilities/{facility_id}/notification-templates/{type}/preview", "post">;

export function saveTemplate(api: Api, facilityId: string, type: string, input: TemplateInput): Promise<NotificationTemplate> {
  return api.put<NotificationTemplate>(`/api/v1/facilities/${facilityId}/notification-templates/${type}`, input);
}

export function removeTemplate(api: Api, facilityId: string, type: string, channel: string, locale: string): Promise<void> {
  return api.del<void>(`/api/v1/facilities/${facilityId}/notification-templates/${type}${query({ channel, locale })}`);
}

export function previewTemplate(api: Api, facilityId: string, type: string, input: TemplateInput): Promise<TemplatePreview> {
  return api.post<TemplatePreview>(`/api/v1/facilities/${facilityId}/notification-templates/${type}/preview`, input);
}

/// The e-mails the local outbox keeps, newest first (platform administrators).
export async function outbox(api: Api, to: string): Promise<OutboxMessage[]> {
  const page = await api.get<Answer<"/api/v1/admin/outbox", "get">>(`/api/v1/admin/outbox${query({ to, limit: "100" })}`);
  return page.items;
}

/// Whether the signed-in account administers the platform (and may read the outbox).
export async function isPlatformAdmin(api: Api): Promise<boolean> {
  const me = await api.get<Answer<"/api/v1/me", "get">>("/api/v1/me");
  return me.roles.some((r) => r.role === "platform_admin");
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

/// Sets the caller's phone number for text messages (the server keeps it in E.164; a number it
/// cannot read is a 422 naming `phone`), or removes it with null.
export function savePhone(api: Api, phone: string | null): Promise<User> {
  return api.patch<Answer<"/api/v1/me", "patch">>("/api/v1/me", { phone } satisfies Body<"/api/v1/me", "patch">);
}

/// The languages the server writes messages in (User.locale).
export type Locale = NonNullable<Body<"/api/v1/me", "patch">["locale"]>;

/// Sets the language of the caller's messages (a language the server does not write is a 422
/// naming `locale`).
export function saveLocale(api: Api, locale: Locale): Promise<User> {
  return api.patch<Answer<"/api/v1/me", "patch">>("/api/v1/me", { locale } satisfies Body<"/api/v1/me", "patch">);
}
