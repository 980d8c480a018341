import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { aFacility, fakeNetwork, Reply } from "../../shared/api/testing";
import type { Facility } from "../../shared/api/types";
import { FacilityProfile } from "./FacilityProfile";
import { box, fill, invalid, messageAt } from "./testing";

const LOGO = "/api/v1/media/" + "c".repeat(64) + ".png";
const png = (bytes = 10, name = "logo.png", type = "image/png") => new File([new Uint8Array(bytes)], name, { type });
const choose = (label: string | RegExp, file: File) => fireEvent.change(screen.getByLabelText(label), { target: { files: [file] } });

describe("FacilityProfile", () => {
  afterEach(cleanup);

  it("uploads a logo, shows it, and removes it", async () => {
    const onSaved = vi.fn();
    const { api, requests } = fakeNetwork({
      "PUT /api/v1/facilities/fac_1/logo": () => aFacility({ logo_url: LOGO }),
      "DELETE /api/v1/facilities/fac_1/logo": () => aFacility({ logo_url: null }),
    });
    render(<FacilityProfile api={api} facility={aFacility()} onSaved={onSaved} />);
    expect(screen.getByText("No logo yet.")).toBeTruthy();
    const file = png();
    choose("Upload a logo", file);
    const img = (await screen.findByAltText("Logo of Riverside")) as HTMLImageElement;
    expect(img.getAttribute("src")).toBe(LOGO);
    expect(screen.getByRole("status").textContent).toBe("Logo saved.");
    expect(requests[0].body).toBe(file);
    expect((onSaved.mock.calls[0][0] as Facility).logo_url).toBe(LOGO);

    fireEvent.click(screen.getByRole("button", { name: "Remove the logo" }));
    await waitFor(() => expect(screen.queryByAltText("Logo of Riverside")).toBeNull());
    expect(screen.getByText("No logo yet.")).toBeTruthy();
    expect(requests.map((r) => r.method)).toEqual(["PUT", "DELETE"]);
  });

  it("refuses a file of another type or over 2 MB before sending it", async () => {
    const { api, requests } = fakeNetwork({});
    render(<FacilityProfile api={api} facility={aFacility()} onSaved={() => undefined} />);
    choose("Upload a logo", png(10, "logo.gif", "image/gif"));
    expect(screen.getByRole("alert").textContent).toBe("logo.gif is not a PNG, JPEG or WebP image.");
    choose("Upload a logo", png(2 * 1024 * 1024 + 1, "huge.png"));
    expect(screen.getByRole("alert").textContent).toBe("huge.png is 2.0 MB; a picture may be at most 2 MB.");
    expect(screen.getByLabelText("Upload a logo").getAttribute("aria-invalid")).toBe("true");
    expect(requests).toEqual([]);
  });

  it("shows the server's refusal", async () => {
    const { api } = fakeNetwork({
      "PUT /api/v1/facilities/fac_1/logo": () =>
        new Reply(415, {
          type: "about:blank",
          title: "Unsupported media type",
          status: 415,
          detail: "Send a PNG, JPEG or WebP image: the bytes are not a PNG, JPEG or WebP image",
          errors: [{ field: "body", message: "the bytes are not a PNG, JPEG or WebP image" }],
        }),
    });
    render(<FacilityProfile api={api} facility={aFacility({ logo_url: LOGO })} onSaved={() => undefined} />);
    choose("Replace the logo", png());
    expect((await screen.findByRole("alert")).textContent).toBe("body: the bytes are not a PNG, JPEG or WebP image");
    // The logo that was there stays.
    expect(screen.getByAltText("Logo of Riverside").getAttribute("src")).toBe(LOGO);
  });

  it("saves the address and the description", async () => {
    const onSaved = vi.fn();
    const { api, requests } = fakeNetwork({ "PATCH /api/v1/facilities/fac_1": () => aFacility() });
    render(<FacilityProfile api={api} facility={aFacility()} onSaved={onSaved} />);
    fill("Street", "1 Main Street");
    fill("City", "Springfield");
    fill("Country (two letters, e.g. US)", "US");
    fill("Description", "Six clay courts.");
    fireEvent.click(screen.getByRole("button", { name: "Save the profile" }));
    expect((await screen.findByRole("status")).textContent).toBe("Profile saved.");
    expect(requests[0].body).toEqual({
      address: { street: "1 Main Street", city: "Springfield", country: "US" },
      settings: { description: "Six clay courts.", contact_email: "", contact_phone: "", sports: [], public: true, accent_color: "" },
    });
    expect(onSaved).toHaveBeenCalled();
  });
});

