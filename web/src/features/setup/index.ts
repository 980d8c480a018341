// Setting up a new facility, step by step: organization, facility, hours, courts, policies.
export { Setup } from "./Setup";
