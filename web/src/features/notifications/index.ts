// In-app notifications: the bell with the unread count and the latest messages, live over /ws.
export { NotificationBell } from "./NotificationBell";
