import { describe, expect, it } from "vitest";
import { aFacility, fakeNetwork, page } from "../../shared/api/testing";
import { facilitiesIRun } from "./api";

const me = (roles: { role: string; scope_type: string; scope_id: string | null }[]) => () => ({
  id: "usr_1",
  email: "someone@example.com",
  name: "Someone",
  roles: roles.map((r, i) => ({ id: `rol_${i}`, ...r })),
});

describe("facilitiesIRun", () => {
  it("finds the facilities a staff role names when the account belongs to no organization", async () => {
    const { api } = fakeNetwork({
      "GET /api/v1/me": me([
        { role: "staff", scope_type: "facility", scope_id: "fac_2" },
        { role: "coach", scope_type: "facility", scope_id: "fac_2" },
        { role: "member", scope_type: "facility", scope_id: "fac_3" },
      ]),
      "GET /api/v1/organizations": () => page([]),
      "GET /api/v1/facilities/fac_2": () => aFacility({ id: "fac_2", name: "Desk's club" }),
    });
    expect((await facilitiesIRun(api)).map((f) => f.name)).toEqual(["Desk's club"]);
  });

  it("lists an organization's facilities once, even when a facility role names one of them too", async () => {
    const { api, requests } = fakeNetwork({
      "GET /api/v1/me": me([
        { role: "org_owner", scope_type: "organization", scope_id: "org_1" },
        { role: "facility_manager", scope_type: "facility", scope_id: "fac_1" },
      ]),
      "GET /api/v1/organizations": () => page([{ id: "org_1", name: "Riverside Club" }]),
      "GET /api/v1/organizations/org_1/facilities": () => page([aFacility()]),
    });
    expect((await facilitiesIRun(api)).map((f) => f.id)).toEqual(["fac_1"]);
    expect(requests.some((r) => r.path === "/api/v1/facilities/fac_1")).toBe(false);
  });
});
