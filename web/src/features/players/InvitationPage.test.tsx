import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeNetwork, Reply } from "../../shared/api/testing";
import { InvitationPage, invitationToken } from "./InvitationPage";

const gone = () => new Reply(410, { type: "about:blank", title: "Gone", status: 410, detail: "This invitation is no longer valid." });

describe("invitationToken", () => {
  it("reads the token of the e-mail's link, and nothing from other pages", () => {
    expect(invitationToken("/invitations/accept", "?token=abc_-1")).toBe("abc_-1");
    expect(invitationToken("/invitations/accept/", "")).toBe("");
    expect(invitationToken("/reset-password", "?token=abc")).toBeNull();
    expect(invitationToken("/", "?token=abc")).toBeNull();
  });
});

describe("InvitationPage", () => {
  afterEach(cleanup);

  it("names the club and asks a signed-out visitor to sign in first, accepting nothing", async () => {
    const { api, requests } = fakeNetwork({ "POST /api/v1/invitations/preview": () => ({ facility_id: "fac_1", facility_name: "Riverside" }) });
    render(<InvitationPage api={api} token="tok" signedIn={false} signIn={<p>the sign-in form</p>} onAccepted={vi.fn()} onLeave={vi.fn()} />);
    expect(await screen.findByRole("heading", { name: "Join Riverside" })).toBeTruthy();
    expect(screen.getByText("the sign-in form")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Accept the invitation" })).toBeNull();
    expect(requests.map((r) => r.path)).toEqual(["/api/v1/invitations/preview"]);
    expect(requests[0].body).toEqual({ token: "tok" });
  });

  it("accepts with the button once signed in, and then opens the club", async () => {
    const onAccepted = vi.fn();
    const { api, requests } = fakeNetwork({
      "POST /api/v1/invitations/preview": () => ({ facility_id: "fac_1", facility_name: "Riverside" }),
      "POST /api/v1/invitations/accept": () => ({ user_id: "usr_1", name: "Zoe", email: "zoe@example.com", status: "active", joined_at: "2026-12-03T12:00:00Z" }),
    });
    render(<InvitationPage api={api} token="tok" signedIn signIn={null} onAccepted={onAccepted} onLeave={vi.fn()} />);
    fireEvent.click(await screen.findByRole("button", { name: "Accept the invitation" }));
    await vi.waitFor(() => expect(onAccepted).toHaveBeenCalledWith("fac_1"));
    expect(requests.at(-1)).toMatchObject({ method: "POST", path: "/api/v1/invitations/accept", body: { token: "tok" } });
  });

  it("says when the link no longer works, from the preview or on accepting", async () => {
    const used = fakeNetwork({ "POST /api/v1/invitations/preview": gone });
    render(<InvitationPage api={used.api} token="tok" signedIn signIn={null} onAccepted={vi.fn()} onLeave={vi.fn()} />);
    expect((await screen.findByRole("alert")).textContent).toContain("no longer works");
    expect(screen.queryByRole("button", { name: "Accept the invitation" })).toBeNull();
    cleanup();

    const onAccepted = vi.fn();
    const late = fakeNetwork({
      "POST /api/v1/invitations/preview": () => ({ facility_id: "fac_1", facility_name: "Riverside" }),
      "POST /api/v1/invitations/accept": gone,
    });
    render(<InvitationPage api={late.api} token="tok" signedIn signIn={null} onAccepted={onAccepted} onLeave={vi.fn()} />);
    fireEvent.click(await screen.findByRole("button", { name: "Accept the invitation" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Ask the club for a new invitation.");
    expect(onAccepted).not.toHaveBeenCalled();
  });

  it("says a link without its token is broken, without asking the server", () => {
    const { api, requests } = fakeNetwork({});
    render(<InvitationPage api={api} token="" signedIn signIn={null} onAccepted={vi.fn()} onLeave={vi.fn()} />);
    expect(screen.getByRole("alert").textContent).toContain("no invitation in it");
    expect(requests).toHaveLength(0);
  });
});
