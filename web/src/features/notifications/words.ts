// How notifications' words of the API read on screen, and what a template error says.
import { ApiError } from "../../shared/api/client";
import type { NotificationDelivery } from "../../shared/api/types";

export type Channel = NotificationDelivery["channel"];
export type DeliveryStatus = NotificationDelivery["status"];

const CHANNELS: Record<Channel, string> = { email: "E-mail", in_app: "In the app", sms: "Text message", push: "Push" };

/// "In the app" for in_app; an unknown word is shown as it is.
export function channelLabel(channel: string): string {
  return CHANNELS[channel as Channel] ?? channel.replace(/_/g, " ");
}

/// One group of the preferences: its heading and its types, in the catalogue's order.
export interface TypeGroup<T> {
  title: string;
  types: T[];
}

function groupOf(type: string): string {
  if (type.startsWith("booking.reminder_") || type === "booking.check_in_open") return "Reminders";
  if (type.startsWith("booking.")) return "Bookings";
  if (type.startsWith("waitlist.")) return "Waitlist";
  if (type.startsWith("payment.")) return "Payments";
  if (type.startsWith("account.") || type.startsWith("security.")) return "Your account";
  return "Other";
}

const GROUPS = ["Bookings", "Reminders", "Waitlist", "Payments", "Your account", "Other"];

/// The catalogue's types grouped the way a player thinks of them (bookings, reminders, the
/// waitlist, payments), each group in the catalogue's order; empty groups left out.
export function groupTypes<T extends { type: string }>(types: readonly T[]): TypeGroup<T>[] {
  return GROUPS.map((title) => ({ title, types: types.filter((t) => groupOf(t.type) === title) })).filter((g) => g.types.length > 0);
}

/// What is wrong with a template, from the server's 422: the field it names and, for a broken
/// template, the line ("line 3: the section {{#price}} is not closed").
export interface TemplateProblem {
  field: string;
  line: number | null;
  message: string;
}

export function templateProblem(e: unknown): TemplateProblem | null {
  if (!(e instanceof ApiError) || e.fields.length === 0) return null;
  const f = e.fields.find((x) => x.field === "body") ?? e.fields.find((x) => x.field === "subject") ?? e.fields[0];
  const m = /^line (\d+): (.*)$/s.exec(f.message);
  return m ? { field: f.field, line: Number(m[1]), message: m[2] } : { field: f.field, line: null, message: f.message };
}
