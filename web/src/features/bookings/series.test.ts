import { describe, expect, it } from "vitest";
import { weeklyOn } from "./api";

describe("weeklyOn", () => {
  it("repeats on the chosen date's own weekday", () => {
    expect(weeklyOn("2026-12-02")).toBe("FREQ=WEEKLY;BYDAY=WE");
    expect(weeklyOn("2026-12-06")).toBe("FREQ=WEEKLY;BYDAY=SU");
  });
});
