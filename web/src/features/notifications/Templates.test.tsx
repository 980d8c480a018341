import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { aFacility, fakeNetwork, Reply } from "../../shared/api/testing";
import type { NotificationTemplate } from "../../shared/api/types";
import { NotificationTemplates } from "./Templates";

const confirmed: NotificationTemplate = {
  type: "booking.confirmed",
  label: "Booking confirmations",
  critical: false,
  channel: "email",
  locale: "en",
  default: { subject: "Booking confirmed: {{resource}}, {{when}}", body: "Hello {{name}},\n\nYour booking is confirmed.\n" },
  override: null,
  names: ["name", "price", "resource", "when"],
  partials: ["booking_facts_text", "text_footer"],
};

describe("NotificationTemplates", () => {
  afterEach(cleanup);

  it("previews a wording live, shows the line of a broken one, and saves", async () => {
    const { api, requests } = fakeNetwork({
      "GET /api/v1/facilities/fac_1/notification-templates": () => ({ items: [confirmed] }),
      "POST /api/v1/facilities/fac_1/notification-templates/booking.confirmed/preview": (r) => {
        const body = (r.body as { body: string }).body;
        if (body.includes("{{#price}}") && !body.includes("{{/price}}"))
          return new Reply(422, { type: "about:blank", title: "Invalid", status: 422, detail: "Validation failed", errors: [{ field: "body", message: "line 3: the section {{#price}} is not closed (add {{/price}})" }] });
        return { subject: "Booking confirmed: Court 1, Wed 25 Nov, 10:00 (America/New_York)", text: body.replace("{{name}}", "Alex Sample"), html: "<p>Hello Alex Sample</p>" };
      },
      "PUT /api/v1/facilities/fac_1/notification-templates/booking.confirmed": (r) => ({
        ...confirmed,
        override: { subject: null, body: (r.body as { body: string }).body, updated_by: "usr_1", updated_at: "2026-11-24T12:00:00Z" },
      }),
    });
    render(<NotificationTemplates api={api} facility={aFacility()} />);
    fireEvent.click(await screen.findByRole("button", { name: "Edit Booking confirmations, E-mail" }));
    const preview = screen.getByRole("region", { name: "Preview with a sample booking" });
    expect(await within(preview).findByText("Booking confirmed: Court 1, Wed 25 Nov, 10:00 (America/New_York)")).toBeTruthy();
    expect(within(preview).getByTitle("Preview of the e-mail").getAttribute("sandbox")).toBe("");

    fireEvent.change(screen.getByLabelText(/^Text/), { target: { value: "Hi {{name}},\n\n{{#price}}You pay {{price}}." } });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("Text, line 3: the section {{#price}} is not closed (add {{/price}})");
    const lines = screen.getByRole("list", { name: "The text's lines" });
    expect(within(lines).getAllByRole("listitem").find((li) => li.getAttribute("aria-current") === "true")?.textContent).toBe("{{#price}}You pay {{price}}.");
    expect(screen.getByLabelText(/^Text/).getAttribute("aria-invalid")).toBe("true");

    fireEvent.change(screen.getByLabelText(/^Text/), { target: { value: "Hi {{name}},\n\n{{#price}}You pay {{price}}.{{/price}}" } });
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    fireEvent.click(screen.getByRole("button", { name: "Save wording" }));
    expect(await screen.findByText("Saved: the next messages use this wording.")).toBeTruthy();
    const put = requests.find((r) => r.method === "PUT")!;
    // The subject left as the standard one is not stored as the facility's own.
    expect(put.body).toEqual({ channel: "email", locale: "en", subject: null, body: "Hi {{name}},\n\n{{#price}}You pay {{price}}.{{/price}}" });
    expect(screen.getByRole("row", { name: /Booking confirmations/ }).textContent).toContain("Your own, since");
  });

  it("lists and edits the wording of the language staff pick", async () => {
    const spanish: NotificationTemplate = {
      ...confirmed,
      label: "Confirmaciones de reserva",
      locale: "es",
      default: { subject: "Reserva confirmada: {{resource}}, {{when}}", body: "Hola, {{name}}:\n\nTu reserva está confirmada.\n" },
    };
    const { api, requests } = fakeNetwork({
      "GET /api/v1/facilities/fac_1/notification-templates": (r) => ({ items: [r.query.get("locale") === "es" ? spanish : confirmed] }),
      "POST /api/v1/facilities/fac_1/notification-templates/booking.confirmed/preview": (r) => ({
        subject: "Reserva confirmada: Court 1, miércoles 25 de noviembre, 10:00 (America/New_York)",
        text: (r.body as { body: string }).body,
        html: null,
      }),
    });
    render(<NotificationTemplates api={api} facility={aFacility()} />);
    expect(await screen.findByRole("button", { name: "Edit Booking confirmations, E-mail" })).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Language"), { target: { value: "es" } });
    fireEvent.click(await screen.findByRole("button", { name: "Edit Confirmaciones de reserva, E-mail" }));
    expect(screen.getByRole("heading", { name: "Confirmaciones de reserva: E-mail (Español)" })).toBeTruthy();
    expect((screen.getByLabelText(/^Text/) as HTMLTextAreaElement).value).toBe("Hola, {{name}}:\n\nTu reserva está confirmada.\n");
    await waitFor(() => expect(requests.some((r) => r.method === "POST")).toBe(true));
    expect((requests.find((r) => r.method === "POST")!.body as { locale: string }).locale).toBe("es");
    expect(requests.filter((r) => r.method === "GET").map((r) => r.query.get("locale"))).toEqual(["en", "es"]);
  });
});
