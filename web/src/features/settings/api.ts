// Saving policies, hours and prices are the set-up flow's calls; the settings screens use the same.
export { createResource, setHours, setPolicies, setPricing } from "../setup/api";
// Reading them is the facilities feature's, as every feature reads a facility.
export { getHours, getPricing, listResources } from "../facilities/api";
export type { Pricing } from "../../shared/api/types";
import type { Api } from "../../shared/api/client";
import { withPolicies, type Body, type Facility, type Resource } from "../../shared/api/types";

/// The images a club may upload (the server checks the same by the file's first bytes).
export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"];
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/// The facility's logo: the image's bytes as the body; the facility comes back with its logo_url.
export const setLogo = async (api: Api, facilityId: string, file: Blob): Promise<Facility> =>
  withPolicies(await api.put<Facility>(`/api/v1/facilities/${facilityId}/logo`, file));
export const removeLogo = async (api: Api, facilityId: string): Promise<Facility> =>
  withPolicies(await api.del<Facility>(`/api/v1/facilities/${facilityId}/logo`));
/// A court's picture, likewise.
export const setCourtImage = (api: Api, resourceId: string, file: Blob) =>
  api.put<Resource>(`/api/v1/resources/${resourceId}/image`, file);
export const removeCourtImage = (api: Api, resourceId: string) => api.del<Resource>(`/api/v1/resources/${resourceId}/image`);
/// The facility's name, address and description.
export const updateFacility = async (api: Api, facilityId: string, patch: Record<string, unknown>): Promise<Facility> =>
  withPolicies(await api.patch<Facility>(`/api/v1/facilities/${facilityId}`, patch));
/// A court's name, description, attributes, place in the list and whether it is open for booking
/// (its type is set when it is added).
export const updateCourt = (api: Api, resourceId: string, patch: Body<"/api/v1/resources/{resource_id}", "patch">) =>
  api.patch<Resource>(`/api/v1/resources/${resourceId}`, patch);
