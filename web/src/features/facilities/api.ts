import { ApiError, type Api } from "../../shared/api/client";
import { withPolicies, type Answer, type Facility, type Hours, type Pricing, type Resource, type Role } from "../../shared/api/types";

/// The facilities a player can book at, by name.
export async function findFacilities(api: Api, query: string): Promise<Facility[]> {
  const q = query ? `&q=${encodeURIComponent(query)}` : "";
  const page = await api.get<Answer<"/api/v1/facilities", "get">>(`/api/v1/facilities?limit=100${q}`);
  return page.items.map(withPolicies);
}

/// Roles held on one facility that make its desk's work the holder's (members only book).
const RUNS_FACILITY: readonly Role[] = ["facility_manager", "staff", "coach"];

/// The facilities this account runs: those of its organizations, and those its facility roles
/// name (the desk, managers and coaches usually belong to no organization).
export async function facilitiesIRun(api: Api): Promise<Facility[]> {
  const [me, orgs] = await Promise.all([
    api.get<Answer<"/api/v1/me", "get">>("/api/v1/me"),
    api.get<Answer<"/api/v1/organizations", "get">>("/api/v1/organizations"),
  ]);
  const pages = await Promise.all(
    orgs.items.map((o) =>
      api.get<Answer<"/api/v1/organizations/{org_id}/facilities", "get">>(`/api/v1/organizations/${o.id}/facilities`),
    ),
  );
  const all = pages.flatMap((p) => p.items.map(withPolicies));
  const named = me.roles
    .filter((r) => r.scope_type === "facility" && r.scope_id && RUNS_FACILITY.includes(r.role))
    .map((r) => r.scope_id as string)
    .filter((id, i, ids) => ids.indexOf(id) === i && !all.some((f) => f.id === id));
  all.push(...(await Promise.all(named.map((id) => getFacility(api, id)))));
  return all;
}

export async function getFacility(api: Api, facilityId: string): Promise<Facility> {
  return withPolicies(await api.get<Answer<"/api/v1/facilities/{facility_id}", "get">>(`/api/v1/facilities/${facilityId}`));
}

/// The facility's courts.
export async function listResources(api: Api, facilityId: string): Promise<Resource[]> {
  const page = await api.get<Answer<"/api/v1/facilities/{facility_id}/resources", "get">>(
    `/api/v1/facilities/${facilityId}/resources`,
  );
  return page.items;
}

/// The facility's weekly hours and holidays, in local time.
export function getHours(api: Api, facilityId: string): Promise<Hours> {
  return api.get<Answer<"/api/v1/facilities/{facility_id}/hours", "get">>(`/api/v1/facilities/${facilityId}/hours`);
}

/// A court's prices (anyone may read them); null when none were ever set.
export async function getPricing(api: Api, resourceId: string): Promise<Pricing | null> {
  try {
    return await api.get<Answer<"/api/v1/resources/{resource_id}/pricing", "get">>(`/api/v1/resources/${resourceId}/pricing`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/// Every court's prices, by court id (null for a court whose prices were never set).
export async function pricesOf(api: Api, resources: readonly Pick<Resource, "id">[]): Promise<Map<string, Pricing | null>> {
  const all = await Promise.all(resources.map(async (r) => [r.id, await getPricing(api, r.id)] as const));
  return new Map(all);
}
