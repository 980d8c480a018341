import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { aFacility, fakeNetwork, page, Reply } from "../../shared/api/testing";
import { PricingForm } from "./PricingForm";
import { box, fill, invalid, messageAt } from "./testing";

const courts = page([
  { id: "res_1", facility_id: "fac_1", name: "Court 1", type: "tennis_court", status: "active" },
  { id: "res_2", facility_id: "fac_1", name: "Court 2", type: "tennis_court", status: "active" },
]);
const usd = (amount: number) => ({ amount, currency: "USD" });
const save = () => fireEvent.click(screen.getByRole("button", { name: "Save prices" }));

describe("PricingForm", () => {
  afterEach(cleanup);

  it("shows a court's prices as decimals and sends a new peak rule in minor units", async () => {
    const { api, requests } = fakeNetwork({
      "GET /api/v1/facilities/fac_1/resources": () => courts,
      "GET /api/v1/resources/res_1/pricing": () => ({ base: usd(2000), member_base: usd(1500), per_minutes: 60, rules: [] }),
      "PUT /api/v1/resources/res_1/pricing": (r) => r.body,
    });
    render(<PricingForm api={api} facility={aFacility()} />);

    expect(((await screen.findByLabelText("Price (USD)")) as HTMLInputElement).value).toBe("20.00");
    expect(box("Member price (USD)").value).toBe("15.00");
    fill("Price (USD)", "24.5");
    fireEvent.click(screen.getByRole("button", { name: "Add a price rule" }));
    fill("Rule 1 name", "evening peak");
    fireEvent.click(screen.getByRole("checkbox", { name: "Saturday" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Monday" }));
    fill("Rule 1 from (HH:MM)", "18:00");
    fill("Rule 1 price (USD)", "32.99");
    save();

    expect((await screen.findByRole("status")).textContent).toBe("The prices are saved.");
    expect(requests.find((r) => r.method === "PUT")?.body).toEqual({
      base: usd(2450),
      member_base: usd(1500),
      per_minutes: 60,
      rules: [{ name: "evening peak", weekdays: [2, 3, 4, 5, 6], from: "18:00", to: "21:00", price: usd(3299), member_price: null }],
    });
    expect(box("Rule 1 price (USD)").value).toBe("32.99");
  });

  it("refuses an amount that is not one before sending, and shows the server's errors at their fields", async () => {
    const { api, requests } = fakeNetwork({
      "GET /api/v1/facilities/fac_1/resources": () => courts,
      "GET /api/v1/resources/res_1/pricing": () => new Reply(404, { type: "about:blank", title: "Not Found", status: 404, detail: "No pricing." }),
      "PUT /api/v1/resources/res_1/pricing": () => invalid([{ field: "rules[0].to", message: "must be after from" }]),
    });
    render(<PricingForm api={api} facility={aFacility()} />);

    expect(((await screen.findByLabelText("Price (USD)")) as HTMLInputElement).value).toBe("");
    fill("Price (USD)", "20.505");
    save();
    await screen.findByRole("alert");
    expect(messageAt("Price (USD)")).toBe("must be an amount in USD, such as 24.50");
    expect(requests.some((r) => r.method === "PUT")).toBe(false);

    fill("Price (USD)", "20");
    fireEvent.click(screen.getByRole("button", { name: "Add a price rule" }));
    fill("Rule 1 to (HH:MM)", "16:00");
    fill("Rule 1 price (USD)", "30");
    save();
    await screen.findByText("must be after from");
    expect(box("Rule 1 to (HH:MM)").getAttribute("aria-invalid")).toBe("true");
    expect(messageAt("Rule 1 to (HH:MM)")).toBe("must be after from");
    expect(box("Price (USD)").getAttribute("aria-invalid")).toBeNull();
  });
});
