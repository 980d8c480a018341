import type { Api } from "../../shared/api/client";
import type { Answer } from "../../shared/api/types";

/// A platform administrator sets the platform's fee on a facility's card payments (percent).
export async function setPlatformFee(api: Api, facilityId: string, percent: number): Promise<number> {
  const answer = await api.put<Answer<"/api/v1/admin/facilities/{facility_id}/platform-fee", "put">>(
    `/api/v1/admin/facilities/${facilityId}/platform-fee`,
    { percent },
  );
  return answer.percent;
}
