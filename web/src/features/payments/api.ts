import type { Api } from "../../shared/api/client";
import type {
  Answer,
  Body,
  Booking,
  CreditEntry,
  Fee,
  Money,
  Payment,
  PaymentAccount,
  PaymentHistory,
  PaymentIntent,
  Refund,
  SavedCard,
} from "../../shared/api/types";

// Paying online: the player's side. Card details never come here: the provider's card form
// (CardForm.tsx) turns them into a payment method, and these calls only carry its id.

/// Starts paying for the caller's hold: the hold's price less their account credit at the
/// facility. The same intent comes back for a repeat (same hold, same amount), and the hold is
/// kept while it runs (up to 15 minutes): so it is asked for when the player presses "Pay", not
/// when the hold panel opens.
export function startHoldPayment(api: Api, holdId: string): Promise<PaymentIntent> {
  return api.post<Answer<"/api/v1/payment-intents", "post">>("/api/v1/payment-intents", { hold_id: holdId });
}

export function getPaymentIntent(api: Api, intentId: string): Promise<PaymentIntent> {
  return api.get<Answer<"/api/v1/payment-intents/{intent_id}", "get">>(`/api/v1/payment-intents/${intentId}`);
}

/// Pays with a payment method made at the provider; a declined card is a 402 ApiError with its `declineCode`.
export function confirmPaymentIntent(api: Api, intentId: string, paymentMethod: string, saveCard: boolean): Promise<PaymentIntent> {
  const body: Body<"/api/v1/payment-intents/{intent_id}/confirm", "post"> = { payment_method: paymentMethod, save_card: saveCard };
  return api.post<Answer<"/api/v1/payment-intents/{intent_id}/confirm", "post">>(`/api/v1/payment-intents/${intentId}/confirm`, body);
}

export function getBooking(api: Api, bookingId: string): Promise<Booking> {
  return api.get<Answer<"/api/v1/bookings/{booking_id}", "get">>(`/api/v1/bookings/${bookingId}`);
}

// The player's money.

export function myPayments(api: Api): Promise<PaymentHistory> {
  return api.get<Answer<"/api/v1/me/payments", "get">>("/api/v1/me/payments");
}

/// The caller's account credit at a facility.
export async function myCredit(api: Api, facilityId: string): Promise<Money> {
  const answer = await api.get<Answer<"/api/v1/me/credit", "get">>(`/api/v1/me/credit?facility_id=${encodeURIComponent(facilityId)}`);
  return answer.balance;
}

export async function myCards(api: Api): Promise<SavedCard[]> {
  return (await api.get<Answer<"/api/v1/me/cards", "get">>("/api/v1/me/cards")).items;
}

// The desk: a booking's payments, their refunds and its fees.

export interface BookingMoney {
  payments: Payment[];
  refunds: Refund[];
  fees: Fee[];
}

export async function bookingPayments(api: Api, bookingId: string): Promise<BookingMoney> {
  const answer = await api.get<Answer<"/api/v1/bookings/{booking_id}/payments", "get">>(`/api/v1/bookings/${bookingId}/payments`);
  return { payments: answer.items, refunds: answer.refunds, fees: answer.fees };
}

/// A fee (no-show, late cancellation) no longer owed; the reason is the player's to see.
export function waiveFee(api: Api, feeId: string, reason: string): Promise<Fee> {
  const body: Body<"/api/v1/fees/{fee_id}/waive", "post"> = { reason };
  return api.post<Answer<"/api/v1/fees/{fee_id}/waive", "post">>(`/api/v1/fees/${feeId}/waive`, body);
}

export type OfflinePayment = Body<"/api/v1/bookings/{booking_id}/payments", "post">;

/// Records a payment taken at the desk: `amount` in the booking's minor units.
export function recordPayment(api: Api, bookingId: string, payment: OfflinePayment): Promise<Payment> {
  return api.post<Answer<"/api/v1/bookings/{booking_id}/payments", "post">>(`/api/v1/bookings/${bookingId}/payments`, payment);
}

export type RecordAction = "verify" | "dispute" | "void";

/// A desk payment's record: recorded, then verified, disputed or void (final).
export function setPaymentRecord(api: Api, paymentId: string, action: RecordAction): Promise<Payment> {
  return api.post<Answer<"/api/v1/payments/{payment_id}/verify", "post">>(`/api/v1/payments/${paymentId}/${action}`);
}

