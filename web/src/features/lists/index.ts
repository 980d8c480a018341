// A facility's people (members and staff) and the day's bookings as searchable lists.
export { Lists } from "./Lists";
