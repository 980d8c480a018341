// Notifications: the player's bell (live over /ws), preferences, phone number for texts and the messages' language; for staff, the delivery log
// and the facility's message templates; for platform administrators, the local outbox.
export { NotificationBell } from "./NotificationBell";
export { NotificationPreferences } from "./NotificationPreferences";
export { PhoneNumber } from "./PhoneNumber";
export { MessageLanguage } from "./MessageLanguage";
export { DeliveryLog } from "./DeliveryLog";
export { NotificationTemplates } from "./Templates";
export { Outbox } from "./Outbox";
export { isPlatformAdmin } from "./api";
