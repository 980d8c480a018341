import { describe, expect, it } from "vitest";
import { countdown, dateLocale, formatDateTime, formatDay, formatMonth, formatTime, instantAt, isoWeekday, overlaps, sameInstant, todayIn, wallClock } from "./time";

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
  it("compares instants, not their spellings", () => {
    expect(sameInstant("2026-12-01T10:00:00-05:00", "2026-12-01T15:00:00Z")).toBe(true);
    expect(sameInstant("2026-12-01T10:00:00-05:00", "2026-12-01T10:00:00Z")).toBe(false);
    const booking = { start: "2026-12-01T15:00:00Z", end: "2026-12-01T16:00:00Z" };
    expect(overlaps({ start: "2026-12-01T10:30:00-05:00", end: "2026-12-01T11:30:00-05:00" }, booking)).toBe(true);
    expect(overlaps({ start: "2026-12-01T11:00:00-05:00", end: "2026-12-01T12:00:00-05:00" }, booking)).toBe(false);
  });
  it("names local dates and reads instants on the facility's wall clock", () => {
    expect(formatDay("2026-12-07")).toBe("Mon, Dec 7");
    expect(formatDay("2027-01-01", true)).toBe("Fri, Jan 1, 2027");
    expect([isoWeekday("2026-12-07"), isoWeekday("2026-12-13")]).toEqual([1, 7]);
    // 01:30 UTC on Tuesday is 20:30 on Monday in New York.
    expect(wallClock(new Date("2026-12-08T01:30:00Z").getTime(), "America/New_York")).toEqual({ date: "2026-12-07", weekday: 1, minute: 1230 });
    expect(wallClock(new Date("2026-12-07T23:00:00Z").getTime(), "Asia/Tokyo")).toEqual({ date: "2026-12-08", weekday: 2, minute: 480 });
  });
});

describe("dates in the browser's order", () => {
  it("write dates in English in the order of the browser's region, as its date inputs do", () => {
    expect(dateLocale("en-US")).toBe("en-US");
    expect(dateLocale("de-DE")).toBe("en-DE");
    expect(dateLocale("fr")).toBe("en-FR");
    expect(dateLocale("not a language")).toBe("en-US");
    // A US browser's date input reads 12/07/2026, a British or German one 07/12/2026 or 07.12.2026.
    expect(formatDay("2026-12-07", true, "en-US")).toBe("Mon, Dec 7, 2026");
    expect(formatDay("2026-12-07", true, dateLocale("en-GB"))).toMatch(/^Mon,? 7 Dec 2026$/);
    expect(formatDay("2026-12-07", true, dateLocale("de-DE"))).toMatch(/^Mon,? 7 Dec 2026$/);
    expect(formatMonth("2026-12", "en-US")).toBe("December 2026");
    // Times stay on the 24-hour clock whatever the region.
    expect(formatDateTime("2026-12-07T23:30:00Z", "America/New_York", "en-US")).toBe("Mon, Dec 7, 18:30");
    expect(formatDateTime("2026-12-07T23:30:00Z", "America/New_York", dateLocale("en-GB"))).toMatch(/^Mon,? 7 Dec,? 18:30$/);
  });
});

describe("instantAt", () => {
  it("turns a facility's wall clock into the instant, daylight saving time included", () => {
    expect(instantAt("2026-12-08", 18 * 60, "America/New_York")).toBe("2026-12-08T23:00:00Z");
    expect(instantAt("2026-07-08", 18 * 60, "America/New_York")).toBe("2026-07-08T22:00:00Z");
    expect(instantAt("2026-03-08", 3 * 60, "America/New_York")).toBe("2026-03-08T07:00:00Z");
    expect(instantAt("2026-11-01", 90, "America/New_York")).toBe("2026-11-01T05:30:00Z");
    expect(instantAt("2026-11-02", 0, "Europe/Berlin")).toBe("2026-11-01T23:00:00Z");
  });
});
