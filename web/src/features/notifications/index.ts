// Notifications: the player's bell (live over /ws), preferences and phone number for texts; for staff, the delivery log
// and the facility's message templates; for platform administrators, the local outbox.
export { NotificationBell } from "./NotificationBell";
export { NotificationPreferences } from "./NotificationPreferences";
export { PhoneNumber } from "./PhoneNumber";
export { DeliveryLog } from "./DeliveryLog";
export { NotificationTemplates } from "./Templates";
export { Outbox } from "./Outbox";
export { isPlatformAdmin } from "./api";
