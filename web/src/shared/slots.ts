import type { Api } from "./api";
import type { Availability } from "./types";

/// A local date and wall-clock time in the facility's zone as the slot that starts then, by
/// asking the availability grid (which knows the zone's offsets, DST days included). Undefined
/// when that time is not on the day's grid.
export async function slotAt(
  api: Api,
  facilityId: string,
  resourceId: string,
  date: string,
  time: string,
  minutes: number,
): Promise<{ start: string; end: string } | undefined> {
  const a = await api.get<Availability>(
    `/api/v1/facilities/${facilityId}/availability?date=${date}&resource_id=${resourceId}&duration=${minutes}`,
  );
  return a.resources[0]?.slots.find((s) => s.start.slice(11, 16) === time);
}
