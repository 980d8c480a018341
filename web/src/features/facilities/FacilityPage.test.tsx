import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { aFacility, fakeNetwork, page, Reply } from "../../shared/api/testing";
import type { Hours, Pricing, Resource } from "../../shared/api/types";
import { FacilityPage } from "./FacilityPage";

const usd = (amount: number) => ({ amount, currency: "USD" });
// Monday 7 December 2026, 09:00 in New York.
const NOW = () => new Date("2026-12-07T14:00:00Z");

const facility = aFacility({
  name: "Riverside Tennis Center",
  address: { street: "100 River Road", city: "New York", state: "NY", zip: "10001", country: "US" },
  settings: { description: "Eight hard courts by the river.", sports: ["tennis", "pickleball"], contact_email: "desk@riverside.test" },
  policies: {
    ...aFacility().policies,
    booking_window_days: 21,
    max_active_bookings_per_user: 3,
    min_lead_time_minutes: 60,
    payment_timing: "before_session",
    weekend_multiplier: 1.25,
    cancellation: {
      tiers: [
        { min_hours_before: 24, refund_percent: 100 },
        { min_hours_before: 2, refund_percent: 50 },
        { min_hours_before: 0, refund_percent: 0 },
      ],
    },
  },
});
const hours: Hours = {
  weekly: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, open: weekday === 6 ? "08:00" : "07:00", close: "22:00" })),
  holidays: [
    { date: "2026-12-09", name: "Club championship", closed: false, open: "10:00", close: "16:00" },
    { date: "2026-12-10", name: "Staff training", closed: true },
    { date: "2026-12-25", name: "Christmas Day", closed: true },
  ],
};
const courts: Resource[] = [
  { id: "res_1", facility_id: "fac_1", name: "Court 1", type: "tennis_court", status: "active", indoor: true, surface: "hard", lighting: true, color: "#1e88e5" },
  { id: "res_2", facility_id: "fac_1", name: "Court 2", type: "pickleball_court", status: "active", indoor: false, surface: "clay", lighting: false, color: "#e65100" },
  { id: "res_3", facility_id: "fac_1", name: "Old court", type: "tennis_court", status: "inactive" },
];
const peak: Pricing = {
  base: usd(2400),
  member_base: usd(1800),
  per_minutes: 60,
  rules: [{ name: "Weekday evenings", weekdays: [1, 2, 3, 4, 5], from: "17:00", to: "21:00", price: usd(3600), member_price: usd(2800) }],
};

function club() {
  return fakeNetwork({
    "GET /api/v1/facilities/fac_1": () => facility,
    "GET /api/v1/facilities/fac_1/hours": () => hours,
    "GET /api/v1/facilities/fac_1/resources": () => page(courts),
    "GET /api/v1/resources/res_1/pricing": () => peak,
    "GET /api/v1/resources/res_2/pricing": () => ({ base: usd(2000), member_base: null, per_minutes: 60, rules: [] }),
  });
}

