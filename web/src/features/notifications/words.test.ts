import { describe, expect, it } from "vitest";
import { ApiError } from "../../shared/api/client";
import { channelLabel, groupTypes, templateProblem } from "./words";

describe("notification words", () => {
  it("groups the catalogue's types as players think of them, keeping its order", () => {
    const types = [
      "booking.confirmed",
      "booking.reminder_24h",
      "booking.cancelled_by_facility",
      "waitlist.offer",
      "payment.failed",
      "booking.reminder_1h",
      "booking.check_in_open",
      "something.new",
    ].map((type) => ({ type }));
    expect(groupTypes(types).map((g) => [g.title, g.types.map((t) => t.type)])).toEqual([
      ["Bookings", ["booking.confirmed", "booking.cancelled_by_facility"]],
      ["Reminders", ["booking.reminder_24h", "booking.reminder_1h", "booking.check_in_open"]],
      ["Waitlist", ["waitlist.offer"]],
      ["Payments", ["payment.failed"]],
      ["Other", ["something.new"]],
    ]);
  });

  it("reads the line of a broken template from the server's error", () => {
    const broken = new ApiError(422, "Validation failed", undefined, [
      { field: "body", message: "line 3: the section {{#price}} is not closed (add {{/price}})" },
    ]);
    expect(templateProblem(broken)).toEqual({ field: "body", line: 3, message: "the section {{#price}} is not closed (add {{/price}})" });
    const long = new ApiError(422, "Validation failed", undefined, [{ field: "body", message: "must be at most 20480 bytes" }]);
    expect(templateProblem(long)).toEqual({ field: "body", line: null, message: "must be at most 20480 bytes" });
    const subject = new ApiError(422, "Validation failed", undefined, [{ field: "subject", message: "line 1: {{who}}: no" }]);
    expect(templateProblem(subject)?.field).toBe("subject");
    expect(templateProblem(new Error("offline"))).toBeNull();
  });

  it("names channels for people", () => {
    expect(channelLabel("in_app")).toBe("In the app");
    expect(channelLabel("email")).toBe("E-mail");
    expect(channelLabel("carrier_pigeon")).toBe("carrier pigeon");
  });
});
