import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { aFacility, fakeNetwork, page, type FakeRequest } from "../../shared/api/testing";
import type { Resource } from "../../shared/api/types";
import { Courts } from "./Courts";
import { invalid } from "./testing";

const court = (n: number, more: Partial<Resource> = {}): Resource => ({
  id: `res_${n}`,
  facility_id: "fac_1",
  name: `Court ${n}`,
  type: "tennis_court",
  status: "active",
  indoor: false,
  surface: "",
  lighting: false,
  color: "",
  description: "",
  display_order: n - 1,
  image_url: null,
  ...more,
});
const three = () => [court(1), court(2), court(3)];
/// The PATCH of a court answers the court as changed.
const patched = (all: Resource[]) => (r: FakeRequest) => {
  const id = r.path.split("/").pop();
  return { ...all.find((c) => c.id === id), ...(r.body as object) };
};
const editor = (name: string) => screen.getByRole("region", { name });
const boxIn = (name: string, label: string) => within(editor(name)).getByLabelText(label) as HTMLInputElement;

describe("Courts", () => {
  afterEach(cleanup);

  it("lists the courts in their order with what is set on each", async () => {
    const { api } = fakeNetwork({
      "GET /api/v1/facilities/fac_1/resources": () =>
        page([court(1, { indoor: true, surface: "clay", lighting: true, color: "#1e88e5" }), court(2, { status: "inactive" })]),
    });
    render(<Courts api={api} facility={aFacility()} />);
    await screen.findByRole("region", { name: "Court 2" });
    const list = screen.getByRole("list", { name: "Courts in order" });
    expect(within(list).getAllByRole("heading", { level: 4 }).map((h) => h.textContent?.trim())).toEqual(["Court 1", "Court 2"]);
    expect((boxIn("Court 1", "Indoor or outdoor") as unknown as HTMLSelectElement).value).toBe("indoor");
    expect(boxIn("Court 1", "Surface").value).toBe("clay");
    expect(within(editor("Court 1")).getByRole("checkbox", { name: "Floodlit" })).toHaveProperty("checked", true);
    expect(boxIn("Court 1", "Colour").value).toBe("#1e88e5");
    expect((boxIn("Court 2", "Status") as unknown as HTMLSelectElement).value).toBe("inactive");
    expect(within(editor("Court 2")).getByText(/inactive: not bookable/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Move Court 1 up" })).toHaveProperty("disabled", true);
    expect(screen.getByRole("button", { name: "Move Court 2 down" })).toHaveProperty("disabled", true);
  });

  it("saves a court's name and attributes with its own button", async () => {
    const all = three();
    const { api, requests } = fakeNetwork({
      "GET /api/v1/facilities/fac_1/resources": () => page(all),
      "PATCH /api/v1/resources/res_2": patched(all),
    });
    render(<Courts api={api} facility={aFacility()} />);
    await screen.findByRole("region", { name: "Court 2" });
    fireEvent.change(boxIn("Court 2", "Name"), { target: { value: " Centre Court " } });
    fireEvent.change(boxIn("Court 2", "Indoor or outdoor"), { target: { value: "indoor" } });
    fireEvent.change(boxIn("Court 2", "Surface"), { target: { value: "clay" } });
    fireEvent.click(within(editor("Court 2")).getByRole("checkbox", { name: "Floodlit" }));
    fireEvent.change(boxIn("Court 2", "Colour"), { target: { value: "#c62828" } });
    fireEvent.change(boxIn("Court 2", "Status"), { target: { value: "inactive" } });
    fireEvent.change(boxIn("Court 2", "Description"), { target: { value: "By the clubhouse." } });
    fireEvent.click(screen.getByRole("button", { name: "Save Court 2" }));

    // Saved, the court goes by its new name.
    expect((await within(await screen.findByRole("region", { name: "Centre Court" })).findByRole("status")).textContent).toBe(
      "Centre Court saved.",
    );
    const patches = requests.filter((r) => r.method === "PATCH");
    expect(patches.map((r) => r.path)).toEqual(["/api/v1/resources/res_2"]);
    expect(patches[0].body).toEqual({
      name: "Centre Court",
      description: "By the clubhouse.",
      indoor: true,
      surface: "clay",
      lighting: true,
      color: "#c62828",
      status: "inactive",
    });
  });

  it("shows the server's objections at the court's fields", async () => {
    const all = three();
    const { api } = fakeNetwork({
      "GET /api/v1/facilities/fac_1/resources": () => page(all),
      "PATCH /api/v1/resources/res_1": () =>
        invalid([
          { field: "color", message: "must be a colour like #1e88e5" },
          { field: "name", message: "must be 1 to 100 characters" },
        ]),
    });
    render(<Courts api={api} facility={aFacility()} />);
    await screen.findByRole("region", { name: "Court 1" });
    fireEvent.change(boxIn("Court 1", "Name"), { target: { value: "" } });
    fireEvent.change(boxIn("Court 1", "Colour"), { target: { value: "blue" } });
    fireEvent.click(screen.getByRole("button", { name: "Save Court 1" }));
    await within(editor("Court 1")).findByRole("alert");
    const colour = boxIn("Court 1", "Colour");
    expect(colour.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById("court-res_1-color-error")?.textContent).toBe("must be a colour like #1e88e5");
    expect(colour.getAttribute("aria-describedby")).toContain("court-res_1-color-error");
    expect(boxIn("Court 1", "Name").getAttribute("aria-invalid")).toBe("true");
    expect(boxIn("Court 1", "Surface").getAttribute("aria-invalid")).toBeNull();
    // The other courts' fields are not touched.
    expect(boxIn("Court 2", "Colour").getAttribute("aria-invalid")).toBeNull();
  });

  it("moves a court up and saves the new order as display_order", async () => {
    const all = three();
    const { api, requests } = fakeNetwork({
      "GET /api/v1/facilities/fac_1/resources": () => page(all),
      "PATCH /api/v1/resources/res_2": patched(all),
      "PATCH /api/v1/resources/res_3": patched(all),
    });
    render(<Courts api={api} facility={aFacility()} />);
    await screen.findByRole("region", { name: "Court 3" });
    fireEvent.click(screen.getByRole("button", { name: "Move Court 3 up" }));
    expect((await screen.findByText("Court 3 is now court 2 of 3.")).getAttribute("role")).toBe("status");
    const list = screen.getByRole("list", { name: "Courts in order" });
    expect(within(list).getAllByRole("heading", { level: 4 }).map((h) => h.textContent?.trim())).toEqual(["Court 1", "Court 3", "Court 2"]);
    // Only the two courts whose place changed are saved.
    expect(requests.filter((r) => r.method === "PATCH").map((r) => [r.path, r.body])).toEqual([
      ["/api/v1/resources/res_3", { display_order: 1 }],
      ["/api/v1/resources/res_2", { display_order: 2 }],
    ]);
  });

  it("numbers courts that share an order when one is moved, and says so when a save fails", async () => {
    const all = [court(1, { display_order: 0 }), court(2, { display_order: 0 })];
    const { api, requests } = fakeNetwork({
      "GET /api/v1/facilities/fac_1/resources": () => page(all),
      "PATCH /api/v1/resources/res_2": patched(all),
      "PATCH /api/v1/resources/res_1": () => invalid([{ field: "display_order", message: "must be 0 to 10000" }]),
    });
    render(<Courts api={api} facility={aFacility()} />);
    await screen.findByRole("region", { name: "Court 2" });
    fireEvent.click(screen.getByRole("button", { name: "Move Court 1 down" }));
    expect((await screen.findByRole("alert")).textContent).toContain("display_order");
    expect(requests.filter((r) => r.method === "PATCH").map((r) => [r.path, r.body])).toEqual([
      ["/api/v1/resources/res_1", { display_order: 1 }],
    ]);
    // The list is read again, as the server has it.
    await waitFor(() => expect(requests.filter((r) => r.method === "GET")).toHaveLength(2));
  });

  it("adds a court last with its name and type", async () => {
    const all = three();
    const { api, requests } = fakeNetwork({
      "GET /api/v1/facilities/fac_1/resources": () => page(all),
      "POST /api/v1/facilities/fac_1/resources": (r) => court(4, { ...(r.body as object), id: "res_4" }),
    });
    render(<Courts api={api} facility={aFacility()} />);
    await screen.findByRole("region", { name: "Court 3" });
    expect((screen.getByLabelText("New court's name") as HTMLInputElement).value).toBe("Court 4");
    fireEvent.change(screen.getByLabelText("New court's name"), { target: { value: "Padel 1" } });
    fireEvent.change(screen.getByLabelText("New court's type"), { target: { value: "padel_court" } });
    fireEvent.click(screen.getByRole("button", { name: "Add the court" }));
    await screen.findByRole("region", { name: "Padel 1" });
    expect(requests.find((r) => r.method === "POST")?.body).toEqual({ name: "Padel 1", type: "padel_court", display_order: 3 });
    expect(within(editor("Padel 1")).getByText("Padel court")).toBeTruthy();
    expect(screen.getByText(/Padel 1 added, last in the list/)).toBeTruthy();
  });

  it("shows the server's objection to a new court at its field", async () => {
    const { api } = fakeNetwork({
      "GET /api/v1/facilities/fac_1/resources": () => page([]),
      "POST /api/v1/facilities/fac_1/resources": () => invalid([{ field: "name", message: "must be 1 to 100 characters" }]),
    });
    render(<Courts api={api} facility={aFacility()} />);
    await screen.findByText("No courts yet: add the first below.");
    fireEvent.change(screen.getByLabelText("New court's name"), { target: { value: "" } });
    fireEvent.click(screen.getByRole("button", { name: "Add the court" }));
    await screen.findByRole("alert");
    expect(screen.getByLabelText("New court's name").getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById("new-court-name-error")?.textContent).toBe("must be 1 to 100 characters");
  });

  it("uploads a picture in the court's editor", async () => {
    const picture = "/api/v1/media/" + "d".repeat(64) + ".webp";
    const all = [court(1), court(2)];
    const { api, requests } = fakeNetwork({
      "GET /api/v1/facilities/fac_1/resources": () => page(all),
      "PUT /api/v1/resources/res_2/image": () => ({ ...all[1], image_url: picture }),
    });
    render(<Courts api={api} facility={aFacility()} />);
    await screen.findByRole("region", { name: "Court 2" });
    const file = new File([new Uint8Array(10)], "court.webp", { type: "image/webp" });
    fireEvent.change(within(editor("Court 2")).getByLabelText("Upload a picture"), { target: { files: [file] } });
    expect((await screen.findByAltText("Picture of Court 2")).getAttribute("src")).toBe(picture);
    expect(screen.queryByAltText("Picture of Court 1")).toBeNull();
    expect(requests.find((r) => r.method === "PUT")?.body).toBe(file);
  });
});
