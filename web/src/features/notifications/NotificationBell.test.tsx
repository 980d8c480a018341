import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { fakeNetwork } from "../../shared/api/testing";
import type { AppNotification } from "../../shared/api/types";
import type { NotificationPush } from "./live";
import { NotificationBell } from "./NotificationBell";

const at = "2026-11-24T12:00:00Z";
const note = (id: string, title: string, read = false): AppNotification => ({
  id,
  type: "booking.confirmed",
  title,
  body: `${title}: Court 1, Wed 25 Nov, 10:00 (America/New_York).`,
  data: {},
  facility_id: "fac_1",
  read,
  read_at: read ? at : null,
  created_at: at,
});

describe("NotificationBell", () => {
  afterEach(cleanup);

  it("shows the unread count, the list, and marks read", async () => {
    let items = [note("ntf_2", "Booking confirmed"), note("ntf_1", "Payment received", true)];
    const { api, requests } = fakeNetwork({
      "GET /api/v1/me/notifications": () => ({ items, unread_count: items.filter((n) => !n.read).length, next_cursor: null }),
      "POST /api/v1/notifications/ntf_2/read": () => {
        items = items.map((n) => ({ ...n, read: true }));
        return items[0];
      },
    });
    render(<NotificationBell api={api} follow={() => () => undefined} />);
    const bell = await screen.findByRole("button", { name: "Notifications, 1 unread" });
    expect(bell).toHaveProperty("ariaExpanded", "false");
    fireEvent.click(bell);
    const list = screen.getByRole("list", { name: "Notifications" });
    expect(within(list).getAllByRole("listitem").map((li) => li.querySelector("strong")?.textContent)).toEqual([
      "Booking confirmed",
      "Payment received",
    ]);
    expect(list.textContent).toContain("Wed 25 Nov, 10:00 (America/New_York)");
    fireEvent.click(screen.getByRole("button", { name: "Mark read: Booking confirmed" }));
    expect(await screen.findByRole("button", { name: "Notifications" })).toBeTruthy();
    expect(requests.some((r) => r.method === "POST" && r.path === "/api/v1/notifications/ntf_2/read")).toBe(true);
  });

  it("reads the list again when a notification is pushed", async () => {
    let items: AppNotification[] = [];
    const { api } = fakeNetwork({
      "GET /api/v1/me/notifications": () => ({ items, unread_count: items.length, next_cursor: null }),
      "POST /api/v1/me/notifications/read-all": () => ({ marked: items.length }),
    });
    let push: ((p: NotificationPush) => void) | null = null;
    render(
      <NotificationBell
        api={api}
        follow={(onPush) => {
          push = onPush;
          return () => undefined;
        }}
      />,
    );
    expect(await screen.findByRole("button", { name: "Notifications" })).toBeTruthy();
    items = [note("ntf_3", "Booking confirmed")];
    await act(async () => {
      push?.({ type: "notification", notification: { id: "ntf_3", type: "booking.confirmed", title: "Booking confirmed", body: "", read: false, created_at: at } });
    });
    expect(await screen.findByRole("button", { name: "Notifications, 1 unread" })).toBeTruthy();
  });
});
