// How payments' words of the API read on screen.
import type { Fee, Payment, Refund } from "../../shared/api/types";

const METHODS: Record<string, string> = {
  card: "Card",
  credit: "Account credit",
  cash: "Cash",
  check: "Check",
  bank_transfer: "Bank transfer",
  venmo: "Venmo",
  zelle: "Zelle",
  other: "Other",
};

/// "Bank transfer" for bank_transfer; an unknown word is shown as it is.
export function methodLabel(method: string): string {
  return METHODS[method] ?? method.replace(/_/g, " ");
}

const RECORD_STATUS: Record<Payment["status"], string> = {
  succeeded: "paid",
  recorded: "recorded",
  verified: "verified",
  disputed: "disputed",
  void: "void",
};

export function paymentStatusLabel(status: Payment["status"]): string {
  return RECORD_STATUS[status] ?? status;
}

/// Where a refund went, for the payment it came from.
export function refundDestination(refund: Pick<Refund, "destination">, paidWith: Payment["kind"] | undefined): string {
  if (refund.destination === "credit") return "to account credit";
  if (paidWith === "card") return "to the card";
  if (paidWith === "credit") return "to account credit";
  return "back at the desk";
}

export function feeLabel(kind: Fee["kind"]): string {
  return kind === "no_show" ? "No-show fee" : "Late cancellation fee";
}

export function feeStatusLabel(status: Fee["status"]): string {
  return status === "pending" ? "owed" : status;
}
