import { describe, expect, it } from "vitest";
import { aFacility, fakeNetwork } from "../../shared/api/testing";
import type { Availability } from "../../shared/api/types";
import { firstBookableDay, nextAvailable, upcoming } from "./days";

const usd = (amount: number) => ({ amount, currency: "USD" });
type Status = Availability["resources"][number]["slots"][number]["status"];
const at = (date: string, hour: number, status: Status = "available") => {
  const h = String(hour).padStart(2, "0");
  const e = String(hour + 1).padStart(2, "0");
  return { start: `${date}T${h}:00:00-05:00`, end: `${date}T${e}:00:00-05:00`, status, price: usd(2000) };
};
const grid = (...courts: { id: string; slots: ReturnType<typeof at>[] }[]): Availability => ({
  facility_id: "fac_1",
  timezone: "America/New_York",
  resources: courts.map((c) => ({ resource_id: c.id, name: `Court ${c.id.slice(-1)}`, slots: c.slots })),
});
// 20:30 on Monday 7 December 2026 in New York.
const NOW = new Date("2026-12-08T01:30:00Z").getTime();

describe("the grid's first day", () => {
  it("is today while today has a free slot ahead", async () => {
    const { api, requests } = fakeNetwork({
      "GET /api/v1/facilities/fac_1/availability": () => grid({ id: "r1", slots: [at("2026-12-07", 20, "closed"), at("2026-12-07", 21)] }),
    });
    expect(await firstBookableDay(api, aFacility(), 60, NOW)).toBe("2026-12-07");
    expect(requests.map((r) => [r.query.get("date"), r.query.get("days")])).toEqual([["2026-12-07", null]]);
  });

  it("skips a day that is over and a day that is closed or full, asking for the rest of the week at once", async () => {
    const { api, requests } = fakeNetwork({
      "GET /api/v1/facilities/fac_1/availability": (r) => {
        const date = r.query.get("date");
        // Today's slots have passed (the server calls them not bookable); tomorrow is a closed
        // holiday; Wednesday is full; Thursday has one free slot.
        if (date === "2026-12-07") return grid({ id: "r1", slots: [at("2026-12-07", 19, "closed"), at("2026-12-07", 20, "closed")] });
        if (date === "2026-12-08") return grid({ id: "r1", slots: [] });
        return grid(
          { id: "r1", slots: [at("2026-12-09", 9, "booked"), at("2026-12-10", 15, "held"), at("2026-12-10", 16)] },
          { id: "r2", slots: [at("2026-12-09", 9, "blocked"), at("2026-12-10", 17)] },
        );
      },
    });
    expect(await firstBookableDay(api, aFacility(), 90, NOW)).toBe("2026-12-10");
    expect(requests.map((r) => [r.query.get("date"), r.query.get("days"), r.query.get("duration")])).toEqual([
      ["2026-12-07", null, "90"],
      ["2026-12-08", null, "90"],
      ["2026-12-09", "6", "90"],
    ]);
  });

  it("stays within the booking window, and falls back to today where nothing is free", async () => {
    const { api, requests } = fakeNetwork({ "GET /api/v1/facilities/fac_1/availability": () => grid({ id: "r1", slots: [] }) });
    const facility = aFacility({ policies: { ...aFacility().policies, booking_window_days: 3 } });
    expect(await firstBookableDay(api, facility, 60, NOW)).toBe("2026-12-07");
    expect(requests.map((r) => [r.query.get("date"), r.query.get("days")])).toEqual([
      ["2026-12-07", null],
      ["2026-12-08", null],
      ["2026-12-09", "2"],
    ]);
  });
});

describe("slots ahead", () => {
  const day = grid(
    { id: "r1", slots: [at("2026-12-07", 19), at("2026-12-07", 21), at("2026-12-07", 22)] },
    { id: "r2", slots: [at("2026-12-07", 20), at("2026-12-07", 21, "booked"), at("2026-12-07", 22)] },
  );

  it("leaves out the slots that have started", () => {
    expect(upcoming(day, NOW).resources.map((r) => r.slots.map((s) => s.start.slice(11, 16)))).toEqual([
      ["21:00", "22:00"],
      ["21:00", "22:00"],
    ]);
  });

  it("lists the next free slots across courts, soonest first", () => {
    expect(nextAvailable(day, NOW, 5).map((f) => `${f.resourceName} ${f.slot.start.slice(11, 16)}`)).toEqual([
      "Court 1 21:00",
      "Court 1 22:00",
      "Court 2 22:00",
    ]);
    expect(nextAvailable(day, NOW, 1)).toHaveLength(1);
  });
});
