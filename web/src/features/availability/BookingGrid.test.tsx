import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Availability } from "../../shared/api/types";
import { BookingGrid } from "./BookingGrid";

const usd = (amount: number) => ({ amount, currency: "USD" });
const availability: Availability = {
  facility_id: "fac_1",
  timezone: "America/New_York",
  resources: [
    {
      resource_id: "r1",
      name: "Court 1",
      slots: [
        { start: "2026-12-01T23:00:00Z", end: "2026-12-02T00:00:00Z", status: "available", price: usd(3000) },
        { start: "2026-12-01T23:30:00Z", end: "2026-12-02T00:30:00Z", status: "booked", price: usd(3000) },
      ],
    },
    {
      resource_id: "r2",
      name: "Court 2",
      slots: [
        { start: "2026-12-01T23:00:00Z", end: "2026-12-02T00:00:00Z", status: "blocked", price: usd(3000) },
        { start: "2026-12-01T23:30:00Z", end: "2026-12-02T00:30:00Z", status: "closed", price: usd(3000) },
      ],
    },
  ],
};

describe("BookingGrid", () => {
  afterEach(cleanup);

  it("shows courts as columns and names every slot for a screen reader", () => {
    render(<BookingGrid availability={availability} onPick={() => undefined} />);
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Time", "Court 1", "Court 2"]);
    expect(screen.getByRole("button", { name: "Court 1, 18:00 to 19:00, available, $30.00" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Court 1, 18:30 to 19:30, booked" })).toBeTruthy();
  });

  it("lets a player pick a free or taken slot but not a blocked or closed one", () => {
    const onPick = vi.fn();
    render(<BookingGrid availability={availability} onPick={onPick} />);
    fireEvent.click(screen.getByRole("button", { name: /Court 1, 18:00.*available/ }));
    expect(onPick).toHaveBeenCalledWith(expect.objectContaining({ resourceId: "r1", resourceName: "Court 1" }));
    expect((screen.getByRole("button", { name: /Court 2, 18:00.*maintenance/ }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole("button", { name: /Court 2, 18:30.*not bookable/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("marks the player's own hold and booking, whatever offset each instant is spelled in", () => {
    const local: Availability = {
      ...availability,
      resources: [
        {
          resource_id: "r1",
          name: "Court 1",
          slots: [
            { start: "2026-12-01T18:00:00-05:00", end: "2026-12-01T19:00:00-05:00", status: "held", price: usd(3000) },
            { start: "2026-12-01T19:00:00-05:00", end: "2026-12-01T20:00:00-05:00", status: "booked", price: usd(3000) },
            { start: "2026-12-01T20:00:00-05:00", end: "2026-12-01T21:00:00-05:00", status: "booked", price: usd(3000) },
          ],
        },
      ],
    };
    const onPick = vi.fn();
    render(
      <BookingGrid
        availability={local}
        selected={{ resourceId: "r1", start: "2026-12-01T23:00:00Z", end: "2026-12-02T00:00:00Z" }}
        myBookings={[{ resourceId: "r1", start: "2026-12-02T00:00:00Z", end: "2026-12-02T01:00:00Z" }]}
        onPick={onPick}
      />,
    );
    const hold = screen.getByRole("button", { name: "Court 1, 18:00 to 19:00, your hold" });
    expect(hold.getAttribute("aria-pressed")).toBe("true");
    fireEvent.click(screen.getByRole("button", { name: "Court 1, 19:00 to 20:00, your booking" }));
    expect(onPick).toHaveBeenCalledWith(expect.objectContaining({ mine: "booking" }));
    expect(screen.getByRole("button", { name: "Court 1, 20:00 to 21:00, booked" })).toBeTruthy();
  });

  it("marks only the slots the player's own booking or hold covers, not the ones that start before it", () => {
    // Hour-long slots every half hour: 18:30-19:30 overlaps the booking at 19:00 but is not it.
    const staggered: Availability = {
      ...availability,
      resources: [
        {
          resource_id: "r1",
          name: "Court 1",
          slots: [
            { start: "2026-12-01T17:30:00-05:00", end: "2026-12-01T18:30:00-05:00", status: "held", price: usd(3000) },
            { start: "2026-12-01T18:00:00-05:00", end: "2026-12-01T19:00:00-05:00", status: "held", price: usd(3000) },
            { start: "2026-12-01T18:30:00-05:00", end: "2026-12-01T19:30:00-05:00", status: "booked", price: usd(3000) },
            { start: "2026-12-01T19:00:00-05:00", end: "2026-12-01T20:00:00-05:00", status: "booked", price: usd(3000) },
            { start: "2026-12-01T19:30:00-05:00", end: "2026-12-01T20:30:00-05:00", status: "booked", price: usd(3000) },
          ],
        },
      ],
    };
    render(
      <BookingGrid
        availability={staggered}
        selected={{ resourceId: "r1", start: "2026-12-01T23:00:00Z", end: "2026-12-02T00:00:00Z" }}
        myBookings={[{ resourceId: "r1", start: "2026-12-02T00:00:00Z", end: "2026-12-02T01:00:00Z" }]}
        onPick={() => undefined}
      />,
    );
    expect(screen.getByRole("button", { name: /Court 1, 17:30 to 18:30, held/ }).textContent).not.toMatch(/your/);
    expect(screen.getByRole("button", { name: "Court 1, 18:00 to 19:00, your hold" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Court 1, 18:30 to 19:30, booked" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Court 1, 19:00 to 20:00, your booking" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Court 1, 19:30 to 20:30, booked" })).toBeTruthy();
  });

  it("puts slots spelled in different offsets on one row", () => {
    const mixed: Availability = {
      ...availability,
      resources: [
        { ...availability.resources[0], slots: [{ ...availability.resources[0].slots[0], start: "2026-12-01T18:00:00-05:00" }] },
        availability.resources[1],
      ],
    };
    render(<BookingGrid availability={mixed} onPick={() => undefined} />);
    expect(screen.getAllByRole("rowheader").map((h) => h.textContent)).toEqual(["18:00", "18:30"]);
  });

  it("on a phone lists each court's times under its name, with the same names for the slots", () => {
    render(<BookingGrid asList availability={availability} onPick={() => undefined} />);
    expect(screen.queryByRole("table")).toBeNull();
    expect(screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent)).toEqual(["Court 1", "Court 2"]);
    const court1 = screen.getByRole("region", { name: "Court 1" });
    expect(court1.querySelectorAll("button")).toHaveLength(2);
    expect(screen.getByRole("button", { name: "Court 1, 18:00 to 19:00, available, $30.00" }).textContent).toBe("18:00 · $30.00");
  });

  it("hides the slots that have started, and says when the whole day has passed", () => {
    // 18:15 in New York: the 18:00 slots have started, the 18:30 ones have not.
    render(<BookingGrid availability={availability} now={new Date("2026-12-01T23:15:00Z").getTime()} onPick={() => undefined} />);
    expect(screen.getAllByRole("rowheader").map((h) => h.textContent)).toEqual(["18:30"]);
    expect(screen.queryByRole("button", { name: /18:00 to 19:00/ })).toBeNull();
    expect(screen.getByRole("button", { name: "Court 1, 18:30 to 19:30, booked" })).toBeTruthy();
    cleanup();
    render(<BookingGrid availability={availability} now={new Date("2026-12-02T01:00:00Z").getTime()} onPick={() => undefined} />);
    expect(screen.getByText("This day's times have all passed. Pick a later date.")).toBeTruthy();
  });

  it("says why a free slot's price differs from the court's base price", () => {
    const why = (resourceId: string, slot: { start: string }) =>
      resourceId === "r1" && slot.start === "2026-12-01T23:00:00Z"
        ? [
            { kind: "peak" as const, short: "peak time", text: "Evenings (peak time, Mon–Fri 17:00–21:00): $30.00 an hour instead of $20.00." },
            { kind: "member" as const, short: "member price", text: "Member price." },
          ]
        : undefined;
    render(<BookingGrid availability={availability} priceReasons={why} onPick={() => undefined} />);
    const slot = screen.getByRole("button", { name: "Court 1, 18:00 to 19:00, available, $30.00, peak time, member price" });
    expect(slot.textContent).toBe("$30.00peak time, member price");
    expect(screen.getByRole("button", { name: "Court 1, 18:30 to 19:30, booked" })).toBeTruthy();
  });

  it("says so when the facility is closed all day", () => {
    render(<BookingGrid availability={{ ...availability, resources: [] }} onPick={() => undefined} />);
    expect(screen.getByText("The facility is closed on this day.")).toBeTruthy();
  });
});
