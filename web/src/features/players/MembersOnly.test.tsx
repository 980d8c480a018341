import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { aFacility, fakeNetwork, page, Reply } from "../../shared/api/testing";
import type { Facility } from "../../shared/api/types";
import type { JoinRequest } from "./api";
import { MembersOnly } from "./MembersOnly";

const club = (membership: NonNullable<Facility["policies"]["membership"]>) => aFacility({ policies: { ...aFacility().policies, membership } });
const me = (roles: { role: string; scope_type: string; scope_id: string }[] = []) => ({ id: "usr_nina", email: "nina@example.com", name: "Nina", roles });
const request = (status: JoinRequest["status"], reason: string | null = null): JoinRequest => ({
  id: "jrq_1",
  facility_id: "fac_1",
  facility_name: "Riverside",
  user_id: "usr_nina",
  name: "Nina",
  email: "nina@example.com",
  message: null,
  status,
  reason,
  created_at: "2026-12-01T12:00:00Z",
  decided_at: null,
});

describe("MembersOnly", () => {
  afterEach(cleanup);

  it("says nothing at an open club, and asks nothing of the server", () => {
    const { api, requests } = fakeNetwork({});
    const { container } = render(<MembersOnly api={api} facility={club("open")} />);
    expect(container.textContent).toBe("");
    expect(requests).toHaveLength(0);
  });

  it("says nothing to a member of a members-only club", async () => {
    const { api, requests } = fakeNetwork({
      "GET /api/v1/me": () => me([{ role: "member", scope_type: "facility", scope_id: "fac_1" }]),
      "GET /api/v1/me/join-requests": () => page([]),
    });
    const { container } = render(<MembersOnly api={api} facility={club("approval")} />);
    await new Promise((r) => setTimeout(r, 20));
    expect(requests).toHaveLength(2);
    expect(container.textContent).toBe("");
  });

  it("lets a non-member ask to join with a message, then says the request is pending", async () => {
    const { api, requests } = fakeNetwork({
      "GET /api/v1/me": () => me([{ role: "member", scope_type: "facility", scope_id: "fac_other" }]),
      "GET /api/v1/me/join-requests": () => page([]),
      "POST /api/v1/facilities/fac_1/join-requests": () => new Reply(201, request("pending")),
    });
    render(<MembersOnly api={api} facility={club("approval")} />);
    expect(await screen.findByRole("heading", { name: "Members only" })).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Message to the club (optional)"), { target: { value: "  I live nearby " } });
    fireEvent.click(screen.getByRole("button", { name: "Ask to join" }));
    expect((await screen.findByRole("status")).textContent).toContain("Request pending.");
    expect(requests.at(-1)?.body).toEqual({ message: "I live nearby" });
    expect(screen.queryByRole("button", { name: "Ask to join" })).toBeNull();
  });

  it("shows a pending request from before, and a declined one with its reason", async () => {
    const pending = fakeNetwork({ "GET /api/v1/me": () => me(), "GET /api/v1/me/join-requests": () => page([request("pending")]) });
    render(<MembersOnly api={pending.api} facility={club("approval")} />);
    expect((await screen.findByRole("status")).textContent).toContain("Request pending.");
    cleanup();
    const declined = fakeNetwork({ "GET /api/v1/me": () => me(), "GET /api/v1/me/join-requests": () => page([request("rejected", "The club is full")]) });
    render(<MembersOnly api={declined.api} facility={club("approval")} />);
    expect(await screen.findByText("Riverside declined your request to join: The club is full")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Ask to join" })).toBeNull();
  });

  it("says an invite-only club takes players by invitation, with no way to ask", async () => {
    const { api } = fakeNetwork({ "GET /api/v1/me": () => me(), "GET /api/v1/me/join-requests": () => page([]) });
    render(<MembersOnly api={api} facility={club("invite_only")} />);
    expect(await screen.findByText(/membership is by invitation/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Ask to join" })).toBeNull();
  });

  it("shows the notice at an open club once a hold was refused, and the server's objection to a request", async () => {
    const { api } = fakeNetwork({
      "GET /api/v1/me": () => me(),
      "GET /api/v1/me/join-requests": () => page([]),
      "POST /api/v1/facilities/fac_1/join-requests": () =>
        new Reply(409, { type: "about:blank", title: "Conflict", status: 409, detail: "You are a player of this club already." }),
    });
    render(<MembersOnly api={api} facility={club("open")} refused />);
    fireEvent.click(await screen.findByRole("button", { name: "Ask to join" }));
    expect((await screen.findByRole("alert")).textContent).toBe("You are a player of this club already.");
  });
});
