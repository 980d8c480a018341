import type { Booking } from "../../shared/api/types";

const STATUS: Record<Booking["status"], string> = {
  confirmed: "confirmed",
  checked_in: "checked in",
  completed: "completed",
  cancelled: "cancelled",
  no_show: "no-show",
};

const APPROVAL: Record<Booking["approval_status"], string> = {
  not_required: "no approval needed",
  pending: "awaiting approval",
  approved: "approved",
  auto_approved: "approved automatically",
  rejected: "rejected",
};

const PAYMENT: Record<Booking["payment_status"], string> = {
  pending: "not paid yet",
  paid: "paid",
  partial: "partly paid",
  refunded: "refunded",
  waived: "waived",
};

export const statusOf = (b: Booking) => STATUS[b.status];
export const approvalOf = (b: Booking) => APPROVAL[b.approval_status];
export const paymentOf = (b: Booking) => PAYMENT[b.payment_status];
export const typeOf = (b: Pick<Booking, "type">) => b.type.replace("_", " ");

/// A booking's state in a few words: "confirmed", "confirmed, awaiting approval".
export function statusWords(b: Booking): string {
  return b.approval_status === "pending" || b.approval_status === "rejected" ? `${statusOf(b)}, ${approvalOf(b)}` : statusOf(b);
}
