// Facilities and their courts. The admin app lists the facilities its user runs; the other
// features read facilities and courts through ./api.
export { facilitiesIRun } from "./api";
