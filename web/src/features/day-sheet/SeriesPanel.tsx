import { useEffect, useState } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { Resource, Series, SeriesScope } from "../../shared/api/types";
import { formatDateTime, formatTime } from "../../shared/time";
import { cancelSeries } from "../bookings/api";
import { SeriesChange } from "../bookings";
import { listResources } from "../facilities/api";
import { SeriesConflicts } from "../../shared/SeriesConflicts";

const DONE: Record<SeriesScope, string> = {
  this: "That occurrence is cancelled.",
  following: "That occurrence and the ones after it are cancelled.",
  all: "The whole series is cancelled.",
};

/// A weekly series the desk just booked: every occurrence with its state, the dates it could not
/// have and why, changing its time, court or note from one occurrence on (reviewed first), and
/// cancelling one, those from one on, or all of it.
export function SeriesPanel({ api, series, timeZone, onChanged }: { api: Api; series: Series; timeZone: string; onChanged: (s: Series, text: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [changing, setChanging] = useState<string | null>(null);
  const [courts, setCourts] = useState<Resource[]>([]);
  const facilityId = series.facility_id ?? "";
  useEffect(() => {
    let live = true;
    listResources(api, facilityId).then(
      (list) => live && setCourts(list.filter((r) => r.status === "active")),
      (e) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [api, facilityId]);
  const occurrences = [...(series.occurrences ?? [])].sort((a, b) => new Date(a.start).getTime() - new Date(b.start).getTime());
  const live = occurrences.filter((o) => o.status !== "cancelled");

  const cancel = async (scope: SeriesScope, bookingId: string) => {
    setError(null);
    try {
      onChanged(await cancelSeries(api, series.id, scope, bookingId, "Cancelled at the desk"), DONE[scope]);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <section className="notice" aria-labelledby="series-title">
      <h3 id="series-title">Weekly series</h3>
      <p>
        {live.length} of {occurrences.length} occurrences booked ({series.status}); times in {timeZone}.
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <ul className="plain" aria-label="Occurrences">
        {occurrences.map((o) => {
          const when = formatDateTime(o.start, timeZone);
          return (
            <li key={o.id}>
              <span>
                {when}–{formatTime(o.end, timeZone)} <span className={`badge ${o.status}`}>{o.status.replace("_", " ")}</span>
              </span>
              {o.status === "confirmed" && (
                <span className="row">
                  <button type="button" className="secondary" onClick={() => setChanging(changing === o.id ? null : o.id)}>
                    Change from {when}
                  </button>
                  <button type="button" className="secondary" onClick={() => cancel("this", o.id)}>
                    Cancel {when} only
                  </button>
                  <button type="button" className="secondary" onClick={() => cancel("following", o.id)}>
                    Cancel {when} and after
                  </button>
                </span>
              )}
              {changing === o.id && (
                <SeriesChange
                  api={api}
                  series={series}
                  occurrence={o}
                  courts={courts}
                  timeZone={timeZone}
                  onClose={() => setChanging(null)}
                  onChanged={(s, text) => {
                    setChanging(null);
                    onChanged(s, text);
                  }}
                />
              )}
            </li>
          );
        })}
      </ul>
      <SeriesConflicts series={series} timeZone={timeZone} />
      {live.length > 0 && (
        <button type="button" className="danger" onClick={() => cancel("all", live[0].id)}>
          Cancel the whole series
        </button>
      )}
    </section>
  );
}
