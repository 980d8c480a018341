import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { aFacility, fakeNetwork, page, Reply, type Handler } from "../../shared/api/testing";
import type { Block, Booking, MemberEntry, Resource } from "../../shared/api/types";
import { DaySheet } from "./DaySheet";

// The desk opens the sheet at 11:00 in New York on 1 December 2026.
const NOW = new Date("2026-12-01T16:00:00Z");

const court = (id: string, name: string): Resource => ({ id, facility_id: "fac_1", name, type: "tennis_court", status: "active" });
const courts = [court("res_1", "Court 1"), court("res_2", "Court 2"), court("res_3", "Court 3")];
const members: MemberEntry[] = [{ user_id: "usr_pat", email: "pat@example.com", name: "Pat Player", status: "active" }];

const booking = (id: string, start: string, end: string): Booking => ({
  id,
  facility_id: "fac_1",
  resource_id: "res_1",
  user_id: "usr_pat",
  type: "open_play",
  start,
  end,
  status: "confirmed",
  approval_status: "not_required",
  payment_status: "pending",
  price: { amount: 3000, currency: "USD" },
  created_at: "2026-11-20T12:00:00Z",
});
// Listed out of order: the sheet sorts each court's day by time.
const evening = booking("bkg_evening", "2026-12-01T23:00:00Z", "2026-12-02T00:00:00Z");
const morning = booking("bkg_morning", "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z");
const block: Block = { id: "blk_1", resource_id: "res_2", start: "2026-12-01T17:00:00Z", end: "2026-12-01T18:00:00Z", reason: "Resurfacing" };

/// The facility's day as the server has it; `bookings` may be changed by a test's routes.
function club(extra: Record<string, Handler> = {}) {
  const day = { bookings: [evening, morning] };
  const network = fakeNetwork({
    "GET /api/v1/facilities/fac_1/resources": () => page(courts),
    "GET /api/v1/facilities/fac_1/bookings": () => page(day.bookings),
    "GET /api/v1/facilities/fac_1/blocks": () => page([block]),
    "GET /api/v1/facilities/fac_1/members": () => page(members),
    ...extra,
  });
  return { ...network, day };
}

const row = (courtName: string) => screen.getByRole("rowheader", { name: courtName }).closest("tr")!;

/// Live updates: sockets that never connect, and that a test can push a change through.
class FakeSocket {
  static open: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor() {
    FakeSocket.open.push(this);
  }
  send() {}
  close() {}
}

