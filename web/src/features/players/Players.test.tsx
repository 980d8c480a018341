import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { aFacility, fakeNetwork, page, Reply } from "../../shared/api/testing";
import type { JoinRequest, PlayerInvitation, RosterEntry } from "./api";
import { Players } from "./Players";

const facility = aFacility();

/// A club with two players, one invitation and one request to join, whose answers follow the changes made.
function club() {
  const roster: RosterEntry[] = [
    { user_id: "usr_pat", name: "Pat Player", email: "pat@example.com", status: "active", joined_at: "2026-11-01T12:00:00Z" },
    { user_id: "usr_ida", name: "Ida Idle", email: "ida@example.com", status: "inactive", joined_at: "2026-10-01T12:00:00Z" },
  ];
  let invitations: PlayerInvitation[] = [
    { id: "inv_1", facility_id: "fac_1", email: "new@example.com", status: "pending", created_at: "2026-12-01T12:00:00Z", expires_at: "2026-12-08T12:00:00Z" },
  ];
  let requests: JoinRequest[] = [
    {
      id: "jrq_1",
      facility_id: "fac_1",
      facility_name: "Riverside",
      user_id: "usr_ann",
      name: "Ann Asker",
      email: "ann@example.com",
      message: "I play on Tuesdays",
      status: "pending",
      reason: null,
      created_at: "2026-12-02T12:00:00Z",
      decided_at: null,
    },
  ];
  const net = fakeNetwork({
    "GET /api/v1/facilities/fac_1/players": ({ query }) => {
      const q = (query.get("q") ?? "").toLowerCase();
      return page(roster.filter((p) => (!query.get("status") || p.status === query.get("status")) && `${p.name} ${p.email}`.toLowerCase().includes(q)));
    },
    "GET /api/v1/facilities/fac_1/invitations": () => page(invitations.filter((i) => i.status === "pending")),
    "GET /api/v1/facilities/fac_1/join-requests": () => page(requests.filter((r) => r.status === "pending")),
    "PATCH /api/v1/facilities/fac_1/players/usr_pat": ({ body }) => {
      roster[0] = { ...roster[0], status: (body as { status: RosterEntry["status"] }).status };
      return roster[0];
    },
    "POST /api/v1/facilities/fac_1/invitations": ({ body }) => {
      const email = (body as { email: string }).email;
      if (invitations.some((i) => i.email === email))
        return new Reply(409, { type: "about:blank", title: "Conflict", status: 409, detail: "This address has a pending invitation already." });
      const inv: PlayerInvitation = { id: "inv_2", facility_id: "fac_1", email, status: "pending", created_at: "2026-12-03T12:00:00Z", expires_at: "2026-12-10T12:00:00Z" };
      invitations = [...invitations, inv];
      roster.push({ user_id: null, name: "", email, status: "invited", joined_at: null });
      return new Reply(201, inv);
    },
    "POST /api/v1/invitations/inv_1/revoke": () => {
      invitations = invitations.map((i) => (i.id === "inv_1" ? { ...i, status: "revoked" } : i));
      return invitations[0];
    },
    "POST /api/v1/invitations/inv_1/resend": () => invitations[0],
    "POST /api/v1/join-requests/jrq_1/approve": () => {
      requests = requests.map((r) => ({ ...r, status: "approved" }));
      roster.push({ user_id: "usr_ann", name: "Ann Asker", email: "ann@example.com", status: "active", joined_at: "2026-12-03T12:00:00Z" });
      return requests[0];
    },
    "POST /api/v1/join-requests/jrq_1/reject": () => {
      requests = requests.map((r) => ({ ...r, status: "rejected" }));
      return requests[0];
    },
    "POST /api/v1/facilities/fac_1/players": ({ body }) => {
      const b = body as { email: string; first_name?: string; last_name?: string };
      const p: RosterEntry = { user_id: "usr_x", name: b.first_name ? `${b.first_name} ${b.last_name}` : "Existing One", email: b.email, status: "active", joined_at: "2026-12-03T12:00:00Z" };
      roster.push(p);
      return new Reply(201, p);
    },
  });
  return net;
}

const rows = () => within(screen.getByRole("table", { name: "Roster" })).getAllByRole("row").slice(1).map((r) => r.textContent);

