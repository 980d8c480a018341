import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { aFacility, fakeNetwork } from "../../shared/api/testing";
import type { NotificationDelivery } from "../../shared/api/types";
import { DeliveryLog } from "./DeliveryLog";

const mail: NotificationDelivery = {
  id: "ntf_2",
  type: "booking.confirmed",
  channel: "email",
  user_id: "usr_1",
  recipient: "pat@example.com",
  status: "sent",
  attempts: 1,
  error: null,
  undeliverable: false,
  attempt_log: [{ at: "2026-11-24T12:00:00Z", provider: "smtp", outcome: "sent", error: null }],
  critical: false,
  subject: "Booking confirmed: Court 1",
  body: "Hello Pat,\nYour booking is confirmed.",
  data: {},
  send_after: "2026-11-24T12:00:00Z",
  sent_at: "2026-11-24T12:00:05Z",
  created_at: "2026-11-24T12:00:00Z",
};

describe("DeliveryLog", () => {
  afterEach(cleanup);

  it("lists messages by the filters chosen and opens one as it was sent", async () => {
    const { api, requests } = fakeNetwork({
      "GET /api/v1/me/notification-preferences": () => ({
        channels: {},
        types: {},
        catalogue: [{ type: "booking.confirmed", label: "Booking confirmations", critical: false }],
        quiet_hours: {},
      }),
      "GET /api/v1/facilities/fac_1/notifications": () => ({ items: [mail], next_cursor: null }),
      "GET /api/v1/facilities/fac_1/notifications/ntf_2": () => ({ ...mail, html: "<p>Hello <b>Pat</b></p>" }),
    });
    render(<DeliveryLog api={api} facility={aFacility()} />);
    const row = await screen.findByRole("row", { name: /pat@example.com/ });
    expect(row.textContent).toContain("E-mail");
    await waitFor(() => expect(within(row).getByText("Booking confirmations")).toBeTruthy());

    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "sent" } });
    fireEvent.change(screen.getByLabelText("Channel"), { target: { value: "email" } });
    fireEvent.change(screen.getByLabelText("Message type"), { target: { value: "booking.confirmed" } });
    fireEvent.change(screen.getByLabelText("Date"), { target: { value: "2026-11-24" } });
    await waitFor(() => {
      const last = requests.filter((r) => r.path === "/api/v1/facilities/fac_1/notifications").at(-1)!;
      expect(Object.fromEntries(last.query)).toEqual({ status: "sent", channel: "email", type: "booking.confirmed", date: "2026-11-24", limit: "100" });
    });

    fireEvent.click(screen.getByRole("button", { name: "Open Booking confirmations, E-mail to pat@example.com" }));
    const sent = await screen.findByRole("region", { name: "Booking confirmations as sent" });
    expect(within(sent).getByTestId("message-subject").textContent).toBe("Booking confirmed: Court 1");
    expect(sent.querySelector("pre")?.textContent).toBe("Hello Pat,\nYour booking is confirmed.");
    const frame = within(sent).getByTitle("The e-mail as sent");
    expect(frame.getAttribute("sandbox")).toBe("");
    expect(frame.getAttribute("srcdoc")).toBe("<p>Hello <b>Pat</b></p>");
  });

  it("names the person an in-app message went to instead of their account's id", async () => {
    const inApp: NotificationDelivery = { ...mail, id: "ntf_3", channel: "in_app", recipient: "usr_1", recipient_name: "Pat Player" };
    const named: NotificationDelivery = { ...mail, recipient_name: "Pat Player" };
    const { api } = fakeNetwork({
      "GET /api/v1/me/notification-preferences": () => ({ channels: {}, types: {}, catalogue: [], quiet_hours: {} }),
      "GET /api/v1/facilities/fac_1/notifications": () => ({ items: [inApp, named], next_cursor: null }),
      "GET /api/v1/facilities/fac_1/notifications/ntf_3": () => inApp,
    });
    render(<DeliveryLog api={api} facility={aFacility()} />);
    await screen.findByRole("row", { name: /Pat Player, pat@example.com/ });
    expect(screen.queryByText("usr_1")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: /In the app to Pat Player$/ }));
    const sent = await screen.findByRole("region", { name: /as sent/ });
    expect(within(sent).getByText("Pat Player")).toBeTruthy();
  });

  it("shows a dead letter's every attempt and that its address is undeliverable", async () => {
    const bounced: NotificationDelivery = {
      ...mail,
      status: "failed",
      attempts: 2,
      error: "550 5.1.1 no such user",
      undeliverable: true,
      attempt_log: [
        { at: "2026-11-24T12:00:00Z", provider: "smtp", outcome: "transient", error: "451 try later" },
        { at: "2026-11-24T12:01:00Z", provider: "smtp", outcome: "permanent", error: "550 5.1.1 no such user" },
      ],
    };
    const { api } = fakeNetwork({
      "GET /api/v1/me/notification-preferences": () => ({ channels: {}, types: {}, catalogue: [], quiet_hours: {} }),
      "GET /api/v1/facilities/fac_1/notifications": () => ({ items: [bounced], next_cursor: null }),
      "GET /api/v1/facilities/fac_1/notifications/ntf_2": () => bounced,
    });
    render(<DeliveryLog api={api} facility={aFacility()} />);
    const row = await screen.findByRole("row", { name: /pat@example.com/ });
    expect(within(row).getByText("undeliverable")).toBeTruthy();
    fireEvent.click(within(row).getByRole("button", { name: /^Open / }));
    const sent = await screen.findByRole("region", { name: /as sent$/ });
    const attempts = within(sent).getAllByRole("listitem").map((li) => li.textContent);
    expect(attempts).toHaveLength(2);
    expect(attempts[0]).toContain("smtp, transient (451 try later)");
    expect(attempts[1]).toContain("smtp, permanent (550 5.1.1 no such user)");
    expect(within(sent).getByText(/Undeliverable: nothing more is sent to this address/)).toBeTruthy();
  });
});