describe("FacilityPage", () => {
  afterEach(cleanup);

  it("shows the club, its address with a map link, its description and sports", async () => {
    const { api } = club();
    render(<FacilityPage api={api} facilityId="fac_1" now={NOW} />);
    const name = await screen.findByRole("heading", { name: "Riverside Tennis Center", level: 2 });
    // The page replaces the screen: focus moves to its name.
    await waitFor(() => expect(document.activeElement).toBe(name));
    expect(screen.getByText("Eight hard courts by the river.")).toBeTruthy();
    expect(screen.getByText(/Tennis, Pickleball/)).toBeTruthy();
    expect(screen.getByText("100 River Road")).toBeTruthy();
    expect(screen.getByText("New York, NY 10001")).toBeTruthy();
    const map = screen.getByRole("link", { name: /Show on a map/ });
    expect(map.getAttribute("href")).toBe(
      "https://www.openstreetmap.org/search?query=100%20River%20Road%2C%20New%20York%2C%20NY%2010001%2C%20US",
    );
    expect(map.getAttribute("rel")).toContain("noopener");
    expect(screen.getByRole("link", { name: "desk@riverside.test" }).getAttribute("href")).toBe("mailto:desk@riverside.test");
  });

  it("shows this week's opening hours with the holidays and their modified hours, and the holidays after", async () => {
    const { api } = club();
    render(<FacilityPage api={api} facilityId="fac_1" now={NOW} />);
    const table = within(await screen.findByRole("region", { name: "Opening hours this week" })).getByRole("table");
    const rows = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent));
    expect(rows).toEqual([
      ["Today, Mon, Dec 7", "07:00–22:00", ""],
      ["Tue, Dec 8", "07:00–22:00", ""],
      ["Wed, Dec 9", "10:00–16:00", "Club championship (holiday, modified hours)"],
      ["Thu, Dec 10", "Closed", "Staff training (holiday)"],
      ["Fri, Dec 11", "07:00–22:00", ""],
      ["Sat, Dec 12", "08:00–22:00", ""],
      ["Sun, Dec 13", "Closed", ""],
    ]);
    expect(within(table).getByText("Local times at the club (America/New_York, EST)")).toBeTruthy();
    expect(screen.getByRole("list", { name: "Holidays coming up" }).textContent).toBe("Fri, Dec 25: Christmas Day, closed");
  });

  it("lists the active courts with their attributes and prices, and when prices change", async () => {
    const { api } = club();
    render(<FacilityPage api={api} facilityId="fac_1" now={NOW} />);
    const courtsTable = within(await screen.findByRole("region", { name: "Courts" })).getByRole("table");
    const rows = within(courtsTable)
      .getAllByRole("row")
      .slice(1)
      .map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent));
    expect(rows).toEqual([
      ["Court 1", "Tennis court", "Indoor", "Hard", "Floodlit", "$24.00 an hour (members $18.00)"],
      ["Court 2", "Pickleball court", "Outdoor", "Clay", "No lights", "$20.00 an hour"],
    ]);
    // A phone shows the same as a card per court.
    expect(within(screen.getByRole("list", { name: "Court list" })).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Court 1Tennis court · Indoor · Hard · Floodlit$24.00 an hour (members $18.00)",
      "Court 2Pickleball court · Outdoor · Clay · No lights$20.00 an hour",
    ]);
    const swatch = courtsTable.querySelector(".swatch") as HTMLElement;
    expect(swatch.style.background).toBe("rgb(30, 136, 229)");
    expect(swatch.getAttribute("aria-hidden")).toBe("true");
    expect(screen.getByRole("list", { name: "When prices change" }).textContent).toBe(
      "Weekday evenings (peak time, Mon–Fri 17:00–21:00): $36.00 an hour (members $28.00), Court 1." +
        "Weekends (Saturdays and Sundays): prices × 1.25 (25% more).",
    );
  });

  it("says the booking rules that apply to a player in plain words", async () => {
    const { api } = club();
    render(<FacilityPage api={api} facilityId="fac_1" now={NOW} />);
    const rules = await screen.findByRole("region", { name: "Booking rules" });
    const said = Object.fromEntries(
      [...rules.querySelectorAll("dl > div")].map((d) => [d.querySelector("dt")?.textContent, d.querySelector("dd")?.textContent]),
    );
    expect(said["How far ahead"]).toBe("You can book up to 21 days ahead.");
    expect(said["Bookings at a time"]).toBe("Up to 3 upcoming bookings at a time.");
    expect(said["Notice"]).toBe("Book at least 1 hour before the start.");
    expect(said["Session length"]).toBe("60 to 120 minutes, in steps of 30 minutes.");
    expect(said["Cancelling"]).toBe(
      "Cancel 24 hours or more before: full refund; 2 hours or more before: 50% refund; less than 2 hours before: no refund.",
    );
    expect(said["No-shows"]).toMatch(/a fee of the full price\.$/);
    expect(said["Paying"]).toMatch(/^You pay before your session\./);
  });

  it("books here or goes back", async () => {
    const { api } = club();
    const onBook = vi.fn();
    const onBack = vi.fn();
    render(<FacilityPage api={api} facilityId="fac_1" now={NOW} onBook={onBook} onBack={onBack} backLabel="Back to booking" />);
    fireEvent.click((await screen.findAllByRole("button", { name: "Book a court here" }))[0]);
    expect(onBook).toHaveBeenCalled();
    fireEvent.click(screen.getAllByRole("button", { name: "Back to booking" })[0]);
    expect(onBack).toHaveBeenCalled();
  });

  it("stands without the prices where they cannot be read, and says so when the club cannot be", async () => {
    const { api } = fakeNetwork({
      "GET /api/v1/facilities/fac_1": () => facility,
      "GET /api/v1/facilities/fac_1/hours": () => hours,
      "GET /api/v1/facilities/fac_1/resources": () => page(courts),
      "GET /api/v1/resources/res_1/pricing": () => new Reply(403, { status: 403, title: "Forbidden", detail: "Not yours." }),
    });
    render(<FacilityPage api={api} facilityId="fac_1" now={NOW} />);
    const courtsTable = within(await screen.findByRole("region", { name: "Courts" })).getByRole("table");
    expect(within(courtsTable).getAllByText("Ask the desk")).toHaveLength(2);

    cleanup();
    render(<FacilityPage api={fakeNetwork({}).api} facilityId="fac_1" now={NOW} />);
    expect((await screen.findByRole("alert")).textContent).toMatch(/^This club's page could not be loaded/);
  });

  it("shows the club's logo by its name and each court's picture in the court list", async () => {
    const logo = "/api/v1/media/" + "a".repeat(64) + ".png";
    const picture = "/api/v1/media/" + "b".repeat(64) + ".jpg";
    const { api } = fakeNetwork({
      "GET /api/v1/facilities/fac_1": () => ({ ...facility, logo_url: logo }),
      "GET /api/v1/facilities/fac_1/hours": () => hours,
      "GET /api/v1/facilities/fac_1/resources": () => page([{ ...courts[0], image_url: picture }, { ...courts[1], image_url: null }]),
    });
    render(<FacilityPage api={api} facilityId="fac_1" now={NOW} />);
    const img = (await screen.findByAltText("Logo of Riverside Tennis Center")) as HTMLImageElement;
    expect(img.getAttribute("src")).toBe(logo);
    const pictures = screen.getAllByAltText("Picture of Court 1");
    expect(pictures.length).toBeGreaterThan(0);
    expect(pictures.every((p) => p.getAttribute("src") === picture)).toBe(true);
    expect(screen.queryByAltText("Picture of Court 2")).toBeNull();
  });

  it("shows no logo where the club has none", async () => {
    const { api } = club();
    render(<FacilityPage api={api} facilityId="fac_1" now={NOW} />);
    await screen.findByRole("heading", { name: "Riverside Tennis Center", level: 2 });
    expect(screen.queryByAltText(/^Logo of/)).toBeNull();
  });
});
