import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { aFacility, fakeNetwork } from "../../shared/api/testing";
import { HoursForm } from "./HoursForm";
import { box, fill, invalid, messageAt } from "./testing";

const hours = {
  weekly: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, open: "07:00", close: "22:00" })),
  holidays: [{ date: "2026-12-25", name: "Christmas", closed: true }],
};

describe("HoursForm", () => {
  afterEach(cleanup);

  it("shows the hours and holidays and saves a holiday with modified hours", async () => {
    const { api, requests } = fakeNetwork({
      "GET /api/v1/facilities/fac_1/hours": () => hours,
      "PUT /api/v1/facilities/fac_1/hours": (r) => r.body,
    });
    render(<HoursForm api={api} facility={aFacility()} />);

    expect((await screen.findByLabelText("Monday opens") as HTMLInputElement).value).toBe("07:00");
    expect(box("Sunday open").checked).toBe(false);
    expect(box("Sunday opens").disabled).toBe(true);
    expect(box("Holiday 1 name").value).toBe("Christmas");

    fireEvent.click(screen.getByRole("checkbox", { name: "Sunday open" }));
    fill("Sunday opens", "09:00");
    fill("Sunday closes", "18:00");
    fireEvent.click(screen.getByRole("button", { name: "Add a holiday" }));
    fill("Holiday 2 date", "2026-12-31");
    fill("Holiday 2 name", "New Year's Eve");
    fireEvent.click(screen.getByRole("checkbox", { name: "Holiday 2 closed all day" }));
    fill("Holiday 2 opens", "08:00");
    fill("Holiday 2 closes", "16:00");
    fireEvent.click(screen.getByRole("button", { name: "Save opening hours" }));

    expect((await screen.findByRole("status")).textContent).toBe("The opening hours are saved.");
    const put = requests.find((r) => r.method === "PUT");
    expect(put?.body).toEqual({
      weekly: [...hours.weekly, { weekday: 7, open: "09:00", close: "18:00" }],
      holidays: [
        { date: "2026-12-25", name: "Christmas", closed: true },
        { date: "2026-12-31", name: "New Year's Eve", closed: false, open: "08:00", close: "16:00" },
      ],
    });
  });

  it("shows the server's errors at the weekday and the holiday they name", async () => {
    const { api } = fakeNetwork({
      "GET /api/v1/facilities/fac_1/hours": () => ({ weekly: [{ weekday: 3, open: "07:00", close: "22:00" }], holidays: [] }),
      "PUT /api/v1/facilities/fac_1/hours": () =>
        invalid([
          { field: "weekly[0].close", message: "must be after open" },
          { field: "holidays[0].name", message: "is required (at most 100 characters)" },
        ]),
    });
    render(<HoursForm api={api} facility={aFacility()} />);
    await screen.findByLabelText("Wednesday closes");
    fill("Wednesday closes", "06:00");
    fireEvent.click(screen.getByRole("button", { name: "Add a holiday" }));
    fill("Holiday 1 date", "2026-12-31");
    fireEvent.click(screen.getByRole("button", { name: "Save opening hours" }));

    await screen.findByRole("alert");
    // weekly[0] is the first day sent: Wednesday, the only open one.
    expect(box("Wednesday closes").getAttribute("aria-invalid")).toBe("true");
    expect(messageAt("Wednesday closes")).toBe("must be after open");
    expect(box("Monday closes").getAttribute("aria-invalid")).toBeNull();
    expect(box("Holiday 1 name").getAttribute("aria-invalid")).toBe("true");
  });
});
