import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeNetwork, Reply } from "../../shared/api/testing";
import { AuthForm } from "./AuthForm";
import { ResetPassword } from "./ResetPassword";
import { VerifyNotice } from "./VerifyNotice";

const accepted = () => new Reply(202, { status: "accepted", detail: "On its way." });
const user = (more: object) => ({ id: "usr_1", email: "pat@example.com", name: "Pat", email_verified: false, pending_email: null, ...more });

describe("account e-mails", () => {
  afterEach(cleanup);

  it("asks for a reset link for the address typed, for the app it is in", async () => {
    const { api, requests } = fakeNetwork({ "POST /api/v1/auth/password-reset": accepted });
    render(<AuthForm api={api} title="SlotBase Admin" app="admin" onDone={vi.fn()} />);
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "pat@example.com" } });
    fireEvent.click(screen.getByRole("button", { name: "Forgot password?" }));
    expect((screen.getByLabelText("Email") as HTMLInputElement).value).toBe("pat@example.com");
    fireEvent.click(screen.getByRole("button", { name: "Send me a link" }));
    expect((await screen.findByRole("status")).textContent).toContain("If an account has the address pat@example.com");
    expect(requests[0].body).toEqual({ email: "pat@example.com", app: "admin" });
  });

  it("sends nothing while the two passwords differ", async () => {
    const { api, requests } = fakeNetwork({});
    render(<ResetPassword api={api} app="player" token="tok" onDone={vi.fn()} />);
    fireEvent.change(screen.getByLabelText("New password"), { target: { value: "one long passphrase" } });
    fireEvent.change(screen.getByLabelText("New password again"), { target: { value: "another passphrase" } });
    fireEvent.click(screen.getByRole("button", { name: "Set my new password" }));
    expect((await screen.findByText("The two passwords differ.")).className).toBe("field-error");
    expect(requests).toHaveLength(0);
  });

  it("offers a new link when the one used is spent", async () => {
    const { api, requests } = fakeNetwork({
      "POST /api/v1/auth/password-reset/confirm": () =>
        new Reply(410, { status: 410, code: "expired", detail: "This link was already used or has expired." }),
    });
    render(<ResetPassword api={api} app="player" token="tok" onDone={vi.fn()} />);
    fireEvent.change(screen.getByLabelText("New password"), { target: { value: "one long passphrase" } });
    fireEvent.change(screen.getByLabelText("New password again"), { target: { value: "one long passphrase" } });
    fireEvent.click(screen.getByRole("button", { name: "Set my new password" }));
    expect((await screen.findByRole("alert")).textContent).toBe("This link was already used or has expired.");
    expect(requests[0].body).toEqual({ token: "tok", password: "one long passphrase" });
    fireEvent.click(screen.getByRole("button", { name: "Ask for a new link" }));
    expect(screen.getByRole("heading", { name: "Forgot your password?" })).toBeTruthy();
  });

  it("shows the server's word on a weak password next to the field", async () => {
    const { api } = fakeNetwork({
      "POST /api/v1/auth/password-reset/confirm": () =>
        new Reply(422, { status: 422, detail: "Validation failed", errors: [{ field: "password", message: "must be at least 10 characters" }] }),
    });
    render(<ResetPassword api={api} app="player" token="tok" onDone={vi.fn()} />);
    fireEvent.change(screen.getByLabelText("New password"), { target: { value: "short" } });
    fireEvent.change(screen.getByLabelText("New password again"), { target: { value: "short" } });
    fireEvent.click(screen.getByRole("button", { name: "Set my new password" }));
    expect((await screen.findByText("must be at least 10 characters")).id).toBe("new-password-error");
    expect(screen.getByLabelText("New password").getAttribute("aria-invalid")).toBe("true");
  });

  it("asks an unverified player to verify, and sends the link again", async () => {
    const { api, requests } = fakeNetwork({
      "GET /api/v1/me": () => user({}),
      "POST /api/v1/auth/verify-email/resend": accepted,
    });
    render(<VerifyNotice api={api} />);
    const notice = await screen.findByRole("region", { name: "Verify your e-mail" });
    expect(notice.textContent).toContain("pat@example.com");
    fireEvent.click(screen.getByRole("button", { name: "Resend the link" }));
    expect((await screen.findByRole("status")).textContent).toBe("Sent. Check your inbox.");
    expect(requests.map((r) => `${r.method} ${r.path}`)).toContain("POST /api/v1/auth/verify-email/resend");
  });

  it("names the new address while a change waits for its link", async () => {
    const { api } = fakeNetwork({ "GET /api/v1/me": () => user({ email_verified: true, pending_email: "new@example.com" }) });
    render(<VerifyNotice api={api} />);
    expect((await screen.findByRole("region", { name: "Verify your e-mail" })).textContent).toContain(
      "Confirm your new address, new@example.com",
    );
  });

  it("says nothing to a verified player", async () => {
    const { api, requests } = fakeNetwork({ "GET /api/v1/me": () => user({ email_verified: true }) });
    render(<VerifyNotice api={api} />);
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    expect(screen.queryByRole("region", { name: "Verify your e-mail" })).toBeNull();
  });
});