describe("FacilityProfile's contact, sports and listing", () => {
  afterEach(cleanup);
  const club = aFacility({
    settings: { description: "Clay.", sports: ["tennis", "table_tennis"], contact_email: "old@club.test", contact_phone: "", public: true },
  });

  it("shows what is set and sends the contact, the sports and whether the club is listed", async () => {
    const onSaved = vi.fn();
    const { api, requests } = fakeNetwork({ "PATCH /api/v1/facilities/fac_1": () => aFacility() });
    render(<FacilityProfile api={api} facility={club} onSaved={onSaved} />);
    expect(box("Contact e-mail").value).toBe("old@club.test");
    expect((screen.getByRole("checkbox", { name: "Tennis" }) as HTMLInputElement).checked).toBe(true);
    expect(box("Other sports").value).toBe("table_tennis");
    expect((screen.getByRole("checkbox", { name: "Listed publicly" }) as HTMLInputElement).checked).toBe(true);

    fill("Contact e-mail", " desk@club.test ");
    fill("Contact phone", "+1 555 0100");
    fireEvent.click(screen.getByRole("checkbox", { name: "Padel" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Tennis" }));
    fill("Other sports", "table_tennis, futsal, , futsal");
    fill("Accent colour", " #1b5e20 ");
    fireEvent.click(screen.getByRole("checkbox", { name: "Listed publicly" }));
    fireEvent.click(screen.getByRole("button", { name: "Save the profile" }));
    expect((await screen.findByRole("status")).textContent).toBe("Profile saved.");
    expect((requests[0].body as { settings: unknown }).settings).toEqual({
      description: "Clay.",
      contact_email: "desk@club.test",
      contact_phone: "+1 555 0100",
      sports: ["padel", "table_tennis", "futsal"],
      public: false,
      accent_color: "#1b5e20",
    });
    expect(onSaved).toHaveBeenCalled();
  });

  it("shows the server's objections at the fields they name", async () => {
    const onSaved = vi.fn();
    const { api } = fakeNetwork({
      "PATCH /api/v1/facilities/fac_1": () =>
        invalid([
          { field: "settings.contact_phone", message: "must be at most 32 characters" },
          { field: "settings.sports", message: "must be a list of up to 20 sport names" },
          { field: "settings.accent_color", message: "is too light for white text on buttons (contrast 1.3:1, at least 4.5:1)" },
        ]),
    });
    render(<FacilityProfile api={api} facility={club} onSaved={onSaved} />);
    fill("Contact phone", "1".repeat(40));
    fireEvent.click(screen.getByRole("button", { name: "Save the profile" }));
    await screen.findByRole("alert");
    expect(box("Contact phone").getAttribute("aria-invalid")).toBe("true");
    expect(messageAt("Contact phone")).toBe("must be at most 32 characters");
    expect(box("Contact e-mail").getAttribute("aria-invalid")).toBeNull();
    expect(document.getElementById("profile-accent_color-error")?.textContent).toBe("is too light for white text on buttons (contrast 1.3:1, at least 4.5:1)");
    const sports = screen.getByRole("group", { name: "Sports" });
    expect(document.getElementById(sports.getAttribute("aria-describedby") ?? "")?.textContent).toBe("must be a list of up to 20 sport names");
    expect(onSaved).not.toHaveBeenCalled();
  });
});
