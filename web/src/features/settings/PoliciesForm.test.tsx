import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { aFacility, fakeNetwork } from "../../shared/api/testing";
import type { Facility } from "../../shared/api/types";
import { PoliciesForm } from "./PoliciesForm";
import { box, fill, invalid, messageAt } from "./testing";

const facility = aFacility({
  policies: { ...aFacility().policies, max_active_bookings_per_user: 3, offline_methods: ["cash"], payment_timing: "before_session" },
});

describe("PoliciesForm", () => {
  afterEach(cleanup);

  it("shows the current policies and saves them all with one button", async () => {
    const { api, requests } = fakeNetwork({
      "PATCH /api/v1/facilities/fac_1": (r) => {
        const sent = (r.body as { policies: Facility["policies"] }).policies;
        return { ...facility, policies: { ...facility.policies, ...sent } };
      },
    });
    const onSaved = vi.fn();
    render(<PoliciesForm api={api} facility={facility} onSaved={onSaved} />);

    expect(box("Booking window (days ahead)").value).toBe("14");
    expect(box("Most upcoming bookings per player").value).toBe("3");
    expect(box("Approve automatically after (minutes)").value).toBe("");
    expect(box("Tier 1 notice in hours").value).toBe("24");
    expect((screen.getByRole("checkbox", { name: "Cash" }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText("Players pay") as HTMLSelectElement).value).toBe("before_session");

    fill("Booking window (days ahead)", "30");
    fill("Most upcoming bookings per player", "");
    fireEvent.click(screen.getByRole("button", { name: "Add a tier" }));
    fill("Tier 2 notice in hours", "0");
    fill("Tier 2 refund percent", "0");
    fireEvent.click(screen.getByRole("checkbox", { name: "Zelle" }));
    fill("Weekend multiplier", "1.5");
    expect((screen.getByLabelText("Cancellation refunds of desk payments go") as HTMLSelectElement).value).toBe("credit");
    fireEvent.change(screen.getByLabelText("Cancellation refunds of desk payments go"), { target: { value: "cash" } });
    fireEvent.click(screen.getByRole("button", { name: "Save policies" }));

    expect((await screen.findByRole("status")).textContent).toBe("The policies are saved.");
    expect(requests).toHaveLength(1);
    expect(requests[0].body).toEqual({
      policies: {
        hold_ttl_seconds: 300,
        require_booking_approval: false,
        auto_approve_after_minutes: null,
        min_lead_time_minutes: 0,
        booking_window_days: 30,
        max_active_bookings_per_user: null,
        min_duration_minutes: 60,
        max_duration_minutes: 120,
        slot_step_minutes: 30,
        waitlist_expiry_hours: 2,
        cancellation: {
          tiers: [
            { min_hours_before: 24, refund_percent: 100 },
            { min_hours_before: 0, refund_percent: 0 },
          ],
        },
        no_show_fee_percent: 100,
        check_in_opens_minutes_before: 30,
        no_show_grace_minutes: 15,
        payment_timing: "before_session",
        offline_methods: ["cash", "zelle"],
        offline_refund_destination: "cash",
        weekend_multiplier: 1.5,
        holiday_multiplier: 1,
        allow_player_recurring: false,
        recurring_horizon_days: 90,
        require_verified_email: false,
        membership: "open",
      },
    });
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(onSaved.mock.calls[0][0].policies.booking_window_days).toBe(30);
  });

  it("shows each of the server's validation errors at the field it names", async () => {
    const { api } = fakeNetwork({
      "PATCH /api/v1/facilities/fac_1": () =>
        invalid([
          { field: "policies.max_duration_minutes", message: "must not be less than min_duration_minutes" },
          { field: "policies.cancellation.tiers[0].refund_percent", message: "must be from 0 to 100" },
        ]),
    });
    const onSaved = vi.fn();
    render(<PoliciesForm api={api} facility={facility} onSaved={onSaved} />);
    fill("Longest booking (minutes)", "30");
    fill("Tier 1 refund percent", "120");
    fireEvent.click(screen.getByRole("button", { name: "Save policies" }));

    await screen.findByRole("alert");
    expect(box("Longest booking (minutes)").getAttribute("aria-invalid")).toBe("true");
    expect(messageAt("Longest booking (minutes)")).toBe("must not be less than min_duration_minutes");
    expect(box("Tier 1 refund percent").getAttribute("aria-invalid")).toBe("true");
    expect(messageAt("Tier 1 refund percent")).toBe("must be from 0 to 100");
    expect(box("Shortest booking (minutes)").getAttribute("aria-invalid")).toBeNull();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it("chooses who may book (membership of the roster) and shows the server's objection there", async () => {
    const { api, requests } = fakeNetwork({
      "PATCH /api/v1/facilities/fac_1": () => invalid([{ field: "policies.membership", message: "must be open, approval or invite_only" }]),
    });
    render(<PoliciesForm api={api} facility={facility} onSaved={() => undefined} />);
    const open = screen.getByRole("radio", { name: "Anyone signed in" }) as HTMLInputElement;
    const approval = screen.getByRole("radio", { name: "Members only; others may ask to join" }) as HTMLInputElement;
    expect(open.checked).toBe(true);
    expect(document.getElementById("policy-membership-hint")?.textContent).toContain("players on the club's roster");
    fireEvent.click(approval);
    fireEvent.click(screen.getByRole("button", { name: "Save policies" }));
    await screen.findByRole("alert");
    const sent = requests[0].body as { policies: { membership: string }; settings?: unknown };
    expect(sent.policies.membership).toBe("approval");
    // The setting mirrors the policy on the server: sending both could only disagree.
    expect(sent.settings).toBeUndefined();
    expect(approval.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(approval.getAttribute("aria-describedby")!.split(" ")[1])?.textContent).toBe(
      "must be open, approval or invite_only",
    );
  });

  it("shows the club's current choice", () => {
    const { api } = fakeNetwork({});
    render(<PoliciesForm api={api} facility={{ ...facility, policies: { ...facility.policies, membership: "invite_only" } }} onSaved={() => undefined} />);
    expect((screen.getByRole("radio", { name: "Members only, by invitation" }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole("radio", { name: "Anyone signed in" }) as HTMLInputElement).checked).toBe(false);
  });
});
