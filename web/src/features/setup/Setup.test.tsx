import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { aFacility, fakeNetwork, Reply, type FakeRequest } from "../../shared/api/testing";
import { Setup } from "./Setup";

const facility = aFacility();
const invalid = (field: string, message: string) =>
  new Reply(422, { type: "about:blank", title: "Validation failed", status: 422, detail: "Validation failed", errors: [{ field, message }] });

const currentStep = () => screen.getByRole("list", { name: "Steps" }).querySelector('[aria-current="step"]')?.textContent;
const fill = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const press = (name: string) => fireEvent.click(screen.getByRole("button", { name }));
const sent = (requests: FakeRequest[]) => requests.map((r) => `${r.method} ${r.path}`);

describe("Setup", () => {
  afterEach(cleanup);

  it("creates an organization, then a facility, its hours, courts with prices, and its policies", async () => {
    let courts = 0;
    const { api, requests } = fakeNetwork({
      "POST /api/v1/organizations": () => ({ id: "org_1", name: "Riverside Club" }),
      "POST /api/v1/organizations/org_1/facilities": () => facility,
      "PUT /api/v1/facilities/fac_1/hours": (r) => r.body,
      "POST /api/v1/facilities/fac_1/resources": (r) => ({ id: `res_${++courts}`, facility_id: "fac_1", status: "active", ...(r.body as object) }),
      "PUT /api/v1/resources/res_1/pricing": (r) => r.body,
      "PUT /api/v1/resources/res_2/pricing": (r) => r.body,
      "PATCH /api/v1/facilities/fac_1": () => facility,
    });
    const onDone = vi.fn();
    render(<Setup api={api} onDone={onDone} />);

    expect(currentStep()).toBe("1. Organization");
    fill("Organization name", "Riverside Club");
    press("Create organization");

    await screen.findByLabelText("Facility name");
    expect(currentStep()).toBe("2. Facility");
    fill("Facility name", "Riverside");
    fill("Time zone", "America/New_York");
    fill("Currency", "USD");
    press("Create facility");

    await screen.findByRole("button", { name: "Save opening hours" });
    fireEvent.click(screen.getByRole("checkbox", { name: "Sunday open" }));
    press("Save opening hours");

    await screen.findByRole("button", { name: "Add court" });
    expect((screen.getByRole("button", { name: "Continue to policies" }) as HTMLButtonElement).disabled).toBe(true);
    fill("Price per hour (USD)", "24.50");
    press("Add court");
    await screen.findByText("Court 1", { selector: "li" });
    expect((screen.getByLabelText("Court name") as HTMLInputElement).value).toBe("Court 2");
    fill("Peak price, weekdays 17:00–21:00", "");
    press("Add court");
    await screen.findByText("Court 2", { selector: "li" });
    press("Continue to policies");

    fill("Booking window (days ahead)", "30");
    press("Finish set-up");
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(facility));

    expect(sent(requests)).toEqual([
      "POST /api/v1/organizations",
      "POST /api/v1/organizations/org_1/facilities",
      "PUT /api/v1/facilities/fac_1/hours",
      "POST /api/v1/facilities/fac_1/resources",
      "PUT /api/v1/resources/res_1/pricing",
      "POST /api/v1/facilities/fac_1/resources",
      "PUT /api/v1/resources/res_2/pricing",
      "PATCH /api/v1/facilities/fac_1",
    ]);
    const [org, created, hours, court1, price1, , price2, policies] = requests.map((r) => r.body);
    expect(org).toEqual({ name: "Riverside Club" });
    expect(created).toEqual({ name: "Riverside", timezone: "America/New_York", currency: "USD" });
    expect((hours as { weekly: { weekday: number }[] }).weekly.map((d) => d.weekday)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(court1).toEqual({ name: "Court 1", type: "tennis_court" });
    expect(price1).toEqual({
      base: { amount: 2450, currency: "USD" },
      per_minutes: 60,
      rules: [{ name: "peak", weekdays: [1, 2, 3, 4, 5], from: "17:00", to: "21:00", price: { amount: 3000, currency: "USD" } }],
    });
    expect(price2).toMatchObject({ base: { amount: 2450, currency: "USD" }, rules: [] });
    expect(policies).toMatchObject({ policies: { booking_window_days: 30, hold_ttl_seconds: 300 } });
  });

  it("shows the server's validation errors on the step and lets the owner correct them", async () => {
    let tries = 0;
    const { api } = fakeNetwork({
      "POST /api/v1/organizations": () => (++tries === 1 ? invalid("name", "is already taken") : { id: "org_1", name: "Riverside Tennis" }),
      "POST /api/v1/organizations/org_1/facilities": () => invalid("name", "must be at most 200 characters"),
    });
    render(<Setup api={api} onDone={vi.fn()} />);

    fill("Organization name", "Riverside Club");
    press("Create organization");
    expect((await screen.findByRole("alert")).textContent).toBe("name: is already taken");
    expect(screen.getByLabelText("Organization name").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("is already taken", { selector: ".field-error" })).toBeTruthy();
    expect(currentStep()).toBe("1. Organization");

    fill("Organization name", "Riverside Tennis");
    press("Create organization");
    await screen.findByLabelText("Facility name");
    expect(screen.queryByRole("alert")).toBeNull();

    fill("Facility name", "R".repeat(201));
    press("Create facility");
    expect((await screen.findByRole("alert")).textContent).toBe("name: must be at most 200 characters");
    expect(screen.getByText("must be at most 200 characters", { selector: ".field-error" })).toBeTruthy();
    expect(currentStep()).toBe("2. Facility");
  });
});
