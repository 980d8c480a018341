import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { aFacility, fakeNetwork, page, Reply, type Handler } from "../../shared/api/testing";
import type { Block, BookingPlayer, Hold, Hours, MemberEntry, Resource, StaffBooking } from "../../shared/api/types";
import { DaySheet } from "./DaySheet";

// The desk opens the calendar at 11:00 in New York on Tuesday 1 December 2026.
const NOW = new Date("2026-12-01T16:00:00Z");

const court = (id: string, name: string, color: string): Resource => ({ id, facility_id: "fac_1", name, type: "tennis_court", status: "active", color });
const courts = [court("res_1", "Court 1", "#1e88e5"), court("res_2", "Court 2", "#e65100"), court("res_3", "Court 3", "#2e7d32")];
const members: MemberEntry[] = [
  { user_id: "usr_pat", email: "pat@example.com", name: "Pat Player", status: "active" },
  { user_id: "usr_sam", email: "sam@example.com", name: "Sam Smash", status: "active" },
];
// Weekdays 07:00 to 22:00, Tuesdays from 09:00 to 21:00; closed on Christmas Day.
const HOURS: Hours = {
  weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => (weekday === 2 ? { weekday, open: "09:00", close: "21:00" } : { weekday, open: "07:00", close: "22:00" })),
  holidays: [{ date: "2026-12-25", name: "Christmas Day", closed: true }],
};

// Who the server says each booking is for (staff see everyone's name, members or not).
const players: Record<string, BookingPlayer> = {
  usr_pat: { id: "usr_pat", name: "Pat Player", email: "pat@example.com" },
  usr_sam: { id: "usr_sam", name: "Sam Smash", email: "sam@example.com" },
  usr_nina: { id: "usr_nina", name: "Nina Guest", email: "nina@example.com", phone: "+12125550123" },
};

const booking = (id: string, start: string, end: string, changes: Partial<StaffBooking> = {}): StaffBooking => {
  const b = {
    id,
    facility_id: "fac_1",
    resource_id: "res_1",
    user_id: "usr_pat",
    type: "open_play" as const,
    start,
    end,
    status: "confirmed" as const,
    approval_status: "not_required" as const,
    payment_status: "pending" as const,
    price: { amount: 3000, currency: "USD" },
    created_at: "2026-11-20T12:00:00Z",
    ...changes,
  };
  return { player: players[b.user_id] ?? null, ...b };
};
const evening = booking("bkg_evening", "2026-12-01T23:00:00Z", "2026-12-02T00:00:00Z");
// Spelt in the facility's offset: the calendar places instants, not strings.
const morning = booking("bkg_morning", "2026-12-01T10:00:00-05:00", "2026-12-01T11:00:00-05:00");
const block: Block = { id: "blk_1", resource_id: "res_2", start: "2026-12-01T17:00:00Z", end: "2026-12-01T18:00:00Z", reason: "Resurfacing" };

/// Whether a request's range of local dates (from and to, inclusive) takes in `date`.
const spans = (query: URLSearchParams, date: string) => (query.get("from") ?? "") <= date && date <= (query.get("to") ?? "");

/// The facility's days as the server has them; a test's routes may change `day.bookings` and
/// `day.holds`, all on Tuesday 1 December.
function club(extra: Record<string, Handler> = {}, hours: Hours = HOURS) {
  const day = { bookings: [evening, morning] as StaffBooking[], holds: [] as Hold[] };
  const network = fakeNetwork({
    "GET /api/v1/facilities/fac_1/resources": () => page(courts),
    "GET /api/v1/facilities/fac_1/hours": () => hours,
    "GET /api/v1/facilities/fac_1/bookings": (r) => page(spans(r.query, "2026-12-01") ? day.bookings : []),
    "GET /api/v1/facilities/fac_1/blocks": (r) => page(spans(r.query, "2026-12-01") ? [block] : []),
    "GET /api/v1/facilities/fac_1/holds": (r) => page(spans(r.query, "2026-12-01") ? day.holds : []),
    "GET /api/v1/facilities/fac_1/members": () => page(members),
    "GET /api/v1/facilities/fac_1/staff": () => page([]),
    ...extra,
  });
  return { ...network, day };
}

