import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { aFacility, fakeNetwork, page, type FakeRequest } from "../../shared/api/testing";
import type { Availability, Pricing } from "../../shared/api/types";
import { BookView } from "./BookView";

// Monday 7 December 2026, 20:30 in New York: today's last slots have started.
const NOW = new Date("2026-12-08T01:30:00Z");
const usd = (amount: number) => ({ amount, currency: "USD" });
const facility = aFacility({
  name: "Riverside",
  policies: { ...aFacility().policies, payment_timing: "before_session", weekend_multiplier: 1.25 },
});
const pricing: Pricing = {
  base: usd(2000),
  per_minutes: 60,
  rules: [{ name: "Evenings", weekdays: [1, 2, 3, 4, 5], from: "18:00", to: "21:00", price: usd(3000) }],
};

type Status = Availability["resources"][number]["slots"][number]["status"];
const slot = (date: string, hour: number, status: Status = "available", amount = 2000) => {
  const h = String(hour).padStart(2, "0");
  const e = String(hour + 1).padStart(2, "0");
  return { start: `${date}T${h}:00:00-05:00`, end: `${date}T${e}:00:00-05:00`, status, price: usd(amount) };
};
/// The club's days: today (over but for its closed slots), tomorrow with free courts.
function day(date: string): Availability {
  if (date === "2026-12-12")
    return {
      facility_id: "fac_1",
      timezone: "America/New_York",
      resources: [
        { resource_id: "r1", name: "Court 1", slots: [slot(date, 9, "available", 2500), slot(date, 18, "available", 2500)] },
        { resource_id: "r2", name: "Court 2", slots: [slot(date, 9, "booked", 2500)] },
      ],
    };
  const today = date === "2026-12-07";
  return {
    facility_id: "fac_1",
    timezone: "America/New_York",
    resources: [
      {
        resource_id: "r1",
        name: "Court 1",
        slots: today
          ? [slot(date, 19, "closed", 3000), slot(date, 20, "closed", 3000)]
          : [slot(date, 7, "booked"), slot(date, 8), slot(date, 18, "available", 3000)],
      },
      {
        resource_id: "r2",
        name: "Court 2",
        slots: today ? [slot(date, 19, "closed", 3000), slot(date, 20, "closed", 3000)] : [slot(date, 7), slot(date, 8), slot(date, 9)],
      },
    ],
  };
}

function club(extra: Record<string, (r: FakeRequest) => unknown> = {}) {
  return fakeNetwork({
    "GET /api/v1/facilities": () => page([facility]),
    "GET /api/v1/facilities/fac_1": () => facility,
    "GET /api/v1/facilities/fac_1/availability": (r: FakeRequest) => day(r.query.get("date")!),
    "GET /api/v1/facilities/fac_1/hours": () => ({ weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: "07:00", close: "22:00" })), holidays: [] }),
    "GET /api/v1/facilities/fac_1/resources": () =>
      page([
        { id: "r1", facility_id: "fac_1", name: "Court 1", type: "tennis_court", status: "active" },
        { id: "r2", facility_id: "fac_1", name: "Court 2", type: "tennis_court", status: "active" },
      ]),
    "GET /api/v1/resources/r1/pricing": () => pricing,
    "GET /api/v1/resources/r2/pricing": () => pricing,
    "GET /api/v1/bookings": () => page([]),
    "POST /api/v1/holds": (r: FakeRequest) => {
      const body = r.body as { resource_id: string; start: string; end: string };
      // The hold costs what the slot did.
      const held = day(body.start.slice(0, 10))
        .resources.find((c) => c.resource_id === body.resource_id)
        ?.slots.find((x) => x.start === body.start);
      return { id: "hld_1", ...body, expires_at: new Date(NOW.getTime() + 300_000).toISOString(), price: held!.price };
    },
    ...extra,
  });
}

class NoSocket {
  send() {}
  close() {}
}

function phone(matches: boolean) {
  vi.stubGlobal("matchMedia", () => ({ matches, addEventListener() {}, removeEventListener() {} }));
}

