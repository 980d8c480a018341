import { describe, expect, it } from "vitest";
import { icsFor, refundPercent, type Booking } from "./types";
import { countdown, formatTime, todayIn } from "./time";

describe("refundPercent", () => {
  const tiers = [
    { min_hours_before: 2, refund_percent: 50 },
    { min_hours_before: 24, refund_percent: 100 },
    { min_hours_before: 0, refund_percent: 0 },
  ];
  it("takes the tier for the notice given", () => {
    expect(refundPercent(tiers, 30)).toBe(100);
    expect(refundPercent(tiers, 24)).toBe(100);
    expect(refundPercent(tiers, 5)).toBe(50);
    expect(refundPercent(tiers, 1)).toBe(0);
  });
});

describe("times", () => {
  it("shows times in the facility's zone, not the browser's", () => {
    expect(formatTime("2026-12-01T23:00:00Z", "America/New_York")).toBe("18:00");
    expect(formatTime("2026-12-01T23:00:00Z", "Europe/Berlin")).toBe("00:00");
    expect(todayIn("Asia/Tokyo", new Date("2026-11-24T20:00:00Z"))).toBe("2026-11-25");
  });
  it("counts down in minutes and seconds", () => {
    expect(countdown(299.4)).toBe("4:59");
    expect(countdown(-3)).toBe("0:00");
  });
});

describe("icsFor", () => {
  it("writes a calendar event in UTC", () => {
    const b = { id: "bkg_1", start: "2026-12-01T18:00:00-05:00", end: "2026-12-01T19:00:00-05:00" } as Booking;
    const ics = icsFor(b, "Court 1 at Riverside; indoor", "Riverside");
    expect(ics).toContain("DTSTART:20261201T230000Z");
    expect(ics).toContain("DTEND:20261202T000000Z");
    expect(ics).toContain("SUMMARY:Court 1 at Riverside\\; indoor");
    expect(ics.split("\r\n")[0]).toBe("BEGIN:VCALENDAR");
  });
});