describe("DaySheet", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    FakeSocket.open = [];
    vi.stubGlobal("WebSocket", FakeSocket);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("shows each court's bookings and blocks at their local times, in time order", async () => {
    const { api, requests } = club();
    render(<DaySheet api={api} facility={aFacility()} />);
    await screen.findByRole("button", { name: "Check in 18:00 on Court 1" });

    expect(row("Court 1").textContent).toMatch(/10:00–11:00 Pat Player · open play · confirmed.*18:00–19:00 Pat Player/);
    expect(row("Court 2").textContent).toContain("12:00–13:00 Maintenance: Resurfacing");
    expect(row("Court 3").textContent).toContain("Free all day");
    // The morning booking has started, so it can be marked as a no-show; the evening one not yet.
    expect(screen.getByRole("button", { name: "No-show 10:00 on Court 1" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "No-show 18:00 on Court 1" })).toBeNull();
    expect(requests.find((r) => r.path === "/api/v1/facilities/fac_1/bookings")?.query.get("date")).toBe("2026-12-01");
  });

  it("checks a booking in and shows its row as checked in", async () => {
    const { api, requests, day } = club({
      "POST /api/v1/bookings/bkg_evening/check-in": () => {
        const checkedIn = { ...evening, status: "checked_in" as const };
        day.bookings = [checkedIn, morning];
        return checkedIn;
      },
    });
    render(<DaySheet api={api} facility={aFacility()} />);
    fireEvent.click(await screen.findByRole("button", { name: "Check in 18:00 on Court 1" }));

    expect((await screen.findByRole("status")).textContent).toBe("Checked in.");
    await waitFor(() => expect(screen.queryByRole("button", { name: "Check in 18:00 on Court 1" })).toBeNull());
    expect(row("Court 1").textContent).toMatch(/18:00–19:00 Pat Player · open play · checked in/);
    expect(requests.filter((r) => r.method === "POST").map((r) => r.path)).toEqual(["/api/v1/bookings/bkg_evening/check-in"]);
  });

  it("says why the server refused an action", async () => {
    const { api } = club({
      "POST /api/v1/bookings/bkg_morning/no-show": () =>
        new Reply(422, { type: "about:blank", title: "Rule violation", status: 422, detail: "The grace period has not passed yet.", rule: "no_show_grace" }),
    });
    render(<DaySheet api={api} facility={aFacility()} />);
    fireEvent.click(await screen.findByRole("button", { name: "No-show 10:00 on Court 1" }));

    expect((await screen.findByRole("alert")).textContent).toBe("The grace period has not passed yet.");
    expect(screen.getByRole("button", { name: "No-show 10:00 on Court 1" })).toBeTruthy();
  });

  it("books a court for a member at the slot that starts at the local time chosen", async () => {
    const { api, requests } = club({
      "GET /api/v1/facilities/fac_1/availability": () => ({
        facility_id: "fac_1",
        timezone: "America/New_York",
        resources: [
          {
            resource_id: "res_2",
            name: "Court 2",
            slots: [
              { start: "2026-12-01T08:30:00-05:00", end: "2026-12-01T09:30:00-05:00", status: "available", price: { amount: 2000, currency: "USD" } },
              { start: "2026-12-01T09:00:00-05:00", end: "2026-12-01T10:00:00-05:00", status: "available", price: { amount: 2000, currency: "USD" } },
            ],
          },
        ],
      }),
      "POST /api/v1/facilities/fac_1/bookings": (r) => ({ ...morning, ...(r.body as object), id: "bkg_new" }),
    });
    render(<DaySheet api={api} facility={aFacility()} />);
    const form = screen.getByRole("region", { name: "Book for a member" });
    await within(form).findByRole("option", { name: "Pat Player" });
    fireEvent.change(within(form).getByLabelText("Member"), { target: { value: "usr_pat" } });
    fireEvent.change(within(form).getByLabelText("Court"), { target: { value: "res_2" } });
    fireEvent.change(within(form).getByLabelText("Start"), { target: { value: "09:00" } });
    fireEvent.change(within(form).getByLabelText("Type"), { target: { value: "league" } });
    fireEvent.click(within(form).getByRole("button", { name: "Book" }));

    expect((await screen.findByRole("status")).textContent).toBe("Booked.");
    const asked = requests.find((r) => r.path === "/api/v1/facilities/fac_1/availability")!;
    expect(Object.fromEntries(asked.query)).toEqual({ date: "2026-12-01", resource_id: "res_2", duration: "60" });
    expect(requests.find((r) => r.method === "POST")?.body).toEqual({
      resource_id: "res_2",
      start: "2026-12-01T09:00:00-05:00",
      end: "2026-12-01T10:00:00-05:00",
      type: "league",
      user_id: "usr_pat",
    });
  });

  it("rejects a booking awaiting approval only with a reason, and shows it cancelled with its refund", async () => {
    const pending = { ...evening, approval_status: "pending" as const, payment_status: "paid" as const };
    const { api, requests, day } = club({
      "POST /api/v1/bookings/bkg_evening/reject": (r) => {
        const rejected = {
          ...pending,
          status: "cancelled" as const,
          approval_status: "rejected" as const,
          payment_status: "refunded" as const,
          cancel_reason: (r.body as { reason: string }).reason,
          refund_amount: 3000,
        };
        day.bookings = [rejected, morning];
        return { booking: rejected, refund: { amount: 3000, currency: "USD", percent: 100 } };
      },
    });
    day.bookings = [pending, morning];
    render(<DaySheet api={api} facility={aFacility()} />);
    expect(await screen.findByRole("button", { name: "Approve 18:00 on Court 1" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Reject 18:00 on Court 1" }));

    const form = screen.getByRole("form", { name: "Reject 18:00 on Court 1" });
    fireEvent.click(within(form).getByRole("button", { name: "Reject booking" }));
    expect(within(form).getByLabelText(/Reason for rejecting/).getAttribute("aria-invalid")).toBe("true");
    expect(requests.filter((r) => r.method === "POST")).toEqual([]);

    fireEvent.change(within(form).getByLabelText(/Reason for rejecting/), { target: { value: "Court reserved for a league match" } });
    fireEvent.click(within(form).getByRole("button", { name: "Reject booking" }));

    expect((await screen.findByRole("status")).textContent).toBe("Rejected and cancelled; refund $30.00.");
    expect(requests.find((r) => r.method === "POST")?.body).toEqual({ reason: "Court reserved for a league match" });
    await waitFor(() => expect(screen.queryByRole("button", { name: "Approve 18:00 on Court 1" })).toBeNull());
    expect(row("Court 1").textContent).toMatch(/18:00–19:00 Pat Player · open play · cancelled rejected Court reserved for a league match · refunded \$30\.00/);
  });

  it("reloads when a live change arrives for the facility", async () => {
    const { api, requests, day } = club();
    render(<DaySheet api={api} facility={aFacility()} />);
    await screen.findByRole("button", { name: "Check in 18:00 on Court 1" });
    const loads = () => requests.filter((r) => r.path === "/api/v1/facilities/fac_1/bookings").length;
    const before = loads();

    day.bookings = [morning];
    act(() => {
      FakeSocket.open[0].onmessage?.({
        data: JSON.stringify({ type: "availability.changed", facility_id: "fac_1", resource_id: "res_1", start: evening.start, end: evening.end, status: "available" }),
      });
    });
    await waitFor(() => expect(screen.queryByRole("button", { name: "Check in 18:00 on Court 1" })).toBeNull());
    expect(loads()).toBe(before + 1);
  });
});
