// A player's own bookings: upcoming and past, cancel, reschedule, check in, the waitlist.
export { MyBookings } from "./MyBookings";
export { SeriesChange } from "./SeriesChange";
