import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { fakeNetwork, Reply } from "../../shared/api/testing";
import { MessageLanguage } from "./MessageLanguage";

const user = (locale: string) => ({ id: "usr_1", email: "pat@example.com", name: "Pat", phone: null, locale });

describe("MessageLanguage", () => {
  afterEach(cleanup);

  it("shows the language the messages are in and saves another as soon as it is picked", async () => {
    let saved = "en";
    const { api, requests } = fakeNetwork({
      "GET /api/v1/me": () => user(saved),
      "PATCH /api/v1/me": (r) => {
        saved = (r.body as { locale: string }).locale;
        return user(saved);
      },
    });
    render(<MessageLanguage api={api} />);
    const english = await screen.findByRole<HTMLInputElement>("radio", { name: "English" });
    const spanish = screen.getByRole<HTMLInputElement>("radio", { name: "Español" });
    expect(english.checked).toBe(true);
    expect(spanish.checked).toBe(false);
    // Each language is named in itself, and marked as such for screen readers.
    expect(screen.getByText("Español").getAttribute("lang")).toBe("es");

    fireEvent.click(spanish);
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Saved. Your next messages will be in Español."));
    expect(spanish.checked).toBe(true);
    expect(english.checked).toBe(false);
    expect(requests.filter((r) => r.method === "PATCH").map((r) => r.body)).toEqual([{ locale: "es" }]);
  });

  it("puts the old choice back and says why when the server refuses", async () => {
    const { api } = fakeNetwork({
      "GET /api/v1/me": () => user("es"),
      "PATCH /api/v1/me": () =>
        new Reply(422, { status: 422, detail: "Validation failed", errors: [{ field: "locale", message: "must be one of en, es" }] }),
    });
    render(<MessageLanguage api={api} />);
    const spanish = await screen.findByRole<HTMLInputElement>("radio", { name: "Español" });
    expect(spanish.checked).toBe(true);
    fireEvent.click(screen.getByRole("radio", { name: "English" }));
    await screen.findByRole("alert");
    expect(spanish.checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>("radio", { name: "English" }).checked).toBe(false);
  });
});
