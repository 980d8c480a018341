import { ApiError, type Api } from "../../shared/api/client";
import type { Answer, Hours } from "../../shared/api/types";

// Saving policies, hours and prices are the set-up flow's calls; the settings screens use the same.
export { setHours, setPolicies, setPricing } from "../setup/api";
export { listResources } from "../facilities/api";

export type Pricing = Answer<"/api/v1/resources/{resource_id}/pricing", "get">;

/// The facility's weekly hours and holidays, in local time.
export function getHours(api: Api, facilityId: string): Promise<Hours> {
  return api.get<Answer<"/api/v1/facilities/{facility_id}/hours", "get">>(`/api/v1/facilities/${facilityId}/hours`);
}

/// A court's prices; null when none were ever set.
export async function getPricing(api: Api, resourceId: string): Promise<Pricing | null> {
  try {
    return await api.get<Answer<"/api/v1/resources/{resource_id}/pricing", "get">>(`/api/v1/resources/${resourceId}/pricing`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}
