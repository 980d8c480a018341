// The facility's settings: booking policies, opening hours and holidays, prices per court.
export { Settings } from "./Settings";
