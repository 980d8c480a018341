// What a player is told when a card does not pay: one clear sentence per reason, and what to do.
// The codes are Stripe's (the sandbox uses the same): decline codes from the issuer, card error
// codes from the card form.

const DECLINES: Record<string, string> = {
  insufficient_funds: "Your card has insufficient funds. Try another card.",
  expired_card: "Your card has expired. Try another card.",
  incorrect_cvc: "Your card's security code is incorrect. Check it and try again.",
  incorrect_number: "Your card number is incorrect. Check it and try again.",
  processing_error: "Your card could not be processed just now. Try again in a moment.",
  authentication_failed: "Your bank did not authenticate this payment. Try again, or try another card.",
  authentication_required: "Your bank needs to authenticate this payment. Try again to authenticate it.",
};

const GENERIC = "Your card was declined. Try another card, or ask your bank why.";

/// The message for a decline (`generic_decline`, `insufficient_funds`, ...). Reasons the player
/// should not be told (a card reported lost or stolen) read as a plain decline.
export function declineMessage(declineCode: string | null | undefined): string {
  return (declineCode && DECLINES[declineCode]) || GENERIC;
}

/// Which card field a card form error is about, so the form can point at it.
export type CardField = "number" | "expiry" | "cvc";

const CARD_ERRORS: Record<string, { field: CardField; message: string }> = {
  incorrect_number: { field: "number", message: "Your card number is incorrect. Check it and try again." },
  invalid_number: { field: "number", message: "Your card number is not a valid card number." },
  invalid_expiry_month: { field: "expiry", message: "Your card's expiry month is invalid. Use MM/YY, for example 04/29." },
  invalid_expiry_year: { field: "expiry", message: "Your card's expiry date is in the past or invalid." },
  expired_card: { field: "expiry", message: "Your card has expired. Try another card." },
  invalid_cvc: { field: "cvc", message: "Your card's security code is invalid: it is the 3 or 4 digits on the card." },
  incorrect_cvc: { field: "cvc", message: "Your card's security code is incorrect. Check it and try again." },
};

/// The field and message for an error of the provider's card form; undefined for one that is
/// about no field (the message the provider sent is shown then).
export function cardError(code: string): { field: CardField; message: string } | undefined {
  return CARD_ERRORS[code];
}
