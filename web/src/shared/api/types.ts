// The API's types, taken from the contract: `npm run gen:api` turns api/openapi.json into
// schema.d.ts beside this file (generated, not committed), and every type here is an alias of
// it, so a change to the document that breaks a screen fails `tsc`.
import type { components, paths } from "./schema";

type Schemas = components["schemas"];

export type Money = Schemas["Money"];
export type User = Schemas["User"];
export type Profile = Schemas["Profile"];
export type Role = Schemas["Role"];
export type Session = Schemas["AuthResult"];
export type Problem = Schemas["Problem"];
export type FieldError = NonNullable<Problem["errors"]>[number];
export type Policies = Schemas["Policies"];
export type CancellationTier = NonNullable<NonNullable<Policies["cancellation"]>["tiers"]>[number];
export type Resource = Schemas["Resource"];
export type ResourceType = Schemas["ResourceType"];
export type Availability = Schemas["Availability"];
export type Slot = Availability["resources"][number]["slots"][number];
export type Hold = Schemas["Hold"];
export type Booking = Schemas["Booking"];
/// A booking as a facility's staff list it, with its player's name and contact.
export type StaffBooking = Schemas["StaffBooking"];
export type BookingPlayer = Schemas["BookingPlayer"];
export type Series = Schemas["Series"];
export type SeriesScope = "this" | "following" | "all";
export type BookingType = Schemas["BookingType"];
export type Block = Schemas["Block"];
export type WaitlistEntry = Schemas["WaitlistEntry"];
export type MemberEntry = Schemas["MemberEntry"];
export type StaffEntry = Schemas["StaffEntry"];
export type Hours = Schemas["Hours"];
export type Holiday = NonNullable<Hours["holidays"]>[number];
export type Pricing = Schemas["Pricing"];
export type PriceRule = NonNullable<Pricing["rules"]>[number];
export type Address = NonNullable<Schemas["Address"]>;
export type PaymentAccount = Schemas["PaymentAccount"];
export type PaymentIntent = Schemas["PaymentIntent"];
export type Payment = Schemas["Payment"];
export type PaymentMethodName = Payment["method"];
export type OfflineMethod = NonNullable<Policies["offline_methods"]>[number];
export type Refund = Schemas["Refund"];
export type Fee = Schemas["Fee"];
export type CreditEntry = Schemas["CreditEntry"];
export type SavedCard = Schemas["SavedCard"];
export type PaymentHistory = Schemas["PaymentHistory"];
export type CalendarFeedLink = Schemas["CalendarFeedLink"];
export type AppNotification = Schemas["Notification"];
export type NotificationDelivery = Schemas["NotificationDelivery"];
export type NotificationTemplate = Schemas["NotificationTemplate"];
export type NotificationPreferences = Schemas["NotificationPreferences"];
export type ChannelSwitches = Schemas["ChannelSwitches"];
export type OutboxMessage = Schemas["OutboxMessage"];
/// The payment provider's own answers (the sandbox's, in Stripe's shapes), not SlotBase's.
export type ProviderPaymentMethod = Schemas["SandboxPaymentMethod"];
export type ProviderError = Schemas["ProviderError"];

/// A facility as the screens use it: with its policies. The server always sends them, but the
/// document does not list `policies` as required, so `withPolicies` checks it where a facility
/// comes in, and the screens trust it from there.
export type Facility = Schemas["Facility"] & { policies: Policies };

export function withPolicies(f: Schemas["Facility"]): Facility {
  if (!f.policies) throw new Error(`The facility ${f.name} came without its policies.`);
  return { ...f, policies: f.policies };
}

type Method = "get" | "post" | "put" | "patch" | "delete";
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type JsonOf<T> = T extends { content: { "application/json": infer J } } ? J : undefined;

/// The JSON of the success answer to `M P`, as the document spells it (undefined for a 204).
export type Answer<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: infer R } ? JsonOf<R[Extract<keyof R, 200 | 201 | 204>]> : never;

/// The JSON request body of `M P`, as the document spells it.
export type Body<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;
