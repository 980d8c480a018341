import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { fakeNetwork } from "../../shared/api/testing";
import type { NotificationPreferences as Preferences } from "../../shared/api/types";
import { NotificationPreferences, typeChannels } from "./NotificationPreferences";

const on = (email: boolean, in_app: boolean) => ({ email, sms: false, push: false, in_app });
const prefs = (): Preferences => ({
  channels: { email: true, sms: true, push: true, in_app: true },
  types: {
    "booking.confirmed": on(true, true),
    "booking.cancelled_by_facility": on(true, true),
    "booking.reminder_24h": on(true, true),
    "payment.failed": on(true, true),
  },
  catalogue: [
    { type: "booking.confirmed", label: "Booking confirmations", critical: false },
    { type: "booking.cancelled_by_facility", label: "Bookings the facility cancelled", critical: true },
    { type: "booking.reminder_24h", label: "Reminders the day before", critical: false },
    { type: "payment.failed", label: "Failed payments", critical: true },
  ],
  quiet_hours: { enabled: true, start: "22:00", end: "07:00", timezone: null },
});

describe("NotificationPreferences", () => {
  afterEach(cleanup);

  it("groups the types, shows critical ones as always in the inbox, and saves what changed", async () => {
    const { api, requests } = fakeNetwork({
      "GET /api/v1/me/notification-preferences": () => prefs(),
      "PUT /api/v1/me/notification-preferences": (r) => ({ ...prefs(), ...(r.body as object) }),
    });
    render(<NotificationPreferences api={api} />);
    const bookings = await screen.findByRole("group", { name: "Bookings" });
    expect(within(bookings).getAllByRole("row").map((r) => r.querySelector("th")?.textContent)).toEqual([
      "Message",
      "Booking confirmations",
      "Bookings the facility cancelledAlways in your inbox: it changes your plans.",
    ]);
    expect(screen.getByRole("group", { name: "Reminders" })).toBeTruthy();
    const always = screen.getByRole("checkbox", { name: "Bookings the facility cancelled: In the app (always on)" });
    expect(always).toHaveProperty("checked", true);
    expect(always).toHaveProperty("disabled", true);
    // Only the channels some type goes on have a column.
    expect(within(bookings).queryByRole("columnheader", { name: "Push" })).toBeNull();

    fireEvent.click(screen.getByRole("checkbox", { name: "Booking confirmations: E-mail" }));
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "23:00" } });
    fireEvent.change(screen.getByLabelText("Time zone"), { target: { value: "Europe/Berlin" } });
    fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Saved."));
    const put = requests.find((r) => r.method === "PUT")!.body as Preferences;
    expect(put.types["booking.confirmed"]).toEqual(on(false, true));
    expect(put.types["payment.failed"].in_app).toBe(true);
    expect(put.quiet_hours).toEqual({ enabled: true, start: "23:00", end: "07:00", timezone: "Europe/Berlin" });

    // A channel turned off greys its column.
    fireEvent.click(screen.getByRole("checkbox", { name: "E-mail" }));
    expect(screen.getByRole("checkbox", { name: "Reminders the day before: E-mail" })).toHaveProperty("disabled", true);
  });

  it("offers text messages and push once some type goes on them", () => {
    const p = prefs();
    expect(typeChannels(p)).toEqual(["email", "in_app"]);
    p.types["booking.reminder_24h"] = { ...p.types["booking.reminder_24h"], sms: true };
    expect(typeChannels(p)).toEqual(["email", "sms", "in_app"]);
  });
});
