// Money: paying for a hold by card (the hold panel's card step, and the return from the bank's
// authentication page), the player's payments, and the desk's and the facility's payments.
export { creditApplied, PayForHold, PriceBreakdown } from "./PayForHold";
export { PaymentReturn } from "./PaymentReturn";
export { authenticateAtBank, readPaymentReturn } from "./intents";
export { MyPayments } from "./MyPayments";
export { BookingPayments } from "./BookingPayments";
export { PaymentsList } from "./PaymentsList";
export { cardProviderOf, type CardProvider } from "./CardForm";
