import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeNetwork, Reply } from "../../shared/api/testing";
import type { Booking, Resource, Series } from "../../shared/api/types";
import { SeriesChange } from "./SeriesChange";

const court = (id: string, name: string): Resource => ({ id, facility_id: "fac_1", name, type: "tennis_court", status: "active" });
const courts = [court("res_1", "Court 1"), court("res_2", "Court 2")];
// Tuesdays at 18:00 in New York, in 2030 so that every one is still to come.
const occurrence = (id: string, date: string): Booking => ({
  id,
  facility_id: "fac_1",
  resource_id: "res_1",
  user_id: "usr_pat",
  type: "open_play",
  start: `${date}T23:00:00Z`,
  end: new Date(Date.parse(`${date}T23:00:00Z`) + 3_600_000).toISOString().replace(".000Z", "Z"),
  status: "confirmed",
  approval_status: "not_required",
  payment_status: "pending",
  price: { amount: 3000, currency: "USD" },
  created_at: "2026-11-20T12:00:00Z",
  series_id: "ser_1",
});
const weeks = ["2030-01-08", "2030-01-15", "2030-01-22"].map((d, i) => occurrence(`bkg_${i}`, d));
const series: Series = { id: "ser_1", kind: "booking", facility_id: "fac_1", resource_id: "res_1", rrule: "FREQ=WEEKLY;BYDAY=TU", status: "active", conflicts: [], occurrences: weeks };

afterEach(cleanup);

function open(routes: Parameters<typeof fakeNetwork>[0], onChanged = vi.fn()) {
  const network = fakeNetwork(routes);
  render(<SeriesChange api={network.api} series={series} occurrence={weeks[1]} courts={courts} timeZone="America/New_York" onChanged={onChanged} onClose={() => {}} />);
  return { ...network, onChanged };
}

describe("changing a series", () => {
  it("reviews the change with a dry run, then sends it for this and following", async () => {
    const changed = { ...series, start_time: "19:30" };
    // The dry run: the 15th and the 22nd at 19:30 on Court 2, no clashes.
    const moved = (o: Booking, start: string) => ({ ...o, resource_id: "res_2", start, end: new Date(Date.parse(start) + 3_600_000).toISOString().replace(".000Z", "Z") });
    const preview = { ...changed, occurrences: [weeks[0], moved(weeks[1], "2030-01-16T00:30:00Z"), moved(weeks[2], "2030-01-23T00:30:00Z")] };
    const { requests, onChanged } = open({
      "PATCH /api/v1/recurring-bookings/ser_1": ({ body }) => ((body as { dry_run?: boolean }).dry_run ? preview : changed),
    });
    expect(screen.getByRole<HTMLInputElement>("radio", { name: /and the ones after it/ }).checked).toBe(true);
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Review the change" }).disabled).toBe(true); // nothing changed yet
    fireEvent.change(screen.getByLabelText("New start time"), { target: { value: "19:30" } });
    fireEvent.change(screen.getByLabelText("Court"), { target: { value: "res_2" } });
    fireEvent.click(screen.getByRole("button", { name: "Review the change" }));

    const review = await screen.findByRole("region", { name: "Review the change" });
    expect(review.textContent).toContain("2 occurrences will move to 19:30–20:30, to Court 2");
    const items = within(review).getAllByRole("listitem"); // the 15th and the 22nd, not the 8th
    expect(items).toHaveLength(2);
    expect(items[0].textContent).toMatch(/18:00.*→.*19:30/);
    expect(requests.filter((r) => r.method === "PATCH").map((r) => (r.body as { dry_run?: boolean }).dry_run)).toEqual([true]);

    fireEvent.click(screen.getByRole("button", { name: "Confirm the change" }));
    await vi.waitFor(() => expect(onChanged).toHaveBeenCalledWith(changed, "That occurrence and the ones after it were changed."));
    expect(requests.filter((r) => r.method === "PATCH")[1].body).toEqual({
      scope: "following",
      booking_id: "bkg_1",
      start: "2030-01-16T00:30:00Z",
      end: "2030-01-16T01:30:00Z",
      resource_id: "res_2",
    });
  });

  it("sends every occurrence to come without an anchor, and one alone with it", async () => {
    const { requests } = open({ "PATCH /api/v1/recurring-bookings/ser_1": () => series });
    fireEvent.click(screen.getByRole("radio", { name: "Every occurrence to come" }));
    fireEvent.change(screen.getByLabelText("Note"), { target: { value: "bring balls" } });
    fireEvent.click(screen.getByRole("button", { name: "Review the change" }));
    expect(within(await screen.findByRole("region", { name: "Review the change" })).getAllByRole("listitem")).toHaveLength(3);
    fireEvent.click(screen.getByRole("button", { name: "Confirm the change" }));
    await vi.waitFor(() => expect(requests.filter((r) => r.method === "PATCH")).toHaveLength(2));
    expect(requests[requests.length - 1].body).toEqual({ scope: "all", note: "bring balls" });
  });

  it("shows the dates the dry run says would clash and cannot be confirmed until another time is chosen", async () => {
    const clash = { date: "2030-01-22", start: "2030-01-22T22:00:00Z", end: "2030-01-22T23:00:00Z", rule: "slot-unavailable", detail: "Court 1 is taken then" };
    const { requests } = open({
      "PATCH /api/v1/recurring-bookings/ser_1": ({ body }) =>
        (body as { start?: string }).start?.includes("T22:00") ? { ...series, conflicts: [clash] } : { ...series, conflicts: [] },
    });
    fireEvent.change(screen.getByLabelText("New start time"), { target: { value: "17:00" } });
    fireEvent.click(screen.getByRole("button", { name: "Review the change" }));
    const review = await screen.findByRole("region", { name: "Review the change" });
    expect(within(within(review).getByRole("list", { name: "Conflicts" })).getByRole("listitem").textContent).toContain("Court 1 is taken then");
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Confirm the change" }).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText("New start time"), { target: { value: "16:00" } });
    fireEvent.click(screen.getByRole("button", { name: "Review the change" }));
    await vi.waitFor(() => expect(screen.getByRole<HTMLButtonElement>("button", { name: "Confirm the change" }).disabled).toBe(false));
    expect(requests.every((r) => (r.body as { dry_run?: boolean }).dry_run)).toBe(true);
  });

  it("says nothing changed and lists the dates when the change is refused after all", async () => {
    const { onChanged } = open({
      "PATCH /api/v1/recurring-bookings/ser_1": ({ body }) =>
        (body as { dry_run?: boolean }).dry_run
          ? series
          : new Reply(409, {
              status: 409,
              code: "series-conflict",
              detail: "2 occurrences would clash with other bookings, so nothing moved: 2030-01-15, 2030-01-22.",
            }),
    });
    fireEvent.change(screen.getByLabelText("New start time"), { target: { value: "17:00" } });
    fireEvent.click(screen.getByRole("button", { name: "Review the change" }));
    fireEvent.click(await screen.findByRole("button", { name: "Confirm the change" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Nothing was changed.");
    expect(within(within(alert).getByRole("list", { name: "Clashing dates" })).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "2030-01-15",
      "2030-01-22",
    ]);
    expect(onChanged).not.toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "Review the change" })).toBeTruthy(); // back to choosing
  });
});
