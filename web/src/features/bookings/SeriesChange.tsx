import { useState } from "react";
import { ApiError, messageOf, type Api } from "../../shared/api/client";
import type { Booking, Resource, Series, SeriesScope } from "../../shared/api/types";
import { SeriesConflicts } from "../../shared/SeriesConflicts";
import { formatDateTime, formatTime, instantAt, wallClock } from "../../shared/time";
import { TimeField } from "../../shared/TimeField";
import { changeSeries, type SeriesChangeBody } from "./api";

const DONE: Record<SeriesScope, string> = {
  this: "That occurrence was changed.",
  following: "That occurrence and the ones after it were changed.",
  all: "Every occurrence to come was changed.",
};

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
const minuteOf = (time: string) => {
  const [h, m] = time.split(":").map(Number);
  return h * 60 + m;
};

/// Changes a series from one of its occurrences: a new start time, length, court or note, for
/// that occurrence only, it and the ones after it, or every one to come. Reviewing asks the API
/// for a dry run, which shows the occurrences that would move and the dates that would clash
/// before anything is confirmed; the API moves all or nothing, so a change with clashes cannot be
/// confirmed until another time or court is chosen.
export function SeriesChange({
  api,
  series,
  occurrence,
  courts,
  timeZone,
  onChanged,
  onClose,
}: {
  api: Api;
  series: Series;
  occurrence: Booking;
  courts: Resource[];
  timeZone: string;
  onChanged: (s: Series, text: string) => void;
  onClose: () => void;
}) {
  const start = wallClock(new Date(occurrence.start).getTime(), timeZone);
  const length = Math.round((new Date(occurrence.end).getTime() - new Date(occurrence.start).getTime()) / 60_000);
  const [scope, setScope] = useState<SeriesScope>("following");
  const [time, setTime] = useState(hhmm(start.minute));
  const [minutes, setMinutes] = useState(length);
  const [court, setCourt] = useState(occurrence.resource_id);
  const [note, setNote] = useState(occurrence.note ?? "");
  const [reviewing, setReviewing] = useState<Series | null>(null); // the dry run's answer
  const [refusal, setRefusal] = useState<{ text: string; dates: string[] } | null>(null);
  const id = `series-change-${occurrence.id}`;

  const [now] = useState(() => Date.now()); // occurrences already begun stay as they were
  const affected = (series.occurrences ?? [])
    .filter((o) => o.status === "confirmed" && new Date(o.start).getTime() > now)
    .filter((o) => (scope === "this" ? o.id === occurrence.id : scope === "all" || new Date(o.start).getTime() >= new Date(occurrence.start).getTime()))
    .sort((a, b) => new Date(a.start).getTime() - new Date(b.start).getTime());
  const moved = time !== hhmm(start.minute) || minutes !== length;
  const courtName = (rid: string) => courts.find((c) => c.id === rid)?.name ?? "the same court";
  const changes = [
    moved && `to ${time}–${hhmm((minuteOf(time) + minutes) % 1440)}`,
    court !== occurrence.resource_id && `to ${courtName(court)}`,
    note !== (occurrence.note ?? "") && "with the new note",
  ].filter(Boolean) as string[];

  const body = (): SeriesChangeBody => {
    const change: SeriesChangeBody = { scope };
    if (scope !== "all") change.booking_id = occurrence.id;
    if (moved) {
      const first = minuteOf(time);
      change.start = instantAt(start.date, first, timeZone);
      change.end = new Date(new Date(change.start).getTime() + minutes * 60_000).toISOString().replace(".000Z", "Z");
    }
    if (court !== occurrence.resource_id) change.resource_id = court;
    if (note !== (occurrence.note ?? "")) change.note = note;
    return change;
  };

  const review = async () => {
    setRefusal(null);
    try {
      setReviewing(await changeSeries(api, series.id, { ...body(), dry_run: true }));
    } catch (e) {
      setRefusal({ text: messageOf(e), dates: [] });
    }
  };

  const confirm = async () => {
    setRefusal(null);
    try {
      onChanged(await changeSeries(api, series.id, body()), DONE[scope]);
    } catch (e) {
      setReviewing(null);
      const dates = e instanceof ApiError && e.status === 409 ? (e.message.match(/\d{4}-\d{2}-\d{2}/g) ?? []) : [];
      setRefusal({ text: messageOf(e), dates });
    }
  };

  return (
    <div role="group" aria-label="Change the series" className="notice">
      <fieldset>
        <legend>Which occurrences</legend>
        {(
          [
            ["this", `Only ${formatDateTime(occurrence.start, timeZone)}`],
            ["following", `${formatDateTime(occurrence.start, timeZone)} and the ones after it`],
            ["all", "Every occurrence to come"],
          ] as [SeriesScope, string][]
        ).map(([value, label]) => (
          <label key={value} className="radio">
            <input type="radio" name={`${id}-scope`} value={value} checked={scope === value} onChange={() => { setScope(value); setReviewing(null); }} />{" "}
            {label}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <div>
          <label htmlFor={`${id}-time`}>New start time</label>
          <TimeField id={`${id}-time`} value={time} onChange={(v) => { setTime(v); setReviewing(null); }} />
        </div>
        <div>
          <label htmlFor={`${id}-minutes`}>Length (minutes)</label>
          <input id={`${id}-minutes`} type="number" min={15} max={1440} step={15} value={minutes} onChange={(e) => { setMinutes(Number(e.target.value) || length); setReviewing(null); }} />
        </div>
        <div>
          <label htmlFor={`${id}-court`}>Court</label>
          <select id={`${id}-court`} value={court} onChange={(e) => { setCourt(e.target.value); setReviewing(null); }}>
            {courts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-note`}>Note</label>
          <input id={`${id}-note`} value={note} onChange={(e) => { setNote(e.target.value); setReviewing(null); }} />
        </div>
      </div>
      {refusal && (
        <div role="alert" className="error">
          <p>Nothing was changed. {refusal.text}</p>
          {refusal.dates.length > 0 && (
            <>
              <h4>Dates that would clash</h4>
              <ul aria-label="Clashing dates">
                {refusal.dates.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {reviewing ? (
        <div role="region" aria-label="Review the change">
          <p>
            {affected.length === 1 ? "1 occurrence" : `${affected.length} occurrences`} will move {changes.join(", ")} (times in {timeZone}):
          </p>
          <ul aria-label="Occurrences that change">
            {affected.map((o) => {
              const after = reviewing.occurrences?.find((n) => n.id === o.id) ?? o;
              return (
                <li key={o.id}>
                  {formatDateTime(o.start, timeZone)}–{formatTime(o.end, timeZone)} → {formatDateTime(after.start, timeZone)}–
                  {formatTime(after.end, timeZone)}
                </li>
              );
            })}
          </ul>
          <SeriesConflicts series={reviewing} timeZone={timeZone} />
          {reviewing.conflicts.length > 0 && <p className="error">These dates are taken at the new time: choose another time or court.</p>}
          <div className="row">
            <button type="button" disabled={reviewing.conflicts.length > 0} onClick={confirm}>
              Confirm the change
            </button>
            <button type="button" className="secondary" onClick={() => setReviewing(null)}>
              Back
            </button>
          </div>
        </div>
      ) : (
        <div className="row">
          <button type="button" disabled={changes.length === 0 || affected.length === 0} onClick={review}>
            Review the change
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
