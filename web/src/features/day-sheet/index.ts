// The desk's view of one day: every court's bookings and blocks, with the desk's actions.
export { DaySheet } from "./DaySheet";
