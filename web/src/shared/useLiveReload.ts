import { useEffect, useRef } from "react";
import { subscribe } from "./live";

/// Runs `load` now and whenever it changes, and again shortly after any live change on the
/// facility (changes arriving together reload once). A change reloads what is shown by then,
/// not what was shown when it came.
export function useLiveReload(facilityId: string | undefined, load: () => unknown): void {
  useEffect(() => {
    load();
  }, [load]);

  const loadNow = useRef(load);
  loadNow.current = load;
  useEffect(() => {
    if (!facilityId) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = subscribe(facilityId, () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => loadNow.current(), 150);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [facilityId]);
}
