import type { Series } from "./api/types";
import { formatDateTime } from "./time";

/// The dates a series could not have, each with why; nothing when it got them all. Both the desk's
/// series panel and the player's series just booked show them.
export function SeriesConflicts({ series, timeZone, level = 4 }: { series: Series; timeZone: string; level?: 3 | 4 }) {
  if (series.conflicts.length === 0) return null;
  const Heading = level === 3 ? "h3" : "h4";
  return (
    <>
      <Heading>Dates that could not be booked</Heading>
      <ul aria-label="Conflicts">
        {series.conflicts.map((c) => (
          <li key={c.start}>
            {formatDateTime(c.start, timeZone)}: {c.detail ?? c.rule.replace(/[-_]/g, " ")}
          </li>
        ))}
      </ul>
    </>
  );
}
