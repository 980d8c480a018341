import type { Series } from "../../shared/api/types";
import { formatDateTime, formatTime } from "../../shared/time";
import { SeriesConflicts } from "../../shared/SeriesConflicts";

/// The weekly series a player just booked: the occurrences booked, the dates that could not be
/// had and why, and, where the booking window does not reach the last date yet, when the rest is booked.
export function SeriesBooked({ series, timeZone, onDone }: { series: Series; timeZone: string; onDone: () => void }) {
  const occurrences = [...(series.occurrences ?? [])].sort((a, b) => new Date(a.start).getTime() - new Date(b.start).getTime());
  const n = occurrences.length;
  const later = series.until && series.booked_through && series.booked_through < series.until;
  return (
    <section className="panel" aria-labelledby="series-booked-title">
      <h2 id="series-booked-title">Weekly series booked</h2>
      <p role="status" className="success">
        {n} occurrence{n === 1 ? "" : "s"} booked
        {series.conflicts.length > 0 && `, ${series.conflicts.length} date${series.conflicts.length === 1 ? "" : "s"} could not be booked`}.
      </p>
      <p className="muted">Times in {timeZone}.</p>
      <ul className="plain" aria-label="Occurrences booked">
        {occurrences.map((o) => (
          <li key={o.id}>
            {formatDateTime(o.start, timeZone)}–{formatTime(o.end, timeZone)}{" "}
            <span className={`badge ${o.status}`}>{o.status.replace("_", " ")}</span>
          </li>
        ))}
      </ul>
      <SeriesConflicts series={series} timeZone={timeZone} level={3} />
      {later && (
        <p className="muted">The dates after {series.booked_through} are booked as the booking window reaches them.</p>
      )}
      <div className="row actions">
        <button type="button" onClick={onDone}>
          Done
        </button>
      </div>
    </section>
  );
}
