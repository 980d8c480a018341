import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { aFacility, fakeNetwork, Reply } from "../../shared/api/testing";
import { PaymentAccount } from "./PaymentAccount";

const account = (status: string, platform_fee_percent = 0) => ({
  status,
  charges_enabled: status === "active",
  payouts_enabled: status === "active",
  provider: "sandbox",
  platform_fee_percent,
});

describe("PaymentAccount", () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("connects a facility that is not connected at the provider's onboarding page", async () => {
    const assign = vi.fn();
    vi.stubGlobal("location", { ...window.location, assign });
    const { api, requests } = fakeNetwork({
      "GET /api/v1/facilities/fac_1/payments/account": () => account("not_connected"),
      "POST /api/v1/facilities/fac_1/payments/connect": () => new Reply(201, { onboarding_url: "/sandbox/onboarding/acct_1" }),
    });
    render(<PaymentAccount api={api} facility={aFacility()} />);
    expect(await screen.findByText("Not connected: players cannot pay by card yet.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Connect payments" }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith("/sandbox/onboarding/acct_1"));
    expect(requests.map((r) => `${r.method} ${r.path}`)).toContain("POST /api/v1/facilities/fac_1/payments/connect");
  });

  it("back from onboarding, follows the account until the provider activates it", async () => {
    let asked = 0;
    const { api } = fakeNetwork({
      "GET /api/v1/facilities/fac_1/payments/account": () => account(++asked < 2 ? "pending" : "active"),
    });
    render(<PaymentAccount api={api} facility={aFacility()} returned="connected" />);
    expect((await screen.findByRole("status")).textContent).toContain("Card payments start as soon as it activates the account.");
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Payments are connected: players can pay by card."), { timeout: 3000 });
    expect(screen.queryByRole("button", { name: /Connect/ })).toBeNull();
  });

  it("says why the desk cannot connect", async () => {
    const { api } = fakeNetwork({
      "GET /api/v1/facilities/fac_1/payments/account": () => account("not_connected"),
      "POST /api/v1/facilities/fac_1/payments/connect": () =>
        new Reply(403, { type: "x", title: "Forbidden", status: 403, detail: "You do not have permission to do this." }),
    });
    render(<PaymentAccount api={api} facility={aFacility()} />);
    fireEvent.click(await screen.findByRole("button", { name: "Connect payments" }));
    expect((await screen.findByRole("alert")).textContent).toBe("You do not have permission to do this.");
  });

  it("shows the platform's fee on the facility's card payments", async () => {
    const { api } = fakeNetwork({ "GET /api/v1/facilities/fac_1/payments/account": () => account("active", 2.5) });
    render(<PaymentAccount api={api} facility={aFacility()} />);
    expect(await screen.findByText("2.5% of each card payment", { exact: false })).toBeTruthy();
  });
});
