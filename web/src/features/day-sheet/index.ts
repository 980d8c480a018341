// The desk's calendar: courts as columns by day, the week and the month, with the desk's actions.
export { DaySheet } from "./DaySheet";
