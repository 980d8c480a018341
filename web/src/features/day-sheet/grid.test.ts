import { describe, expect, it } from "vitest";
import { formatTime } from "../../shared/time";
import { byDate, dayRows, monthWeeks, rowsOf, shownSpan, weekDates, zonedInstant } from "./grid";

const label = (ms: number, tz: string) => formatTime(new Date(ms).toISOString(), tz);

describe("the calendar's rows", () => {
  it("skip the hour summer time starts and repeat the hour it ends", () => {
    const hours = { weekly: [{ weekday: 7, open: "00:00", close: "04:00" }], holidays: [] };
    const spring = dayRows("2026-03-08", hours, { from: 0, to: 240 }, 30, "America/New_York");
    expect(spring.map((r) => label(r.start, "America/New_York"))).toEqual(["00:00", "00:30", "01:00", "01:30", "03:00", "03:30"]);
    const autumn = dayRows("2026-11-01", hours, { from: 0, to: 240 }, 30, "America/New_York");
    expect(autumn.map((r) => label(r.start, "America/New_York"))).toEqual([
      "00:00", "00:30", "01:00", "01:30", "01:00", "01:30", "02:00", "02:30", "03:00", "03:30",
    ]);
    expect(autumn.every((r) => !r.closed)).toBe(true);
  });

  it("turn a wall-clock time into its instant in zones either side of UTC", () => {
    expect(new Date(zonedInstant("2026-12-01", 10 * 60, "America/New_York")).toISOString()).toBe("2026-12-01T15:00:00.000Z");
    expect(new Date(zonedInstant("2026-07-01", 10 * 60, "Europe/London")).toISOString()).toBe("2026-07-01T09:00:00.000Z");
    expect(new Date(zonedInstant("2026-12-01", 0, "Australia/Sydney")).toISOString()).toBe("2026-11-30T13:00:00.000Z");
  });

  it("span the week's earliest opening to its latest closing, in whole hours", () => {
    const hours = { weekly: [{ weekday: 1, open: "07:30", close: "21:15" }, { weekday: 6, open: "09:00", close: "23:00" }], holidays: [] };
    expect(shownSpan(hours, ["2026-12-01"])).toEqual({ from: 7 * 60, to: 23 * 60 });
  });

  it("lay weeks out Monday first and months in whole weeks", () => {
    expect(weekDates("2026-12-03")).toEqual(["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"]);
    const { dates, weeks } = monthWeeks("2026-02-14");
    expect(dates).toHaveLength(28);
    expect(weeks.map((w) => w[0])).toEqual(["2026-01-26", "2026-02-02", "2026-02-09", "2026-02-16", "2026-02-23"]);
  });

  it("put a hold on the rows of its own instants, on the day summer time ends too", () => {
    const hours = { weekly: [{ weekday: 7, open: "00:00", close: "04:00" }], holidays: [] };
    const autumn = dayRows("2026-11-01", hours, { from: 0, to: 240 }, 30, "America/New_York");
    // The second 01:30 (in standard time) to 02:30: the rows after the repeated 01:00, not the first 01:30.
    expect(rowsOf(autumn, { start: "2026-11-01T01:30:00-05:00", end: "2026-11-01T02:30:00-05:00" })).toEqual({ first: 5, last: 7 });
    // The first 01:30, still in summer time, is the row before the hour repeats.
    expect(rowsOf(autumn, { start: "2026-11-01T05:30:00Z", end: "2026-11-01T06:00:00Z" })).toEqual({ first: 3, last: 4 });
    // A hold that starts and ends inside rows takes just the rows it touches.
    expect(rowsOf(autumn, { start: "2026-11-01T00:10:00-04:00", end: "2026-11-01T00:50:00-04:00" })).toEqual({ first: 0, last: 2 });
    const spring = dayRows("2026-03-08", hours, { from: 0, to: 240 }, 30, "America/New_York");
    // 01:30 to 03:30 is one real hour: the row at 01:30 and the one at 03:00.
    expect(rowsOf(spring, { start: "2026-03-08T01:30:00-05:00", end: "2026-03-08T03:30:00-04:00" })).toEqual({ first: 3, last: 5 });
  });

  it("sort a range's items onto each local day they overlap, the 25-hour day included", () => {
    const item = (id: string, start: string, end: string) => ({ id, start, end });
    const late = item("late", "2026-11-01T23:30:00-05:00", "2026-11-02T00:30:00-05:00"); // across midnight
    const night = item("night", "2026-11-01T04:30:00Z", "2026-11-01T05:30:00Z"); // 00:30 EDT on the 1st
    const before = item("before", "2026-10-31T23:00:00-04:00", "2026-11-01T00:00:00-04:00"); // ends at the 1st's midnight
    const days = byDate([late, night, before], ["2026-10-31", "2026-11-01", "2026-11-02"], "America/New_York");
    expect(days.get("2026-10-31")!.map((i) => i.id)).toEqual(["before"]);
    expect(days.get("2026-11-01")!.map((i) => i.id)).toEqual(["late", "night"]);
    expect(days.get("2026-11-02")!.map((i) => i.id)).toEqual(["late"]);
  });
});
