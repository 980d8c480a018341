import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { aFacility, fakeNetwork, Reply } from "../../shared/api/testing";
import { PlatformFacilities } from "./PlatformFacilities";

const account = (platform_fee_percent: number) => ({ status: "active", charges_enabled: true, payouts_enabled: true, provider: "sandbox", platform_fee_percent });

describe("PlatformFacilities", () => {
  afterEach(cleanup);

  it("lists facilities with their platform fee and saves a new one", async () => {
    const { api, requests } = fakeNetwork({
      "GET /api/v1/facilities": () => ({ items: [aFacility({ id: "fac_1", name: "Riverside" }), aFacility({ id: "fac_2", name: "Hilltop" })] }),
      "GET /api/v1/facilities/fac_1/payments/account": () => account(0),
      "GET /api/v1/facilities/fac_2/payments/account": () => account(3),
      "PUT /api/v1/admin/facilities/fac_1/platform-fee": (r) => ({ facility_id: "fac_1", percent: (r.body as { percent: number }).percent }),
    });
    render(<PlatformFacilities api={api} />);
    expect(await screen.findByText(/platform fee: 3% of each card payment/)).toBeTruthy();
    const riverside = screen.getByRole("form", { name: "Platform fee of Riverside" });
    fireEvent.change(within(riverside).getByLabelText("Platform fee (%)"), { target: { value: "2.25" } });
    fireEvent.click(within(riverside).getByRole("button", { name: "Save the fee" }));
    expect(await screen.findByText(/platform fee: 2.25% of each card payment/)).toBeTruthy();
    expect(requests.find((r) => r.method === "PUT")?.body).toEqual({ percent: 2.25 });
  });

  it("shows the server's reason when a fee is refused", async () => {
    const { api } = fakeNetwork({
      "GET /api/v1/facilities": () => ({ items: [aFacility({ id: "fac_1", name: "Riverside" })] }),
      "GET /api/v1/facilities/fac_1/payments/account": () => account(0),
      "PUT /api/v1/admin/facilities/fac_1/platform-fee": () =>
        new Reply(403, { type: "about:blank", title: "Forbidden", status: 403, detail: "Only platform administrators set the platform's fee." }),
    });
    render(<PlatformFacilities api={api} />);
    fireEvent.change(await screen.findByLabelText("Platform fee (%)"), { target: { value: "2.5" } });
    fireEvent.click(screen.getByRole("button", { name: "Save the fee" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/Only platform administrators/);
  });
});
