// Facilities and their courts. The admin app lists the facilities its user runs; players read a
// club's page (where it is, its hours, courts, prices and booking rules); the other features read
// facilities and courts through ./api.
export { facilitiesIRun } from "./api";
export { FacilityPage } from "./FacilityPage";
// How a court's type reads ("Tennis court"), for the screens that name courts.
export { typeWords } from "./words";