describe("Players", () => {
  afterEach(cleanup);

  it("lists the roster, filters it by status and searches it on the server", async () => {
    const { api, requests } = club();
    render(<Players api={api} facility={facility} />);
    await screen.findByText("Pat Player");
    expect(rows()).toHaveLength(2);
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "inactive" } });
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toContain("Ida Idle");
    expect(requests.at(-1)?.query.get("status")).toBe("inactive");
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "" } });
    fireEvent.change(screen.getByLabelText("Search by name or e-mail"), { target: { value: "PAT" } });
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toContain("pat@example.com");
    fireEvent.change(screen.getByLabelText("Search by name or e-mail"), { target: { value: "nobody" } });
    await screen.findByText("No players match.");
  });

  it("shows the answer to the latest search when an earlier one answers last", async () => {
    const { api } = club();
    const slow = api.get.bind(api);
    // The answer for "p" comes after the one for "pat": it must not replace it.
    api.get = (async (path: string) => {
      const answer = await slow(path);
      if (path.includes("q=p&") || path.endsWith("q=p")) await new Promise((r) => setTimeout(r, 50));
      return answer;
    }) as typeof api.get;
    render(<Players api={api} facility={facility} />);
    await screen.findByText("Pat Player");
    fireEvent.change(screen.getByLabelText("Search by name or e-mail"), { target: { value: "i" } });
    fireEvent.change(screen.getByLabelText("Search by name or e-mail"), { target: { value: "p" } });
    fireEvent.change(screen.getByLabelText("Search by name or e-mail"), { target: { value: "ida" } });
    await waitFor(() => expect(rows()).toEqual([expect.stringContaining("Ida Idle")]));
    await new Promise((r) => setTimeout(r, 80));
    expect(rows()).toEqual([expect.stringContaining("Ida Idle")]);
  });

  it("makes a player inactive, and says so", async () => {
    const { api, requests } = club();
    render(<Players api={api} facility={facility} />);
    fireEvent.click(await screen.findByRole("button", { name: "Make inactive: Pat Player" }));
    expect((await screen.findByRole("status")).textContent).toBe("Pat Player is now inactive.");
    expect(requests.find((r) => r.method === "PATCH")?.body).toEqual({ status: "inactive" });
    await screen.findByRole("button", { name: "Make active: Pat Player" });
  });

  it("invites an address, which then shows as invited, and shows why a second invitation is refused", async () => {
    const { api } = club();
    render(<Players api={api} facility={facility} />);
    await screen.findByText("Pat Player");
    fireEvent.change(screen.getByLabelText("E-mail", { selector: "#invite-player-email" }), { target: { value: "zoe@example.com" } });
    fireEvent.click(screen.getByRole("button", { name: "Send invitation" }));
    expect((await screen.findByRole("status")).textContent).toBe("An invitation was sent to zoe@example.com.");
    const pending = screen.getByRole("list", { name: "Pending invitations" });
    await waitFor(() => expect(within(pending).getByText(/zoe@example.com/)).toBeTruthy());
    await waitFor(() => expect(rows().some((r) => r?.includes("zoe@example.com") && r.includes("invited"))).toBe(true));
    fireEvent.change(screen.getByLabelText("E-mail", { selector: "#invite-player-email" }), { target: { value: "zoe@example.com" } });
    fireEvent.click(screen.getByRole("button", { name: "Send invitation" }));
    expect((await screen.findByRole("alert")).textContent).toBe("This address has a pending invitation already.");
  });

  it("resends and revokes a pending invitation", async () => {
    const { api, requests } = club();
    render(<Players api={api} facility={facility} />);
    fireEvent.click(await screen.findByRole("button", { name: "Resend the invitation to new@example.com" }));
    expect((await screen.findByRole("status")).textContent).toBe("The invitation to new@example.com was sent again.");
    fireEvent.click(screen.getByRole("button", { name: "Revoke the invitation to new@example.com" }));
    await screen.findByText("No invitations are waiting.");
    expect(requests.filter((r) => r.method === "POST").map((r) => r.path)).toEqual([
      "/api/v1/invitations/inv_1/resend",
      "/api/v1/invitations/inv_1/revoke",
    ]);
  });

  it("approves a join request, which puts the player on the roster", async () => {
    const { api } = club();
    render(<Players api={api} facility={facility} />);
    expect(await screen.findByText(/I play on Tuesdays/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Approve Ann Asker" }));
    expect((await screen.findByRole("status")).textContent).toBe("Ann Asker is now a player of the club.");
    await screen.findByText("No one is asking to join.");
    await waitFor(() => expect(rows().some((r) => r?.includes("Ann Asker"))).toBe(true));
  });

  it("rejects a join request with a reason", async () => {
    const { api, requests } = club();
    render(<Players api={api} facility={facility} />);
    fireEvent.click(await screen.findByRole("button", { name: "Reject Ann Asker" }));
    fireEvent.change(screen.getByLabelText("Reason (optional, sent to the player)"), { target: { value: "The club is full" } });
    fireEvent.click(screen.getByRole("button", { name: "Reject" }));
    expect((await screen.findByRole("status")).textContent).toBe("The request of Ann Asker was rejected.");
    expect(requests.find((r) => r.path === "/api/v1/join-requests/jrq_1/reject")?.body).toEqual({ reason: "The club is full" });
    await screen.findByText("No one is asking to join.");
  });

  it("adds an existing account by e-mail, or a new player with names and a phone", async () => {
    const { api, requests } = club();
    render(<Players api={api} facility={facility} />);
    await screen.findByText("Pat Player");
    fireEvent.change(screen.getByLabelText("E-mail", { selector: "#add-player-email" }), { target: { value: "one@example.com" } });
    fireEvent.click(screen.getByRole("button", { name: "Add player" }));
    expect((await screen.findByRole("status")).textContent).toBe("Existing One was added.");
    expect(requests.find((r) => r.method === "POST")?.body).toEqual({ email: "one@example.com" });

    fireEvent.click(screen.getByRole("radio", { name: "A new player (creates an account)" }));
    fireEvent.change(screen.getByLabelText("First name"), { target: { value: "Nora" } });
    fireEvent.change(screen.getByLabelText("Last name"), { target: { value: "New" } });
    fireEvent.change(screen.getByLabelText("E-mail", { selector: "#add-player-email" }), { target: { value: "nora@example.com" } });
    fireEvent.change(screen.getByLabelText("Phone (optional)"), { target: { value: "+12125550123" } });
    fireEvent.click(screen.getByRole("button", { name: "Add player" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Nora New was added and sent an e-mail to set a password."));
    expect(requests.filter((r) => r.method === "POST").at(-1)?.body).toEqual({
      email: "nora@example.com",
      first_name: "Nora",
      last_name: "New",
      phone: "+12125550123",
    });
    await waitFor(() => expect(rows().some((r) => r?.includes("Nora New"))).toBe(true));
  });
});
