import { describe, expect, it } from "vitest";
import { aFacility } from "../../shared/api/testing";
import { addressLines, bookingRules, cancellationWords, mapLink, weekAhead } from "./words";

describe("a club in words", () => {
  it("says the cancellation tiers as a player reads them", () => {
    expect(
      cancellationWords([
        { min_hours_before: 2, refund_percent: 50 },
        { min_hours_before: 0, refund_percent: 0 },
        { min_hours_before: 24, refund_percent: 100 },
      ]),
    ).toBe("Cancel 24 hours or more before: full refund; 2 hours or more before: 50% refund; less than 2 hours before: no refund.");
    expect(cancellationWords([{ min_hours_before: 0, refund_percent: 100 }])).toBe("Cancel any time before the start: full refund.");
    // With less notice than any tier asks, the server refunds nothing.
    expect(cancellationWords([{ min_hours_before: 48, refund_percent: 100 }])).toBe(
      "Cancel 48 hours or more before: full refund; less than 48 hours before: no refund.",
    );
  });

  it("says each booking rule in plain words", () => {
    const f = aFacility({
      settings: { allow_non_member_bookings: false },
      policies: {
        ...aFacility().policies,
        booking_window_days: 21,
        max_active_bookings_per_user: 3,
        min_lead_time_minutes: 120,
        min_duration_minutes: 60,
        max_duration_minutes: 90,
        slot_step_minutes: 30,
        no_show_fee_percent: 50,
        payment_timing: "before_session",
        offline_methods: ["cash", "venmo", "other"],
        require_booking_approval: true,
        auto_approve_after_minutes: 30,
      },
    });
    const rules = Object.fromEntries(bookingRules(f).map((r) => [r.topic, r.text]));
    expect(rules["Who can book"]).toBe("Members of the club only.");
    expect(rules["How far ahead"]).toBe("You can book up to 21 days ahead.");
    expect(rules["Notice"]).toBe("Book at least 2 hours before the start.");
    expect(rules["Session length"]).toBe("60 to 90 minutes, in steps of 30 minutes.");
    expect(rules["Bookings at a time"]).toBe("Up to 3 upcoming bookings at a time.");
    expect(rules["Approval"]).toMatch(/^The club approves each booking; one not answered within 30 minutes is approved automatically\./);
    expect(rules["Cancelling"]).toBe("Cancel 24 hours or more before: full refund; less than 24 hours before: no refund.");
    expect(rules["No-shows"]).toBe(
      "Check in from 30 minutes before the start. Not checked in 15 minutes after the start, a booking may be marked a no-show, with a fee of 50% of the price.",
    );
    expect(rules["Paying"]).toBe("You pay before your session. At the desk: cash, Venmo or other ways.");
  });

  it("says when a player pays, for each of the facility's timings", () => {
    const paying = (payment_timing: "at_booking" | "before_session" | "after_session" | "monthly") =>
      bookingRules(aFacility({ policies: { ...aFacility().policies, payment_timing, offline_methods: [] } })).find((r) => r.topic === "Paying")?.text;
    expect(paying("at_booking")).toBe("You pay when you book.");
    expect(paying("before_session")).toBe("You pay before your session.");
    expect(paying("after_session")).toBe("You pay after your session.");
    expect(paying("monthly")).toBe("Your bookings are billed monthly, on one invoice.");
  });

  it("lays out the week ahead with its holidays, closed or on modified hours", () => {
    const week = weekAhead(
      {
        weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: "07:00", close: "22:00" })),
        holidays: [
          { date: "2026-12-08", name: "Staff day", closed: true },
          { date: "2026-12-09", name: "Club final", closed: false, open: "10:00", close: "14:00" },
        ],
      },
      "2026-12-07",
    );
    expect(week.map((d) => [d.date, d.open ?? "closed", d.holiday?.name ?? ""])).toEqual([
      ["2026-12-07", "07:00", ""],
      ["2026-12-08", "closed", "Staff day"],
      ["2026-12-09", "10:00", "Club final"],
      ["2026-12-10", "07:00", ""],
      ["2026-12-11", "07:00", ""],
      ["2026-12-12", "closed", ""],
      ["2026-12-13", "closed", ""],
    ]);
    expect(week[2].holiday?.modified).toBe(true);
  });

  it("links the address to an OpenStreetMap search", () => {
    const address = { street: "100 River Road", city: "New York", state: "NY", zip: "10001", country: "US" };
    expect(addressLines(address)).toEqual(["100 River Road", "New York, NY 10001", "US"]);
    expect(mapLink(address)).toBe("https://www.openstreetmap.org/search?query=100%20River%20Road%2C%20New%20York%2C%20NY%2010001%2C%20US");
    expect(mapLink(null)).toBeUndefined();
  });
});
