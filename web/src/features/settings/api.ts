// Saving policies, hours and prices are the set-up flow's calls; the settings screens use the same.
export { setHours, setPolicies, setPricing } from "../setup/api";
// Reading them is the facilities feature's, as every feature reads a facility.
export { getHours, getPricing, listResources } from "../facilities/api";
export type { Pricing } from "../../shared/api/types";
