import type { Api } from "../../shared/api/client";
import { withPolicies, type Answer, type Facility, type Resource } from "../../shared/api/types";

/// The facilities a player can book at, by name.
export async function findFacilities(api: Api, query: string): Promise<Facility[]> {
  const q = query ? `&q=${encodeURIComponent(query)}` : "";
  const page = await api.get<Answer<"/api/v1/facilities", "get">>(`/api/v1/facilities?limit=100${q}`);
  return page.items.map(withPolicies);
}

/// The facilities this account runs: those of its organizations.
export async function facilitiesIRun(api: Api): Promise<Facility[]> {
  const orgs = await api.get<Answer<"/api/v1/organizations", "get">>("/api/v1/organizations");
  const all: Facility[] = [];
  for (const o of orgs.items) {
    const page = await api.get<Answer<"/api/v1/organizations/{org_id}/facilities", "get">>(
      `/api/v1/organizations/${o.id}/facilities`,
    );
    all.push(...page.items.map(withPolicies));
  }
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
