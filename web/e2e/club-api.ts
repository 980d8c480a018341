// Clubs set up through the API, for specs about what a player sees of a club's settings (its
// hours, holidays, courts, prices and policies), where going through the admin app's screens
// would test those screens instead.
import { expect, type APIRequestContext } from "@playwright/test";
import { PASSWORD, uniqueEmail } from "./helpers";

export interface CourtSpec {
  name: string;
  type?: string;
  indoor?: boolean;
  surface?: string;
  lighting?: boolean;
  color?: string;
  pricing?: Record<string, unknown>;
}

export interface ClubSpec {
  name: string;
  timezone?: string;
  address?: Record<string, string>;
  settings?: Record<string, unknown>;
  policies?: Record<string, unknown>;
  hours: { weekly: { weekday: number; open: string; close: string }[]; holidays?: Record<string, unknown>[] };
  courts: CourtSpec[];
}

export interface ApiClub {
  id: string;
  name: string;
  /// Calls the API as the club's owner.
  asOwner: (method: "get" | "post" | "put" | "patch", path: string, data?: unknown) => Promise<unknown>;
}

/// Signs an owner up and sets the club up: organization, facility, settings and policies, hours
/// and holidays, courts and their prices.
export async function clubThroughApi(request: APIRequestContext, spec: ClubSpec): Promise<ApiClub> {
  const registered = await request.post("/api/v1/auth/register", {
    data: { email: uniqueEmail("owner"), password: PASSWORD, name: "Olivia Owner" },
  });
  expect(registered.ok(), await registered.text()).toBe(true);
  const headers = { authorization: `Bearer ${(await registered.json()).access_token}` };
  const asOwner = async (method: "get" | "post" | "put" | "patch", path: string, data?: unknown) => {
    const r = await request.fetch(path, { method: method.toUpperCase(), headers, data });
    expect(r.ok(), `${method.toUpperCase()} ${path}: ${await r.text()}`).toBe(true);
    return r.status() === 204 ? undefined : r.json();
  };
  const org = (await asOwner("post", "/api/v1/organizations", { name: `${spec.name} Club` })) as { id: string };
  const facility = (await asOwner("post", `/api/v1/organizations/${org.id}/facilities`, {
    name: spec.name,
    timezone: spec.timezone ?? "America/New_York",
    currency: "USD",
    ...(spec.address ? { address: spec.address } : {}),
  })) as { id: string };
  if (spec.settings || spec.policies)
    await asOwner("patch", `/api/v1/facilities/${facility.id}`, {
      ...(spec.settings ? { settings: spec.settings } : {}),
      ...(spec.policies ? { policies: spec.policies } : {}),
    });
  await asOwner("put", `/api/v1/facilities/${facility.id}/hours`, { holidays: [], ...spec.hours });
  for (const [i, c] of spec.courts.entries()) {
    const { pricing, ...court } = c;
    const made = (await asOwner("post", `/api/v1/facilities/${facility.id}/resources`, {
      type: "tennis_court",
      display_order: i + 1,
      ...court,
    })) as { id: string };
    await asOwner("put", `/api/v1/resources/${made.id}/pricing`, pricing ?? { base: { amount: 2000, currency: "USD" } });
  }
  return { id: facility.id, name: spec.name, asOwner };
}

/// Every day of the week, open from `open` to `close`.
export function everyDay(open: string, close: string) {
  return [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open, close }));
}

/// A local date (YYYY-MM-DD) `days` after today in the zone.
export function dayIn(timeZone: string, days = 0): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/// The ISO weekday (1 = Monday ... 7 = Sunday) of a local date.
export function weekdayOf(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
}

/// "Mon, Dec 7": a local date as the app writes it.
export function dayLabel(date: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "short", month: "short", day: "numeric" }).format(
    new Date(`${date}T12:00:00Z`),
  );
}
