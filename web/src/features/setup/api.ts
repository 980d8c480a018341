import type { Api } from "../../shared/api/client";
import { withPolicies, type Answer, type Body, type Facility, type Hours, type Policies, type Resource } from "../../shared/api/types";

export function createOrganization(api: Api, name: string) {
  return api.post<Answer<"/api/v1/organizations", "post">>("/api/v1/organizations", { name });
}

export async function createFacility(
  api: Api,
  orgId: string,
  facility: Body<"/api/v1/organizations/{org_id}/facilities", "post">,
): Promise<Facility> {
  const f = await api.post<Answer<"/api/v1/organizations/{org_id}/facilities", "post">>(
    `/api/v1/organizations/${orgId}/facilities`,
    facility,
  );
  return withPolicies(f);
}

export function setHours(api: Api, facilityId: string, hours: Hours) {
  return api.put<Answer<"/api/v1/facilities/{facility_id}/hours", "put">>(`/api/v1/facilities/${facilityId}/hours`, hours);
}

export function createResource(
  api: Api,
  facilityId: string,
  resource: Body<"/api/v1/facilities/{facility_id}/resources", "post">,
): Promise<Resource> {
  return api.post<Answer<"/api/v1/facilities/{facility_id}/resources", "post">>(
    `/api/v1/facilities/${facilityId}/resources`,
    resource,
  );
}

export function setPricing(api: Api, resourceId: string, pricing: Body<"/api/v1/resources/{resource_id}/pricing", "put">) {
  return api.put<Answer<"/api/v1/resources/{resource_id}/pricing", "put">>(`/api/v1/resources/${resourceId}/pricing`, pricing);
}

/// Changes some of the facility's policies; those not named keep their values. (The document's
/// Policies lists its defaulted fields as always there, which holds for answers, not for a change.)
export async function setPolicies(api: Api, facilityId: string, policies: Partial<Policies>): Promise<Facility> {
  const f = await api.patch<Answer<"/api/v1/facilities/{facility_id}", "patch">>(`/api/v1/facilities/${facilityId}`, {
    policies,
  });
  return withPolicies(f);
}
