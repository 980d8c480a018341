import { describe, expect, it } from "vitest";
import { aFacility } from "../../shared/api/testing";
import { localDate, playerRepeat } from "./repeat";

describe("playerRepeat", () => {
  const policies = aFacility().policies;
  it("is off unless the facility allows player series and does not take payment at booking", () => {
    expect(playerRepeat({ ...policies, allow_player_recurring: false, payment_timing: "before_session" })).toBeUndefined();
    expect(playerRepeat({ ...policies, allow_player_recurring: true, payment_timing: "at_booking" })).toBeUndefined();
    expect(playerRepeat({ ...policies, allow_player_recurring: true, payment_timing: "before_session", recurring_horizon_days: 60 })).toEqual({ horizonDays: 60 });
  });
});

describe("localDate", () => {
  it("is the date in the facility's zone, not UTC's", () => {
    expect(localDate("2026-12-02T02:00:00Z", "America/New_York")).toBe("2026-12-01");
  });
});
