import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { fakeNetwork, Reply } from "../../shared/api/testing";
import { PhoneNumber } from "./PhoneNumber";

const user = (phone: string | null) => ({ id: "usr_1", email: "pat@example.com", name: "Pat", phone });

describe("PhoneNumber", () => {
  afterEach(cleanup);

  it("shows the server's error at the field, then saves a good number as the server wrote it", async () => {
    let saved: string | null = null;
    const { api, requests } = fakeNetwork({
      "GET /api/v1/me": () => user(saved),
      "PATCH /api/v1/me": (r) => {
        const phone = (r.body as { phone: string }).phone;
        if (phone.startsWith("+1 212")) {
          saved = "+12125550123";
          return user(saved);
        }
        return new Reply(422, {
          status: 422,
          detail: "Validation failed",
          errors: [{ field: "phone", message: "is not a valid phone number: give it with its country code" }],
        });
      },
    });
    render(<PhoneNumber api={api} />);
    await screen.findByText(/you have not given a phone number/i);
    const input = screen.getByLabelText("Phone number");
    expect(document.getElementById(input.getAttribute("aria-describedby")!.split(" ")[0])?.textContent).toMatch(/international format/i);
    expect(screen.queryByRole("button", { name: "Remove number" })).toBeNull();

    fireEvent.change(input, { target: { value: "555 0123" } });
    fireEvent.click(screen.getByRole("button", { name: "Save number" }));
    await waitFor(() => expect(input.getAttribute("aria-invalid")).toBe("true"));
    const errorId = input.getAttribute("aria-describedby")!.split(" ")[1];
    expect(document.getElementById(errorId)?.textContent).toBe("is not a valid phone number: give it with its country code");

    fireEvent.change(input, { target: { value: "+1 212 555 0123" } });
    fireEvent.click(screen.getByRole("button", { name: "Save number" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Saved."));
    expect(screen.getByText("+12125550123")).toBeTruthy();
    expect(screen.getByLabelText("New phone number").getAttribute("aria-invalid")).toBeNull();
    expect(requests.filter((r) => r.method === "PATCH").map((r) => r.body)).toEqual([{ phone: "555 0123" }, { phone: "+1 212 555 0123" }]);
  });

  it("removes the number, and asks for one before saving an empty field", async () => {
    let saved: string | null = "+447700900123";
    const { api, requests } = fakeNetwork({
      "GET /api/v1/me": () => user(saved),
      "PATCH /api/v1/me": (r) => {
        saved = (r.body as { phone: string | null }).phone;
        return user(saved);
      },
    });
    render(<PhoneNumber api={api} />);
    expect(await screen.findByText("+447700900123")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Save number" }));
    expect(await screen.findByText(/enter a phone number/i)).toBeTruthy();
    expect(requests.some((r) => r.method === "PATCH")).toBe(false);

    fireEvent.click(screen.getByRole("button", { name: "Remove number" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toMatch(/^Removed/));
    expect(requests.find((r) => r.method === "PATCH")?.body).toEqual({ phone: null });
    expect(screen.getByText(/you have not given a phone number/i)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Remove number" })).toBeNull();
  });
});
