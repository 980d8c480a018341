import { describe, expect, it } from "vitest";
import type { Booking } from "../../shared/api/types";
import { icsFor } from "./calendar";

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
