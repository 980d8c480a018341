import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { aFacility, fakeNetwork, page } from "../../shared/api/testing";
import type { Booking, MemberEntry, Resource, StaffBooking } from "../../shared/api/types";
import { Lists } from "./Lists";

const court = (id: string, name: string): Resource => ({ id, facility_id: "fac_1", name, type: "tennis_court", status: "active" });
const courts = [court("res_1", "Court 1"), court("res_2", "Court 2")];
const members: MemberEntry[] = [{ user_id: "usr_pat", email: "pat@example.com", name: "Pat Player", status: "active" }];
const pat = { id: "usr_pat", name: "Pat Player", email: "pat@example.com" };
const booking = (id: string, resource_id: string, status: Booking["status"], player = pat): StaffBooking => ({
  id,
  facility_id: "fac_1",
  resource_id,
  user_id: player.id,
  player,
  type: "open_play",
  start: "2026-12-01T15:00:00Z",
  end: "2026-12-01T16:00:00Z",
  status,
  approval_status: "not_required",
  payment_status: "pending",
  price: { amount: 3000, currency: "USD" },
  created_at: "2026-11-20T12:00:00Z",
});

function club() {
  // Nina is not a member: the server names her all the same.
  const nina = { id: "usr_nina", name: "Nina Guest", email: "nina@example.com", phone: "+12125550123" };
  const all = [booking("bkg_1", "res_1", "confirmed"), booking("bkg_2", "res_2", "cancelled"), booking("bkg_3", "res_2", "confirmed", nina)];
  return fakeNetwork({
    "GET /api/v1/facilities/fac_1/resources": () => page(courts),
    "GET /api/v1/facilities/fac_1/members": () => page(members),
    "GET /api/v1/facilities/fac_1/staff": () => page([]),
    // The server's filters and pages, as far as this screen uses them.
    "GET /api/v1/facilities/fac_1/bookings": ({ query }) => {
      const items = all.filter((b) => (!query.get("resource_id") || b.resource_id === query.get("resource_id")) && (!query.get("status") || b.status === query.get("status")));
      const from = Number(query.get("cursor") ?? 0);
      const limit = Number(query.get("limit"));
      const shown = items.slice(from, from + limit);
      return { items: shown, next_cursor: from + limit < items.length ? String(from + limit) : null };
    },
  });
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const rows = () => within(screen.getByRole("table", { name: "Bookings" })).getAllByRole("row").slice(1);

describe("the bookings list", () => {
  it("asks the server for the dates and filters chosen and shows court and player names", async () => {
    const { api, requests } = club();
    render(<Lists api={api} facility={aFacility()} />);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(within(rows()[0]).getByText("Court 1")).toBeTruthy();
    expect(within(rows()[0]).getByText("Pat Player")).toBeTruthy();
    expect(within(rows()[2]).getByText("Nina Guest")).toBeTruthy();
    expect(within(rows()[2]).getByText("nina@example.com · +12125550123")).toBeTruthy();

    await screen.findByRole("option", { name: "Court 2" });
    fireEvent.change(screen.getByLabelText("Court"), { target: { value: "res_2" } });
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "confirmed" } });
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-12-01" } });
    fireEvent.change(screen.getByLabelText("To"), { target: { value: "2026-12-31" } });
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(within(rows()[0]).getByText("Court 2")).toBeTruthy();
    const last = requests.filter((r) => r.path === "/api/v1/facilities/fac_1/bookings").at(-1)!;
    expect(Object.fromEntries(last.query)).toMatchObject({ from: "2026-12-01", to: "2026-12-31", resource_id: "res_2", status: "confirmed" });
    expect(last.query.has("approval_status")).toBe(false);
  });

  it("pages forward with the server's cursor and back again", async () => {
    const many = Array.from({ length: 30 }, (_, i) => booking(`bkg_${i}`, "res_1", "confirmed"));
    // 30 bookings: a page of 25, then 5.
    const network = fakeNetwork({
      "GET /api/v1/facilities/fac_1/resources": () => page(courts),
      "GET /api/v1/facilities/fac_1/members": () => page(members),
      "GET /api/v1/facilities/fac_1/staff": () => page([]),
      "GET /api/v1/facilities/fac_1/bookings": ({ query }) => {
        const from = Number(query.get("cursor") ?? 0);
        return { items: many.slice(from, from + 25), next_cursor: from + 25 < many.length ? String(from + 25) : null };
      },
    });
    render(<Lists api={network.api} facility={aFacility()} />);
    await waitFor(() => expect(rows()).toHaveLength(25));
    expect((screen.getByRole("button", { name: "Previous page" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Next page" }));
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect((screen.getByRole("button", { name: "Next page" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Previous page" }));
    await waitFor(() => expect(rows()).toHaveLength(25));
  });

  it("downloads the CSV of the same selection as a file", async () => {
    const { api } = club();
    const file = vi.spyOn(api, "file").mockResolvedValue({ text: "booking_id\r\nbkg_3\r\n", type: "text/csv", filename: "bookings-2026-12-01-to-2026-12-07.csv" });
    const made: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => {
      made.push(b);
      return "blob:csv";
    }) as typeof URL.createObjectURL;
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    render(<Lists api={api} facility={aFacility()} />);
    await screen.findByRole("option", { name: "Court 2" });
    fireEvent.change(screen.getByLabelText("Court"), { target: { value: "res_2" } });
    fireEvent.click(screen.getByRole("button", { name: "Download CSV" }));
    await screen.findByText("Downloaded bookings-2026-12-01-to-2026-12-07.csv.");
    expect(file.mock.calls[0][0]).toContain("format=csv");
    expect(file.mock.calls[0][0]).toContain("resource_id=res_2");
    expect(await made[0].text()).toBe("booking_id\r\nbkg_3\r\n");
    expect(click).toHaveBeenCalled();
  });

  it("shows the server's refusal naming the field", async () => {
    const { api } = club();
    render(<Lists api={api} facility={aFacility()} />);
    await waitFor(() => expect(rows()).toHaveLength(3));
    vi.spyOn(api, "file").mockRejectedValue(new Error("to: more than 10000 bookings match"));
    fireEvent.click(screen.getByRole("button", { name: "Download CSV" }));
    expect((await screen.findByRole("alert")).textContent).toContain("more than 10000");
  });
});