const gridRowOf = (name: string | RegExp) => (screen.getByRole("button", { name }) as HTMLElement).style.gridRow;

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

describe("the desk's calendar", () => {
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

  it("draws courts in their colours and each booking and block over the rows of its local times", async () => {
    const { api, requests } = club();
    const { container } = render(<DaySheet api={api} facility={aFacility()} />);
    await screen.findByRole("button", { name: /^18:00–19:00 on Court 1: Pat Player, confirmed/ });

    const headers = [...container.querySelectorAll<HTMLElement>(".cal-court")];
    expect(headers.map((h) => h.textContent)).toEqual(["Court 1", "Court 2", "Court 3"]);
    expect(headers.map((h) => h.style.borderTopColor)).toEqual(["rgb(30, 136, 229)", "rgb(230, 81, 0)", "rgb(46, 125, 50)"]);
    // Rows are half hours from 07:00 (the week's earliest opening), under one header row: 10:00
    // is the seventh row, so the grid's eighth line.
    expect(gridRowOf(/^10:00–11:00 on Court 1: Pat Player/)).toBe("8 / 10");
    expect(gridRowOf(/^18:00–19:00 on Court 1/)).toBe("24 / 26");
    expect(screen.getByText(/Blocked: Resurfacing/).closest<HTMLElement>(".cal-item")!.style.gridRow).toBe("12 / 14");
    // What a booking or block covers is not free; the slots beside it are.
    expect(screen.queryByRole("button", { name: "Court 1, 10:30, free" })).toBeNull();
    expect(screen.getByRole("button", { name: "Court 1, 11:00, free" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Court 2, 12:00, free" })).toBeNull();
    const read = requests.find((r) => r.path === "/api/v1/facilities/fac_1/bookings")!;
    expect([read.query.get("from"), read.query.get("to")]).toEqual(["2026-12-01", "2026-12-01"]);
  });

  it("shades the hours the facility is closed and marks a closed holiday", async () => {
    const { api } = club();
    const { container } = render(<DaySheet api={api} facility={aFacility()} />);
    await screen.findByRole("button", { name: "Court 3, 09:00, free" });
    // Tuesday opens at 09:00 and closes at 21:00: 07:00 to 09:00 and 21:00 to 22:00 are shaded.
    expect(screen.queryByRole("button", { name: "Court 3, 08:30, free" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Court 3, 21:00, free" })).toBeNull();
    expect(container.querySelectorAll(".cal-cell.closed")).toHaveLength(6 * 3);
    expect(screen.getByText(/Open 09:00 to 21:00; shaded rows are closed/)).toBeTruthy();

    fireEvent.change(screen.getByLabelText("Date"), { target: { value: "2026-12-25" } });
    expect(await screen.findByText("Closed all day.", { exact: false })).toBeTruthy();
    expect(screen.getByRole("heading", { name: /Christmas Day \(closed\)/ })).toBeTruthy();
    expect(screen.queryAllByRole("button", { name: /, free$/ })).toEqual([]);
  });

  it("places a booking on the repeated hour of the day summer time ends by its instant", async () => {
    // Sunday 1 November 2026 in New York: 01:00 to 02:00 comes twice, first EDT, then EST.
    vi.setSystemTime(new Date("2026-11-01T04:30:00Z"));
    const late = booking("bkg_est", "2026-11-01T06:00:00Z", "2026-11-01T07:00:00Z");
    const { api } = club(
      { "GET /api/v1/facilities/fac_1/bookings": () => page([late]), "GET /api/v1/facilities/fac_1/blocks": () => page([]) },
      { weekly: [{ weekday: 7, open: "00:00", close: "04:00" }], holidays: [] },
    );
    render(<DaySheet api={api} facility={aFacility()} />);
    // Rows: 00:00 00:30 01:00 01:30 (EDT) 01:00 01:30 (EST) 02:00 ... 03:30, ten in all.
    const item = await screen.findByRole("button", { name: /^01:00–02:00 on Court 1/ });
    expect(item.style.gridRow).toBe("6 / 8");
    // The first 01:00 (EDT) is still free on Court 1; Court 2 has both.
    expect(screen.getAllByRole("button", { name: "Court 1, 01:00, free" })).toHaveLength(1);
    expect(screen.getAllByRole("button", { name: "Court 2, 01:00, free" })).toHaveLength(2);
    expect(screen.getAllByRole("button", { name: /^Court 2, .*, free$/ })).toHaveLength(10);
  });

  it("switches to the week and the month, and back to a day from either", async () => {
    const { api } = club();
    render(<DaySheet api={api} facility={aFacility()} />);
    await screen.findByRole("button", { name: /^18:00–19:00 on Court 1/ });

    fireEvent.click(screen.getByRole("button", { name: "Week" }));
    const tuesday = await screen.findByRole("region", { name: "Tue, Dec 1" });
    await waitFor(() => expect(tuesday.textContent).toContain("10:00–11:00 Court 1 · Pat Player"));
    expect(tuesday.textContent).toMatch(/10:00–11:00 Court 1 · Pat Player.*12:00–13:00 Court 2 · blocked: Resurfacing.*18:00–19:00 Court 1/);
    expect(tuesday.textContent).toContain("09:00–21:00");
    expect(screen.getByRole("heading", { name: "Week of Mon, Nov 30, 2026" })).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Month" }));
    const first = await screen.findByRole("button", { name: "Tue, Dec 1: 2 bookings" });
    expect(first.querySelectorAll(".cal-dot")).toHaveLength(2);
    expect(screen.getByRole("button", { name: "Fri, Dec 25: 0 bookings, Christmas Day, closed" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "December 2026" })).toBeTruthy();

    fireEvent.click(first);
    expect(await screen.findByRole("button", { name: /^10:00–11:00 on Court 1/ })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Day" }).getAttribute("aria-pressed")).toBe("true");
  });

  it("turns a drag down one court into a choice of booking or blocking that range", async () => {
    const { api } = club();
    render(<DaySheet api={api} facility={aFacility()} />);
    const from = await screen.findByRole("button", { name: "Court 3, 12:00, free" });
    fireEvent.pointerDown(from, { button: 0 });
    fireEvent.pointerOver(screen.getByRole("button", { name: "Court 3, 12:30, free" }));
    fireEvent.pointerOver(screen.getByRole("button", { name: "Court 3, 13:00, free" }));
    fireEvent.pointerUp(window);
    fireEvent.click(screen.getByRole("button", { name: "Court 3, 13:00, free" }));

    const chooser = screen.getByRole("dialog", { name: "Court 3, 12:00 to 13:30" });
    fireEvent.click(within(chooser).getByRole("button", { name: "Block" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    const form = screen.getByRole("region", { name: "Block a court for maintenance" });
    expect((within(form).getByLabelText("Court") as HTMLSelectElement).value).toBe("res_3");
    expect((within(form).getByLabelText("From") as HTMLInputElement).value).toBe("12:00");
    expect((within(form).getByLabelText("Minutes") as HTMLInputElement).value).toBe("90");
    expect(document.activeElement).toBe(within(form).getByLabelText("Reason"));
  });

  it("selects a range with Shift and the arrow keys, stopping at a taken slot, and books it with Enter", async () => {
    const { api } = club();
    render(<DaySheet api={api} facility={aFacility()} />);
    const start = await screen.findByRole("button", { name: "Court 2, 11:00, free" });
    start.focus();
    fireEvent.keyDown(start, { key: "ArrowDown", shiftKey: true });
    const next = screen.getByRole("button", { name: "Court 2, 11:30, free" });
    expect(document.activeElement).toBe(next);
    // 12:00 is blocked: the range cannot grow into it.
    fireEvent.keyDown(next, { key: "ArrowDown", shiftKey: true });
    expect(document.activeElement).toBe(next);
    expect(next.getAttribute("aria-pressed")).toBe("true");
    fireEvent.click(next);

    const chooser = screen.getByRole("dialog", { name: "Court 2, 11:00 to 12:00" });
    fireEvent.click(within(chooser).getByRole("button", { name: "Book" }));
    const form = screen.getByRole("region", { name: "Book for a member" });
    expect((within(form).getByLabelText("Court") as HTMLSelectElement).value).toBe("res_2");
    expect((within(form).getByLabelText("Start") as HTMLInputElement).value).toBe("11:00");
    expect((within(form).getByLabelText("Minutes") as HTMLInputElement).value).toBe("60");
  });

  it("books an empty slot for a member found by typing part of their name", async () => {
    const { api, requests } = club({
      "GET /api/v1/facilities/fac_1/availability": (r) => ({
        facility_id: "fac_1",
        timezone: "America/New_York",
        resources: r.query.get("resource_id")
          ? [
              {
                resource_id: "res_2",
                name: "Court 2",
                slots: [
                  { start: "2026-12-01T14:30:00-05:00", end: "2026-12-01T15:30:00-05:00", status: "available", price: { amount: 2000, currency: "USD" } },
                  { start: "2026-12-01T15:00:00-05:00", end: "2026-12-01T16:00:00-05:00", status: "available", price: { amount: 2000, currency: "USD" } },
                ],
              },
            ]
          : [],
      }),
      "POST /api/v1/facilities/fac_1/bookings": (r) => ({ ...morning, ...(r.body as object), id: "bkg_new" }),
    });
    render(<DaySheet api={api} facility={aFacility()} />);
    fireEvent.click(await screen.findByRole("button", { name: "Court 2, 15:00, free" }));
    const form = screen.getByRole("region", { name: "Book for a member" });
    const picker = within(form).getByRole("combobox", { name: "Member" });
    await waitFor(() => expect(document.activeElement).toBe(picker));
    fireEvent.change(picker, { target: { value: "smash" } });
    expect(within(within(form).getByRole("listbox")).getAllByRole("option").map((o) => o.textContent)).toEqual(["Sam Smash (sam@example.com)"]);
    fireEvent.change(picker, { target: { value: "PAT" } });
    fireEvent.keyDown(picker, { key: "Enter" });
    expect((picker as HTMLInputElement).value).toBe("Pat Player (pat@example.com)");
    expect(form.textContent).toContain("Booking for Pat Player");
    fireEvent.change(within(form).getByLabelText("Type"), { target: { value: "league" } });
    fireEvent.click(within(form).getByRole("button", { name: "Book" }));

    expect((await screen.findByRole("status")).textContent).toBe("Booked.");
    expect(requests.find((r) => r.method === "POST")?.body).toEqual({
      resource_id: "res_2",
      start: "2026-12-01T15:00:00-05:00",
      end: "2026-12-01T16:00:00-05:00",
      type: "league",
      user_id: "usr_pat",
    });
  });

  it("takes times on the 24-hour clock, as the calendar shows them", async () => {
    const { api, requests } = club();
    render(<DaySheet api={api} facility={aFacility()} />);
    await screen.findByRole("button", { name: "Court 3, 12:00, free" });
    const form = screen.getByRole("region", { name: "Book for a member" });
    expect(within(form).getByLabelText("Start").getAttribute("placeholder")).toBe("HH:MM");
    fireEvent.change(within(form).getByLabelText("Start"), { target: { value: "6pm" } });
    fireEvent.submit(within(form).getByRole("button", { name: "Book" }).closest("form")!);
    expect((await screen.findByRole("alert")).textContent).toBe("Give the start as HH:MM on the 24-hour clock, e.g. 18:00.");
    expect(requests.filter((r) => r.path.endsWith("/availability") && r.query.get("resource_id"))).toEqual([]);
  });

  it("opens a booking's drawer with the booker, price and states, and checks it in", async () => {
    const { api, requests, day } = club({
      "POST /api/v1/bookings/bkg_evening/check-in": () => {
        const checkedIn = { ...evening, status: "checked_in" as const };
        day.bookings = [checkedIn, morning];
        return checkedIn;
      },
    });
    day.bookings = [{ ...evening, note: "Bring the ball machine" }, morning];
    render(<DaySheet api={api} facility={aFacility()} />);
    fireEvent.click(await screen.findByRole("button", { name: /^18:00–19:00 on Court 1/ }));

    const drawer = screen.getByRole("complementary", { name: "Booking 18:00 on Court 1" });
    expect(drawer.textContent).toMatch(/Booked byPat Player.*Contactpat@example\.com.*Typeopen play.*Price\$30\.00.*Statusconfirmed.*Approvalno approval needed.*Paymentnot paid yet.*NotesBring the ball machine/);
    // It has not started: no no-show yet.
    expect(within(drawer).queryByRole("button", { name: /^No-show/ })).toBeNull();
    fireEvent.click(within(drawer).getByRole("button", { name: "Check in 18:00 on Court 1" }));

    expect((await screen.findByRole("status")).textContent).toBe("Checked in.");
    await waitFor(() => expect(within(drawer).queryByRole("button", { name: "Check in 18:00 on Court 1" })).toBeNull());
    expect(within(drawer).getByText("checked in")).toBeTruthy();
    expect(screen.getByRole("button", { name: /^18:00–19:00 on Court 1: Pat Player, checked in/ })).toBeTruthy();
    expect(requests.filter((r) => r.method === "POST").map((r) => r.path)).toEqual(["/api/v1/bookings/bkg_evening/check-in"]);
  });

  it("names a player who is not a member in the drawer, with their e-mail and phone", async () => {
    const { api, day } = club();
    day.bookings = [booking("bkg_guest", "2026-12-01T23:00:00Z", "2026-12-02T00:00:00Z", { user_id: "usr_nina" })];
    render(<DaySheet api={api} facility={aFacility()} />);
    fireEvent.click(await screen.findByRole("button", { name: /^18:00–19:00 on Court 1: Nina Guest/ }));
    const drawer = screen.getByRole("complementary", { name: "Booking 18:00 on Court 1" });
    expect(drawer.textContent).toMatch(/Booked byNina Guest.*Contactnina@example\.com · \+12125550123/);
    expect(within(drawer).getByRole("link", { name: "+12125550123" }).getAttribute("href")).toBe("tel:+12125550123");
  });

  it("shows the refund before cancelling, and can refund in full whatever the notice", async () => {
    const paid = { ...evening, payment_status: "paid" as const };
    const { api, requests, day } = club({
      "POST /api/v1/bookings/bkg_evening/cancel": () => {
        const gone = { ...paid, status: "cancelled" as const, cancel_reason: "Cancelled at the desk", refund_amount: 3000 };
        day.bookings = [gone, morning];
        return { booking: gone, refund: { amount: 3000, currency: "USD", percent: 100 } };
      },
    });
    day.bookings = [paid, morning];
    render(<DaySheet api={api} facility={aFacility()} />);
    fireEvent.click(await screen.findByRole("button", { name: /^18:00–19:00 on Court 1/ }));
    const drawer = screen.getByRole("complementary", { name: "Booking 18:00 on Court 1" });
    fireEvent.click(within(drawer).getByRole("button", { name: "Cancel 18:00 on Court 1" }));

    // Seven hours ahead, under a policy that refunds only a day ahead.
    const confirm = within(drawer).getByRole("group", { name: "Cancel 18:00 on Court 1" });
    expect(confirm.textContent).toContain("Cancelling now refunds 0% of what was paid ($0.00).");
    fireEvent.click(within(confirm).getByLabelText(/Refund in full/));
    expect(confirm.textContent).toContain("Cancelling now refunds 100% of what was paid ($30.00).");
    fireEvent.click(within(confirm).getByRole("button", { name: "Yes, cancel 18:00 on Court 1" }));

    expect((await screen.findByRole("status")).textContent).toBe("Cancelled; refund $30.00.");
    expect(requests.find((r) => r.method === "POST")?.body).toEqual({ reason: "Cancelled at the desk", full_refund: true });
    const cancelled = await screen.findByRole("list", { name: "Cancelled this day" });
    expect(cancelled.textContent).toContain("18:00–19:00 Court 1 · Pat Player · cancelled");
    expect(screen.queryByRole("button", { name: /^18:00–19:00 on Court 1/ })).toBeNull();
  });

  it("reschedules a booking from its drawer to a start on the court's grid", async () => {
    const { api, requests, day } = club({
      "GET /api/v1/facilities/fac_1/availability": (r) => ({
        facility_id: "fac_1",
        timezone: "America/New_York",
        resources: r.query.get("resource_id")
          ? [
              {
                resource_id: "res_1",
                name: "Court 1",
                slots: [{ start: "2026-12-02T19:30:00-05:00", end: "2026-12-02T20:30:00-05:00", status: "available", price: { amount: 3000, currency: "USD" } }],
              },
            ]
          : [],
      }),
      "POST /api/v1/bookings/bkg_evening/reschedule": (r) => {
        const moved = { ...evening, ...(r.body as object) };
        day.bookings = [morning];
        return moved;
      },
    });
    render(<DaySheet api={api} facility={aFacility()} />);
    fireEvent.click(await screen.findByRole("button", { name: /^18:00–19:00 on Court 1/ }));
    const drawer = screen.getByRole("complementary", { name: "Booking 18:00 on Court 1" });
    fireEvent.click(within(drawer).getByRole("button", { name: "Reschedule 18:00 on Court 1" }));
    const move = within(drawer).getByRole("group", { name: "Move 18:00 on Court 1" });
    expect((within(move).getByLabelText("New date") as HTMLInputElement).value).toBe("2026-12-01");
    fireEvent.change(within(move).getByLabelText("New date"), { target: { value: "2026-12-02" } });
    fireEvent.change(within(move).getByLabelText(/New start/), { target: { value: "19:00" } });
    fireEvent.click(within(move).getByRole("button", { name: "Move booking" }));
    expect((await within(move).findByRole("alert")).textContent).toBe("19:00 on 2026-12-02 is not on Court 1's grid for a booking of 60 minutes.");

    fireEvent.change(within(move).getByLabelText(/New start/), { target: { value: "19:30" } });
    fireEvent.click(within(move).getByRole("button", { name: "Move booking" }));
    expect((await screen.findByRole("status")).textContent).toBe("Moved to Wed, Dec 2 19:30.");
    expect(requests.find((r) => r.method === "POST")?.body).toEqual({ start: "2026-12-02T19:30:00-05:00", end: "2026-12-02T20:30:00-05:00" });
    // Another day's now: the drawer closes and the evening is free again.
    await waitFor(() => expect(screen.queryByRole("complementary")).toBeNull());
    expect(screen.getByRole("button", { name: "Court 1, 18:00, free" })).toBeTruthy();
  });

  it("rejects a booking awaiting approval only with a reason", async () => {
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
    fireEvent.click(await screen.findByRole("button", { name: /^18:00–19:00 on Court 1: Pat Player, confirmed, awaiting approval/ }));
    expect(screen.getByRole("button", { name: "Approve 18:00 on Court 1" })).toBeTruthy();
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
    expect(screen.getByRole("list", { name: "Cancelled this day" }).textContent).toContain("cancelled, rejected · Court reserved for a league match");
  });

  it("draws each player's hold at its own start and end, not the slots around it", async () => {
    const { api, day } = club();
    const hold = (id: string, resource_id: string, start: string, end: string): Hold => ({
      id, facility_id: "fac_1", resource_id, user_id: "usr_nina", start, end, expires_at: "2026-12-01T16:10:00Z", status: "active", price: { amount: 2000, currency: "USD" },
    });
    // 14:00 to 15:00 and 15:30 to 16:00 on Court 3; the rows are half an hour from 07:00.
    day.holds = [hold("hld_1", "res_3", "2026-12-01T14:00:00-05:00", "2026-12-01T20:00:00Z"), hold("hld_2", "res_3", "2026-12-01T20:30:00Z", "2026-12-01T21:00:00Z")];
    render(<DaySheet api={api} facility={aFacility()} />);
    const first = await screen.findByText(/Held 14:00–15:00/);
    expect(first.closest<HTMLElement>(".cal-item")!.style.gridRow).toBe("16 / 18");
    expect(screen.getByText(/Held 15:30–16:00/).closest<HTMLElement>(".cal-item")!.style.gridRow).toBe("19 / 20");
    expect(screen.getByRole("button", { name: "Court 3, 13:30, free" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Court 3, 14:00, free" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Court 3, 14:30, free" })).toBeNull();
    expect(screen.getByRole("button", { name: "Court 3, 15:00, free" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Court 3, 15:30, free" })).toBeNull();
  });

  it("asks for a week's and a month's bookings and blocks in one request each, not a request a day", async () => {
    const { api, requests } = club();
    render(<DaySheet api={api} facility={aFacility()} />);
    await screen.findByRole("button", { name: /^18:00–19:00 on Court 1/ });
    const reads = (path: string) => requests.filter((r) => r.method === "GET" && r.path === `/api/v1/facilities/fac_1/${path}`);
    const before = { bookings: reads("bookings").length, blocks: reads("blocks").length, holds: reads("holds").length };

    fireEvent.click(screen.getByRole("button", { name: "Week" }));
    const tuesday = await screen.findByRole("region", { name: "Tue, Dec 1" });
    await waitFor(() => expect(tuesday.textContent).toContain("10:00–11:00 Court 1 · Pat Player"));
    expect(reads("bookings").slice(before.bookings).map((r) => Object.fromEntries(r.query))).toEqual([{ from: "2026-11-30", to: "2026-12-06", limit: "500" }]);
    expect(reads("blocks").slice(before.blocks).map((r) => Object.fromEntries(r.query))).toEqual([{ from: "2026-11-30", to: "2026-12-06" }]);
    expect(reads("holds")).toHaveLength(before.holds);

    const inWeek = { bookings: reads("bookings").length, blocks: reads("blocks").length };
    fireEvent.click(screen.getByRole("button", { name: "Month" }));
    await screen.findByRole("button", { name: "Tue, Dec 1: 2 bookings" });
    expect(reads("bookings").slice(inWeek.bookings).map((r) => Object.fromEntries(r.query))).toEqual([{ from: "2026-12-01", to: "2026-12-31", limit: "500" }]);
    expect(reads("blocks")).toHaveLength(inWeek.blocks);
  });

  it("says why the server refused an action", async () => {
    vi.setSystemTime(new Date("2026-12-01T16:05:00Z"));
    const { api } = club({
      "POST /api/v1/bookings/bkg_morning/no-show": () =>
        new Reply(422, { type: "about:blank", title: "Rule violation", status: 422, detail: "The grace period has not passed yet.", rule: "no_show_grace" }),
    });
    render(<DaySheet api={api} facility={aFacility()} />);
    fireEvent.click(await screen.findByRole("button", { name: /^10:00–11:00 on Court 1/ }));
    fireEvent.click(screen.getByRole("button", { name: "No-show 10:00 on Court 1" }));
    expect((await screen.findByRole("alert")).textContent).toBe("The grace period has not passed yet.");
  });

  it("reloads when a live change arrives for the facility", async () => {
    const { api, requests, day } = club();
    render(<DaySheet api={api} facility={aFacility()} />);
    await screen.findByRole("button", { name: /^18:00–19:00 on Court 1/ });
    const loads = () => requests.filter((r) => r.path === "/api/v1/facilities/fac_1/bookings").length;
    const before = loads();

    day.bookings = [morning];
    act(() => {
      FakeSocket.open[0].onmessage?.({
        data: JSON.stringify({ type: "availability.changed", facility_id: "fac_1", resource_id: "res_1", start: evening.start, end: evening.end, status: "available" }),
      });
    });
    await waitFor(() => expect(screen.queryByRole("button", { name: /^18:00–19:00 on Court 1/ })).toBeNull());
    expect(loads()).toBe(before + 1);
  });
});
