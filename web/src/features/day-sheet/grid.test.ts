import { describe, expect, it } from "vitest";
import { formatTime } from "../../shared/time";
import { dayRows, monthWeeks, shownSpan, weekDates, zonedInstant } from "./grid";

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
});
