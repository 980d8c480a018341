import { useEffect, useRef, useState, type FormEvent } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { BookingType, Facility, MemberEntry, Resource, Series } from "../../shared/api/types";
import { WordSelect } from "../../shared/WordSelect";
import { slotAt } from "../availability/api";
import { createSeries, weeklyOn } from "../bookings/api";
import { blockCourt, bookAtDesk } from "./api";
import { MemberPicker } from "./MemberPicker";
import { isTime, TimeField } from "../../shared/TimeField";
import { SeriesPanel } from "./SeriesPanel";

const DESK_BOOKING_TYPES: BookingType[] = ["open_play", "lesson", "league", "tournament", "private"];

/// Court, start time and length: the fields both desk forms share.
function CourtTime({
  prefix,
  timeLabel,
  resources,
  court,
  setCourt,
  time,
  setTime,
  minutes,
  setMinutes,
}: {
  prefix: string;
  timeLabel: string;
  resources: Resource[];
  court: string;
  setCourt: (v: string) => void;
  time: string;
  setTime: (v: string) => void;
  minutes: number;
  setMinutes: (v: number) => void;
}) {
  return (
    <>
      <div>
        <label htmlFor={`${prefix}-court`}>Court</label>
        <select id={`${prefix}-court`} value={court} onChange={(e) => setCourt(e.target.value)}>
          {resources.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${prefix}-time`}>{timeLabel}</label>
        <TimeField id={`${prefix}-time`} value={time} onChange={setTime} />
      </div>
      <div>
        <label htmlFor={`${prefix}-minutes`}>Minutes</label>
        <input id={`${prefix}-minutes`} type="number" min={30} step={30} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} />
      </div>
    </>
  );
}

/// A court and time chosen on the calendar, which the form opens with.
export interface Preset {
  court: string;
  time: string;
  minutes: number;
}

/// What both desk forms get from the calendar: the day and its courts, where to report, and
/// the court and time chosen on the calendar, if any.
interface DeskFormProps {
  api: Api;
  facility: Facility;
  date: string;
  resources: Resource[];
  preset?: Preset;
  onDone: (t: string) => void;
  onError: (t: string) => void;
}

/// A form opened from the calendar comes into view with its first field focused.
function useShowWhenPreset(preset: Preset | undefined) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!preset || !ref.current) return;
    ref.current.scrollIntoView?.({ block: "nearest" });
    (ref.current.querySelector<HTMLElement>("[data-first]") ?? ref.current.querySelector<HTMLElement>("input, select"))?.focus();
  }, [preset]);
  return ref;
}

export function BookForMember({
  api,
  facility,
  date,
  resources,
  members,
  preset,
  onDone,
  onError,
}: DeskFormProps & { members: MemberEntry[] }) {
  const [court, setCourt] = useState(preset?.court ?? "");
  const [member, setMember] = useState("");
  const [time, setTime] = useState(preset?.time ?? "18:00");
  const [minutes, setMinutes] = useState(preset?.minutes ?? 60);
  const ref = useShowWhenPreset(preset);
  const [type, setType] = useState<BookingType>("open_play");
  const [repeat, setRepeat] = useState(false);
  const [until, setUntil] = useState("");
  const [series, setSeries] = useState<Series | null>(null);
  const weekday = new Intl.DateTimeFormat("en-US", { weekday: "long", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      if (!isTime(time)) return onError("Give the start as HH:MM on the 24-hour clock, e.g. 18:00.");
      const resourceId = court || resources[0]?.id;
      const slot = await slotAt(api, facility.id, resourceId, date, time, minutes);
      if (!slot) return onError("That time is outside the opening hours or off the slot grid.");
      const booking = { resource_id: resourceId, start: slot.start, end: slot.end, type, ...(member ? { user_id: member } : {}) };
      if (repeat) {
        if (!until || until < date) return onError("Choose the last date of the series, on or after the first.");
        const made = await createSeries(api, { ...booking, rrule: weeklyOn(date), until });
        setSeries(made);
        const n = made.occurrences?.length ?? 0;
        return onDone(`Weekly series booked: ${n} occurrence${n === 1 ? "" : "s"}${made.conflicts.length ? `, ${made.conflicts.length} date(s) could not be booked` : ""}.`);
      }
      setSeries(null);
      await bookAtDesk(api, facility.id, booking);
      onDone("Booked.");
    } catch (err) {
      onError(messageOf(err));
    }
  }

  return (
    <section className="panel" aria-labelledby="book-member-title" ref={ref}>
      <h2 id="book-member-title">Book for a member</h2>
      <form onSubmit={submit} className="row">
        <MemberPicker id="bm-member" members={members} value={member} onChange={setMember} />
        <CourtTime prefix="bm" timeLabel="Start" {...{ resources, court, setCourt, time, setTime, minutes, setMinutes }} />
        <WordSelect id="bm-type" label="Type" value={type} words={DESK_BOOKING_TYPES} onChange={setType} />
        <div>
          <label htmlFor="bm-repeat">
            <input id="bm-repeat" type="checkbox" checked={repeat} onChange={(e) => setRepeat(e.target.checked)} /> Repeat weekly
            on {weekday}s
          </label>
          {repeat && (
            <>
              <label htmlFor="bm-until">Repeat weekly until</label>
              <input id="bm-until" type="date" min={date} value={until} required onChange={(e) => setUntil(e.target.value)} />
            </>
          )}
        </div>
        <button type="submit">{repeat ? "Book the series" : "Book"}</button>
      </form>
      {series && (
        <SeriesPanel
          api={api}
          series={series}
          timeZone={facility.timezone}
          onChanged={(s, text) => {
            setSeries(s);
            onDone(text);
          }}
        />
      )}
    </section>
  );
}

export function BlockCourt({ api, facility, date, resources, preset, onDone, onError }: DeskFormProps) {
  const [court, setCourt] = useState(preset?.court ?? "");
  const [from, setFrom] = useState(preset?.time ?? "12:00");
  const [minutes, setMinutes] = useState(preset?.minutes ?? 60);
  const ref = useShowWhenPreset(preset);
  const [reason, setReason] = useState("");
  const [force, setForce] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      if (!isTime(from)) return onError("Give the start as HH:MM on the 24-hour clock, e.g. 12:00.");
      const resourceId = court || resources[0]?.id;
      const slot = await slotAt(api, facility.id, resourceId, date, from, minutes);
      if (!slot) return onError("That time is outside the opening hours or off the slot grid.");
      await blockCourt(api, resourceId, { start: slot.start, end: slot.end, reason, force });
      onDone("Court blocked.");
    } catch (err) {
      onError(messageOf(err));
    }
  }

  return (
    <section className="panel" aria-labelledby="block-title" ref={ref}>
      <h2 id="block-title">Block a court for maintenance</h2>
      <form onSubmit={submit} className="row">
        <CourtTime prefix="bl" timeLabel="From" time={from} setTime={setFrom} {...{ resources, court, setCourt, minutes, setMinutes }} />
        <div>
          <label htmlFor="bl-reason">Reason</label>
          <input id="bl-reason" data-first value={reason} required onChange={(e) => setReason(e.target.value)} />
        </div>
        <div>
          <label htmlFor="bl-force">
            <input id="bl-force" type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Cancel bookings in the way (full refund)
          </label>
        </div>
        <button type="submit">Block court</button>
      </form>
    </section>
  );
}