export type RefundRequest = Body<"/api/v1/payments/{payment_id}/refunds", "post">;

export function refundPayment(api: Api, paymentId: string, refund: RefundRequest): Promise<Refund> {
  return api.post<Answer<"/api/v1/payments/{payment_id}/refunds", "post">>(`/api/v1/payments/${paymentId}/refunds`, refund);
}

export type RefundDestination = NonNullable<Body<"/api/v1/refunds/{refund_id}/retry", "post">>["destination"];

/// A failed refund tried again (back the way it was paid) or given as account credit: a new refund.
export function retryRefund(api: Api, refundId: string, destination: NonNullable<RefundDestination>): Promise<Refund> {
  return api.post<Answer<"/api/v1/refunds/{refund_id}/retry", "post">>(`/api/v1/refunds/${refundId}/retry`, { destination });
}

/// The booking owes nothing any more; returns its new payment status.
export async function waiveBookingPayment(api: Api, bookingId: string, reason: string): Promise<Booking["payment_status"]> {
  const answer = await api.post<Answer<"/api/v1/bookings/{booking_id}/payment-status", "post">>(
    `/api/v1/bookings/${bookingId}/payment-status`,
    { status: "waived", reason },
  );
  return answer.payment_status;
}

// The facility's payments and its account at the provider.

export type PaymentFilter = { method?: string; status?: string; date?: string };
export type FacilityPayments = Answer<"/api/v1/facilities/{facility_id}/payments", "get">;

/// The facility's payments (newest first) and, per method, what came in less what went back.
export function facilityPayments(api: Api, facilityId: string, filter: PaymentFilter): Promise<FacilityPayments> {
  const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])));
  const q = query.size ? `?${query}` : "";
  return api.get<Answer<"/api/v1/facilities/{facility_id}/payments", "get">>(`/api/v1/facilities/${facilityId}/payments${q}`);
}

export type Reconciliation = Answer<"/api/v1/facilities/{facility_id}/payments/reconciliation", "get">;

/// The last 30 days' discrepancies between the provider's books and ours (owner or manager).
export function reconciliation(api: Api, facilityId: string): Promise<Reconciliation> {
  return api.get<Answer<"/api/v1/facilities/{facility_id}/payments/reconciliation", "get">>(
    `/api/v1/facilities/${facilityId}/payments/reconciliation`,
  );
}

/// Whether the facility takes cards (anyone who can see the facility may ask).
export function paymentAccount(api: Api, facilityId: string): Promise<PaymentAccount> {
  return api.get<Answer<"/api/v1/facilities/{facility_id}/payments/account", "get">>(`/api/v1/facilities/${facilityId}/payments/account`);
}

/// The provider's onboarding page for the facility's account (the sandbox's is served by SlotBase).
export async function connectPayments(api: Api, facilityId: string): Promise<string> {
  const answer = await api.post<Answer<"/api/v1/facilities/{facility_id}/payments/connect", "post">>(
    `/api/v1/facilities/${facilityId}/payments/connect`,
  );
  return answer.onboarding_url;
}

// The desk: a player's account credit at the facility.

/// Every movement of the player's credit at the facility, newest first; the balance is their sum.
export async function creditLedger(api: Api, facilityId: string, userId: string): Promise<CreditEntry[]> {
  const answer = await api.get<Answer<"/api/v1/facilities/{facility_id}/members/{user_id}/credit/ledger", "get">>(
    `/api/v1/facilities/${facilityId}/members/${userId}/credit/ledger`,
  );
  return answer.items;
}

/// Adds credit (a positive amount of minor units) or takes it off (negative), with the reason the player sees.
export function adjustCredit(api: Api, facilityId: string, userId: string, amount: number, reason: string): Promise<CreditEntry> {
  const body: Body<"/api/v1/facilities/{facility_id}/members/{user_id}/credit", "post"> = { amount, reason };
  return api.post<Answer<"/api/v1/facilities/{facility_id}/members/{user_id}/credit", "post">>(
    `/api/v1/facilities/${facilityId}/members/${userId}/credit`,
    body,
  );
}
