import { useEffect, useEffectEvent } from "react";
import { subscribe } from "./live";

/// Runs `load` now and whenever it changes, and again shortly after any live change on the
/// facility (changes arriving together reload once). A change reloads what is shown by then,
/// not what was shown when it came.
export function useLiveReload(facilityId: string | undefined, load: () => unknown): void {
  useEffect(() => {
    load();
  }, [load]);

  // An effect event always calls the `load` of the latest render.
  const reload = useEffectEvent(() => load());
  useEffect(() => {
    if (!facilityId) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = subscribe(facilityId, () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => reload(), 150);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [facilityId]);
}