describe("BookView", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    vi.stubGlobal("WebSocket", NoSocket);
    localStorage.clear();
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("opens on the first day with a free slot, not on a day that is over", async () => {
    phone(false);
    const { api, requests } = club();
    render(<BookView api={api} onBooked={vi.fn()} />);
    const date = (await screen.findByLabelText("Date")) as HTMLInputElement;
    expect(date.value).toBe("2026-12-08");
    await screen.findByRole("button", { name: "Court 1, 08:00 to 09:00, available, $20.00" });
    const asked = requests.filter((r) => r.path.endsWith("/availability")).map((r) => r.query.get("date"));
    expect(asked.slice(0, 2)).toEqual(["2026-12-07", "2026-12-08"]);
    // Chosen by hand, a day that is over says so rather than showing its past slots; the day
    // before's slots are gone at once, not left to be picked while the new day loads.
    fireEvent.change(date, { target: { value: "2026-12-07" } });
    expect(screen.queryByRole("button", { name: /^Court 1, 08:00 to 09:00/ })).toBeNull();
    expect(screen.getByText("Loading the courts…")).toBeTruthy();
    expect(await screen.findByText("This day's times have all passed. Pick a later date.")).toBeTruthy();
  });

  it("explains a peak price in the grid and in the hold panel", async () => {
    phone(false);
    const { api } = club();
    render(<BookView api={api} onBooked={vi.fn()} />);
    const peak = await screen.findByRole("button", { name: "Court 1, 18:00 to 19:00, available, $30.00, peak time" });
    fireEvent.click(peak);
    const hold = await screen.findByRole("region", { name: "Your hold" });
    expect(within(hold).getByRole("list", { name: "Why this price" }).textContent).toBe(
      "Evenings (peak time, Mon–Fri 18:00–21:00): $30.00 an hour instead of $20.00.",
    );
  });

  it("says once what holds for every slot of the day, such as a weekend's rate", async () => {
    phone(false);
    const { api } = club();
    render(<BookView api={api} onBooked={vi.fn()} />);
    fireEvent.change(await screen.findByLabelText("Date"), { target: { value: "2026-12-12" } });
    expect(await screen.findByText("Weekend rate: prices × 1.25 (25% more) on Saturdays and Sundays.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Court 1, 18:00 to 19:00, available, $25.00" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Court 1, 09:00 to 10:00, available, $25.00" }));
    // The hold panel still gives the whole reason.
    const hold = await screen.findByRole("region", { name: "Your hold" });
    await waitFor(() => expect(within(hold).getByRole("list", { name: "Why this price" }).textContent).toMatch(/^Weekend rate/));
  });

  it("on a phone, filters the courts and offers the next free slots, one tap to hold", async () => {
    phone(true);
    const { api, requests } = club();
    render(<BookView api={api} onBooked={vi.fn()} />);
    const next = await screen.findByRole("region", { name: "Next available on Tue, Dec 8" });
    expect(within(next).getAllByRole("button").map((b) => b.textContent)).toEqual([
      "07:00–08:00, Court 2, $20.00",
      "08:00–09:00, Court 1, $20.00",
      "08:00–09:00, Court 2, $20.00",
      "09:00–10:00, Court 2, $20.00",
      "18:00–19:00, Court 1, $30.00, peak time",
    ]);
    expect(screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent)).toEqual(["Next available on Tue, Dec 8", "Court 1", "Court 2"]);

    fireEvent.change(screen.getByLabelText("Court"), { target: { value: "r1" } });
    expect(screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent)).toEqual(["Next available on Tue, Dec 8", "Court 1"]);
    expect(within(screen.getByRole("region", { name: /^Next available/ })).getAllByRole("button")).toHaveLength(2);

    fireEvent.click(within(screen.getByRole("region", { name: /^Next available/ })).getByRole("button", { name: /^08:00–09:00, Court 1/ }));
    expect(await screen.findByRole("heading", { name: "Your hold" })).toBeTruthy();
    await waitFor(() => expect(requests.some((r) => r.method === "POST" && r.path === "/api/v1/holds")).toBe(true));
    expect(requests.find((r) => r.method === "POST")?.body).toEqual({
      resource_id: "r1",
      start: "2026-12-08T08:00:00-05:00",
      end: "2026-12-08T09:00:00-05:00",
    });
  });

  it("opens the club's page from the grid and goes back to it", async () => {
    phone(false);
    const { api } = club();
    render(<BookView api={api} onBooked={vi.fn()} />);
    await screen.findByLabelText("Date");
    fireEvent.click(screen.getByRole("button", { name: "About this club" }));
    expect(await screen.findByRole("heading", { name: "Riverside", level: 2 })).toBeTruthy();
    expect(screen.getByRole("region", { name: "Booking rules" })).toBeTruthy();
    fireEvent.click(screen.getAllByRole("button", { name: "Back to booking" })[0]);
    expect(await screen.findByRole("heading", { name: "Book a court at Riverside" })).toBeTruthy();
    expect((screen.getByLabelText("Date") as HTMLInputElement).value).toBe("2026-12-08");
  });

  it("opens a club's page from the list of clubs, and books there from it", async () => {
    phone(false);
    const other = aFacility({ id: "fac_2", name: "Lakeside" });
    const { api } = club({ "GET /api/v1/facilities": () => page([facility, other]) });
    render(<BookView api={api} onBooked={vi.fn()} />);
    fireEvent.click(await screen.findByRole("button", { name: "About Riverside" }));
    expect(await screen.findByRole("heading", { name: "Riverside", level: 2 })).toBeTruthy();
    fireEvent.click(screen.getAllByRole("button", { name: "Book a court here" })[0]);
    expect(await screen.findByRole("heading", { name: "Book a court at Riverside" })).toBeTruthy();
    expect(((await screen.findByLabelText("Date")) as HTMLInputElement).value).toBe("2026-12-08");
  });
});
