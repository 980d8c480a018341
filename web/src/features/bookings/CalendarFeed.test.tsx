import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeNetwork } from "../../shared/api/testing";
import { CalendarFeed } from "./CalendarFeed";

const first = { url: "/api/v1/calendar/first-token.ics", webcal_url: "webcal://courts.example/api/v1/calendar/first-token.ics" };
const second = { url: "/api/v1/calendar/second-token.ics", webcal_url: null };

describe("CalendarFeed", () => {
  const writeText = vi.fn(async (text: string) => {
    void text;
  });
  beforeEach(() => {
    writeText.mockClear();
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
  });
  afterEach(() => {
    cleanup();
    Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true });
  });

  it("shows the feed's full address to copy and a webcal link to open a calendar app", async () => {
    const { api } = fakeNetwork({ "GET /api/v1/me/calendar-feed": () => first });
    render(<CalendarFeed api={api} origin="https://courts.example" />);
    expect(screen.getByRole("heading", { name: "Subscribe to my calendar" })).toBeTruthy();
    const address = (await screen.findByLabelText("Calendar link")) as HTMLInputElement;
    expect(address.value).toBe("https://courts.example/api/v1/calendar/first-token.ics");
    expect(address.readOnly).toBe(true);
    expect(screen.getByRole("link", { name: "Open in my calendar app" }).getAttribute("href")).toBe(first.webcal_url);

    fireEvent.click(screen.getByRole("button", { name: "Copy link" }));
    expect((await screen.findByRole("status")).textContent).toBe("Copied the calendar link.");
    expect(writeText).toHaveBeenCalledWith("https://courts.example/api/v1/calendar/first-token.ics");
  });

  it("makes a new link only once asked to confirm, and shows it at once", async () => {
    const { api, requests } = fakeNetwork({
      "GET /api/v1/me/calendar-feed": () => first,
      "POST /api/v1/me/calendar-feed/rotate": () => second,
    });
    render(<CalendarFeed api={api} origin="https://courts.example" />);
    await screen.findByLabelText("Calendar link");

    fireEvent.click(screen.getByRole("button", { name: "Make a new link" }));
    const confirm = screen.getByRole("group", { name: "Confirm the new link" });
    expect(confirm.textContent).toContain("stop receiving your bookings");
    fireEvent.click(within(confirm).getByRole("button", { name: "Keep the current link" }));
    expect(requests.filter((r) => r.method === "POST")).toHaveLength(0);

    fireEvent.click(screen.getByRole("button", { name: "Make a new link" }));
    fireEvent.click(screen.getByRole("button", { name: "Yes, make a new link" }));
    expect((await screen.findByRole("status")).textContent).toContain("The old one no longer works");
    expect((screen.getByLabelText("Calendar link") as HTMLInputElement).value).toBe(
      "https://courts.example/api/v1/calendar/second-token.ics",
    );
    // Without a host from the server, the webcal link is the https one with its scheme changed.
    expect(screen.getByRole("link", { name: "Open in my calendar app" }).getAttribute("href")).toBe(
      "webcal://courts.example/api/v1/calendar/second-token.ics",
    );
    expect(requests.filter((r) => r.path === "/api/v1/me/calendar-feed/rotate")).toHaveLength(1);
    expect(screen.queryByRole("group", { name: "Confirm the new link" })).toBeNull();
  });

  it("says why the feed could not be had", async () => {
    const { api } = fakeNetwork({});
    render(<CalendarFeed api={api} origin="https://courts.example" />);
    expect((await screen.findByRole("alert")).textContent).toContain("No route");
    expect(screen.queryByLabelText("Calendar link")).toBeNull();
  });
});
