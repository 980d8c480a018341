// Notifications: the player's bell (live over /ws) and preferences; for staff, the delivery log
// and the facility's message templates; for platform administrators, the local outbox.
export { NotificationBell } from "./NotificationBell";
export { NotificationPreferences } from "./NotificationPreferences";
export { DeliveryLog } from "./DeliveryLog";
export { NotificationTemplates } from "./Templates";
export { Outbox } from "./Outbox";
export { isPlatformAdmin } from "./api";
