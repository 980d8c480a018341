// The facility's settings: booking policies, opening hours and holidays, prices per court, the
// club's profile (logo, address, contact, sports, listing), the courts (attributes, order, pictures), and
// its payment account (with the return from the payment provider's onboarding).
export { Settings } from "./Settings";
export { forgetOnboardingReturn, readOnboardingReturn } from "./PaymentAccount";
