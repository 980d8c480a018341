// For component tests: a fake SlotBase at the network boundary, and a facility to render with.
import { Api } from "./client";
import type { Facility } from "./types";

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/// An answer other than 200 with a JSON body.
export class Reply {
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, body?: unknown) {
    this.status = status;
    this.body = body;
  }
}

/// Answers a request: with a JSON body for 200, or a Reply.
export type Handler = (request: FakeRequest) => unknown;

/// An API client whose requests go to `routes`, keyed "METHOD /path" (without the query). Every
/// request is recorded; one with no route gets a 404 problem+json.
export function fakeNetwork(routes: Record<string, Handler>): { api: Api; requests: FakeRequest[] } {
  const requests: FakeRequest[] = [];
  const fetcher = (async (input: string, init?: RequestInit) => {
    const url = new URL(input, "http://slotbase.test");
    const method = init?.method ?? "GET";
    const request = {
      method,
      path: url.pathname,
      query: url.searchParams,
      // An upload's file as it was sent; any other body as the JSON it carried.
      body: init?.body instanceof Blob ? init.body : init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    requests.push(request);
    const handler = routes[`${method} ${url.pathname}`];
    const out = handler
      ? handler(request)
      : new Reply(404, { type: "about:blank", title: "Not Found", status: 404, detail: `No route for ${method} ${url.pathname}.` });
    const reply = out instanceof Reply ? out : new Reply(200, out);
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), { status: reply.status });
  }) as unknown as typeof fetch;
  return { api: new Api("", fetcher), requests };
}

/// A list answer.
export function page<T>(items: T[]): { items: T[]; next_cursor: null } {
  return { items, next_cursor: null };
}

/// A facility in New York with the document's default policies.
export function aFacility(changes: Partial<Facility> = {}): Facility {
  return {
    id: "fac_1",
    organization_id: "org_1",
    name: "Riverside",
    timezone: "America/New_York",
    currency: "USD",
    status: "active",
    policies: {
      hold_ttl_seconds: 300,
      require_booking_approval: false,
      auto_approve_after_minutes: null,
      min_lead_time_minutes: 0,
      booking_window_days: 14,
      max_active_bookings_per_user: null,
      min_duration_minutes: 60,
      max_duration_minutes: 120,
      slot_step_minutes: 30,
      waitlist_expiry_hours: 2,
      cancellation: { tiers: [{ min_hours_before: 24, refund_percent: 100 }] },
      no_show_fee_percent: 100,
      check_in_opens_minutes_before: 30,
      no_show_grace_minutes: 15,
      payment_timing: "at_booking",
      offline_refund_destination: "credit",
      weekend_multiplier: 1,
      holiday_multiplier: 1,
      allow_player_recurring: false,
      recurring_horizon_days: 90,
      require_verified_email: false,
      membership: "open",
    },
    ...changes,
  };
}
