import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Api } from "../../shared/api/client";
import { fakeNetwork, Reply } from "../../shared/api/testing";
import { HoldPanel } from "./HoldPanel";

const hold = {
  id: "hld_1",
  resource_id: "r1",
  start: "2026-12-01T23:00:00Z",
  end: "2026-12-02T00:00:00Z",
  expires_at: "2026-11-24T12:05:00Z",
  price: { amount: 3000, currency: "USD" },
};

describe("HoldPanel", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-24T12:00:00Z"));
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it("counts down to the hold's expiry and says when it lapsed", () => {
    const onGone = vi.fn();
    render(<HoldPanel api={new Api()} hold={hold} courtName="Court 1" timeZone="America/New_York" onConfirmed={vi.fn()} onGone={onGone} />);
    expect(screen.getByRole("timer").textContent).toBe("5:00");
    expect(screen.getByText(/Court 1, Tue, Dec 1, 18:00/)).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(61_000);
    });
    expect(screen.getByRole("timer").textContent).toBe("3:59");
    act(() => {
      vi.advanceTimersByTime(240_000);
    });
    expect(onGone).toHaveBeenCalledWith(expect.stringContaining("expired"));
  });

  it("shows why a confirmation failed", async () => {
    vi.useRealTimers();
    const fetcher = (async () =>
      new Response(JSON.stringify({ status: 410, detail: "This hold has expired or was released; hold the slot again." }), { status: 410 })) as unknown as typeof fetch;
    const onConfirmed = vi.fn();
    render(<HoldPanel api={new Api("", fetcher)} hold={{ ...hold, expires_at: new Date(Date.now() + 60_000).toISOString() }} courtName="Court 1" timeZone="America/New_York" onConfirmed={onConfirmed} onGone={vi.fn()} />);
    fireEvent.click(screen.getByRole("button", { name: "Confirm booking" }));
    expect((await screen.findByRole("alert")).textContent).toContain("hold the slot again");
    expect(onConfirmed).not.toHaveBeenCalled();
  });
});

describe("HoldPanel repeating weekly", () => {
  afterEach(() => cleanup());
  const live = () => ({ ...hold, expires_at: new Date(Date.now() + 120_000).toISOString() });

  it("offers no series where the facility does not let players book them", () => {
    render(<HoldPanel api={new Api()} hold={live()} courtName="Court 1" timeZone="America/New_York" onConfirmed={vi.fn()} onGone={vi.fn()} />);
    expect(screen.queryByRole("checkbox", { name: /Repeat weekly/ })).toBeNull();
    expect(screen.getByRole("button", { name: "Confirm booking" })).toBeTruthy();
  });

  it("lets the hold go, books the series on the slot's weekday and shows what could not be booked", async () => {
    const series = {
      id: "rec_1",
      kind: "booking",
      resource_id: "r1",
      rrule: "FREQ=WEEKLY;BYDAY=TU",
      status: "active",
      until: "2026-12-15",
      booked_through: "2026-12-15",
      occurrences: [
        { ...aBooking("b1", "2026-12-01T23:00:00Z", "2026-12-02T00:00:00Z") },
        { ...aBooking("b3", "2026-12-15T23:00:00Z", "2026-12-16T00:00:00Z") },
      ],
      conflicts: [
        { date: "2026-12-08", start: "2026-12-08T23:00:00Z", end: "2026-12-09T00:00:00Z", rule: "slot-unavailable", detail: "That time is already held, booked or blocked." },
      ],
    };
    const { api, requests } = fakeNetwork({
      "DELETE /api/v1/holds/hld_1": () => new Reply(204),
      "POST /api/v1/recurring-bookings": () => new Reply(201, series),
    });
    const onSeriesBooked = vi.fn();
    const onConfirmed = vi.fn();
    render(
      <HoldPanel api={api} hold={live()} courtName="Court 1" timeZone="America/New_York" repeat={{ horizonDays: 90 }} onConfirmed={onConfirmed} onSeriesBooked={onSeriesBooked} onGone={vi.fn()} />,
    );
    // 23:00Z on Dec 1 is 18:00 on Tuesday in New York.
    fireEvent.click(screen.getByRole("checkbox", { name: "Repeat weekly on Tuesdays" }));
    const until = screen.getByLabelText("Repeat weekly until");
    expect(until.getAttribute("min")).toBe("2026-12-08");
    fireEvent.change(until, { target: { value: "2026-12-15" } });
    fireEvent.click(screen.getByRole("button", { name: "Book the weekly series" }));

    expect(await screen.findByRole("heading", { name: "Weekly series booked" })).toBeTruthy();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(["DELETE /api/v1/holds/hld_1", "POST /api/v1/recurring-bookings"]);
    expect(requests[1].body).toEqual({ resource_id: "r1", start: hold.start, end: hold.end, rrule: "FREQ=WEEKLY;BYDAY=TU", until: "2026-12-15" });
    expect(within(screen.getByRole("list", { name: "Occurrences booked" })).getAllByRole("listitem")).toHaveLength(2);
    expect(screen.getByRole("list", { name: "Conflicts" }).textContent).toContain("Tue, Dec 8, 18:00: That time is already held");
    expect(screen.getByRole("status").textContent).toBe("2 occurrences booked, 1 date could not be booked.");
    expect(onConfirmed).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Done" }));
    expect(onSeriesBooked).toHaveBeenCalledWith(series);
  });

  it("asks for a last date after the first before letting the hold go", () => {
    const { api, requests } = fakeNetwork({});
    render(<HoldPanel api={api} hold={live()} courtName="Court 1" timeZone="America/New_York" repeat={{ horizonDays: 90 }} onConfirmed={vi.fn()} onGone={vi.fn()} />);
    fireEvent.click(screen.getByRole("checkbox", { name: "Repeat weekly on Tuesdays" }));
    fireEvent.click(screen.getByRole("button", { name: "Book the weekly series" }));
    expect(screen.getByRole("alert").textContent).toContain("a Tuesday after the first");
    expect(requests).toEqual([]);
  });
});

function aBooking(id: string, start: string, end: string) {
  return {
    id,
    facility_id: "fac_1",
    resource_id: "r1",
    user_id: "usr_1",
    series_id: "rec_1",
    start,
    end,
    status: "confirmed",
    type: "open_play",
    price: { amount: 3000, currency: "USD" },
    payment_status: "pending",
    approval_status: "not_required",
  };
}
