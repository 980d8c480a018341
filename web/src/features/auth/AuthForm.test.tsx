import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Api } from "../../shared/api/client";
import { AuthForm } from "./AuthForm";

describe("AuthForm", () => {
  afterEach(cleanup);

  it("shows the server's message next to the field it names", async () => {
    const fetcher = (async () =>
      new Response(
        JSON.stringify({ status: 422, detail: "Validation failed", errors: [{ field: "password", message: "must be at least 10 characters" }] }),
        { status: 422 },
      )) as unknown as typeof fetch;
    const onDone = vi.fn();
    render(<AuthForm api={new Api("", fetcher)} title="SlotBase" onDone={onDone} />);
    fireEvent.click(screen.getByRole("button", { name: "New here? Create an account" }));
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Pat" } });
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "pat@example.com" } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "short" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign up" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Please correct the fields above.");
    const password = screen.getByLabelText("Password");
    expect(password.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(password.getAttribute("aria-describedby")!)?.textContent).toBe("must be at least 10 characters");
    expect(onDone).not.toHaveBeenCalled();
  });
});
