import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Api } from "../../shared/api/client";
import { HoldPanel } from "./HoldPanel";

const hold = {
  id: "hld_1",
  resource_id: "r1",
  start: "2026-12-01T23:00:00Z",
  end: "2026-12-02T00:00:00Z",
  expires_at: "2026-11-24T12:05:00Z",
  price: { amount: 3000, currency: "USD" },
};

describe("HoldPanel", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-24T12:00:00Z"));
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it("counts down to the hold's expiry and says when it lapsed", () => {
    const onGone = vi.fn();
    render(<HoldPanel api={new Api()} hold={hold} courtName="Court 1" timeZone="America/New_York" onConfirmed={vi.fn()} onGone={onGone} />);
    expect(screen.getByRole("timer").textContent).toBe("5:00");
    expect(screen.getByText(/Court 1, Tue, Dec 1, 18:00/)).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(61_000);
    });
    expect(screen.getByRole("timer").textContent).toBe("3:59");
    act(() => {
      vi.advanceTimersByTime(240_000);
    });
    expect(onGone).toHaveBeenCalledWith(expect.stringContaining("expired"));
  });

  it("shows why a confirmation failed", async () => {
    vi.useRealTimers();
    const fetcher = (async () =>
      new Response(JSON.stringify({ status: 410, detail: "This hold has expired or was released; hold the slot again." }), { status: 410 })) as unknown as typeof fetch;
    const onConfirmed = vi.fn();
    render(<HoldPanel api={new Api("", fetcher)} hold={{ ...hold, expires_at: new Date(Date.now() + 60_000).toISOString() }} courtName="Court 1" timeZone="America/New_York" onConfirmed={onConfirmed} onGone={vi.fn()} />);
    fireEvent.click(screen.getByRole("button", { name: "Confirm booking" }));
    expect((await screen.findByRole("alert")).textContent).toContain("hold the slot again");
    expect(onConfirmed).not.toHaveBeenCalled();
  });
});
