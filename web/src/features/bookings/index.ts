// A player's own bookings: upcoming and past, cancel, reschedule, check in, the waitlist; changing a
// series (also used by the desk's series panel).
export { MyBookings } from "./MyBookings";
export { SeriesChange } from "./SeriesChange";
