import { useCallback, useRef, useState, type FormEvent } from "react";
import { messageOf, type Api } from "../shared/api";
import { slotAt } from "../shared/slots";
import { addDays, formatTime, todayIn } from "../shared/time";
import type { Booking, Facility, Page, Resource } from "../shared/types";
import { useLiveReload } from "../shared/useLiveReload";

interface Block {
  id: string;
  resource_id: string;
  start: string;
  end: string;
  reason: string;
}

interface Member {
  user_id: string | null;
  email: string;
  name: string;
  status: string;
}

/// The desk's view of one day: every court as a row with its bookings and blocks in time order,
/// coloured by status, with check-in, no-show and cancel; book for a member; block a court.
export function DaySheet({ api, facility }: { api: Api; facility: Facility }) {
  const tz = facility.timezone;
  const [date, setDate] = useState(todayIn(tz));
  const [resources, setResources] = useState<Resource[]>([]);
  const [bookings, setBookings] = useState<Booking[]>([]);
  const [blocks, setBlocks] = useState<Block[]>([]);
  const [members, setMembers] = useState<Member[]>([]);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const latest = useRef(0);

  // Reads everything first and shows it only if no newer load started meanwhile, so a slow answer
  // for the day before never overwrites the day now chosen.
  const load = useCallback(async () => {
    const mine = ++latest.current;
    try {
      const [rs, day, dayBlocks, people] = await Promise.all([
        api.get<Page<Resource>>(`/api/v1/facilities/${facility.id}/resources`),
        api.get<Page<Booking>>(`/api/v1/facilities/${facility.id}/bookings?date=${date}`),
        api.get<Page<Block>>(`/api/v1/facilities/${facility.id}/blocks?date=${date}`),
        api.get<Page<Member>>(`/api/v1/facilities/${facility.id}/members`),
      ]);
      if (mine !== latest.current) return;
      setResources(rs.items);
      setBookings(day.items);
      setBlocks(dayBlocks.items);
      setMembers(people.items);
    } catch (e) {
      if (mine === latest.current) setMessage({ error: true, text: messageOf(e) });
    }
  }, [api, facility.id, date]);

  useLiveReload(facility.id, load);

  const act = async (fn: () => Promise<unknown>, text: string) => {
    setMessage(null);
    try {
      await fn();
      setMessage({ error: false, text });
      await load();
    } catch (e) {
      setMessage({ error: true, text: messageOf(e) });
    }
  };

  const nameOf = (userId: string) => members.find((m) => m.user_id === userId)?.name ?? "Player";

  return (
    <>
      <section className="panel" aria-labelledby="sheet-title">
        <h2 id="sheet-title">Day sheet</h2>
        <div className="row">
          <div>
            <label htmlFor="sheet-date">Date</label>
            <input id="sheet-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </div>
          <button type="button" className="secondary" onClick={() => setDate(addDays(date, -1))}>
            Previous day
          </button>
          <button type="button" className="secondary" onClick={() => setDate(addDays(date, 1))}>
            Next day
          </button>
        </div>
        <p className="muted">Times in {tz}.</p>
        {message && (
          <p role={message.error ? "alert" : "status"} className={message.error ? "error" : "success"}>
            {message.text}
          </p>
        )}
        <table className="sheet">
          <caption className="muted" style={{ textAlign: "left" }}>
            Bookings and blocks on {date}
          </caption>
          <thead>
            <tr>
              <th scope="col">Court</th>
              <th scope="col">Bookings and blocks</th>
            </tr>
          </thead>
          <tbody>
            {resources.map((r) => {
              const items = [
                ...bookings.filter((b) => b.resource_id === r.id).map((b) => ({ at: b.start, booking: b })),
                ...blocks.filter((b) => b.resource_id === r.id).map((b) => ({ at: b.start, block: b })),
              ].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
              return (
                <tr key={r.id}>
                  <th scope="row">{r.name}</th>
                  <td>
                    <Timeline items={items.map((i) => ("booking" in i ? { ...i.booking, kind: i.booking.status } : { ...i.block, kind: "block" }))} tz={tz} />
                    {items.length === 0 && <span className="muted">Free all day</span>}
                    {items.map((i) =>
                      "booking" in i && i.booking ? (
                        <div key={i.booking.id} className={`booking-card ${i.booking.status}`}>
                          <strong>
                            {formatTime(i.booking.start, tz)}–{formatTime(i.booking.end, tz)}
                          </strong>{" "}
                          {nameOf(i.booking.user_id)} · {i.booking.type.replace("_", " ")} ·{" "}
                          <span className={`badge ${i.booking.status}`}>{i.booking.status.replace("_", " ")}</span>
                          {i.booking.approval_status === "pending" && <span className="badge">awaiting approval</span>}
                          {i.booking.status === "confirmed" && (
                            <div className="row" style={{ marginTop: 4 }}>
                              {i.booking.approval_status === "pending" ? (
                                <button type="button" onClick={() => act(() => api.post(`/api/v1/bookings/${i.booking!.id}/approve`), "Approved.")}>
                                  Approve {formatTime(i.booking.start, tz)} on {r.name}
                                </button>
                              ) : (
                                <button type="button" onClick={() => act(() => api.post(`/api/v1/bookings/${i.booking!.id}/check-in`), "Checked in.")}>
                                  Check in {formatTime(i.booking.start, tz)} on {r.name}
                                </button>
                              )}
                              {new Date(i.booking.start).getTime() <= Date.now() && (
                                <button type="button" className="secondary" onClick={() => act(() => api.post(`/api/v1/bookings/${i.booking!.id}/no-show`), "Marked as a no-show.")}>
                                  No-show {formatTime(i.booking.start, tz)} on {r.name}
                                </button>
                              )}
                              <button
                                type="button"
                                className="danger"
                                onClick={() =>
                                  act(() => api.post(`/api/v1/bookings/${i.booking!.id}/cancel`, { reason: "Cancelled at the desk" }), "Cancelled.")
                                }
                              >
                                Cancel {formatTime(i.booking.start, tz)} on {r.name}
                              </button>
                            </div>
                          )}
                        </div>
                      ) : "block" in i && i.block ? (
                        <div key={i.block.id} className="booking-card block">
                          <strong>
                            {formatTime(i.block.start, tz)}–{formatTime(i.block.end, tz)}
                          </strong>{" "}
                          Maintenance: {i.block.reason}{" "}
                          <button type="button" className="secondary" onClick={() => act(() => api.del(`/api/v1/blocks/${i.block!.id}`), "Block removed.")}>
                            Remove block {formatTime(i.block.start, tz)} on {r.name}
                          </button>
                        </div>
                      ) : null,
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <BookForMember api={api} facility={facility} date={date} resources={resources} members={members} onDone={(t) => act(async () => {}, t)} onError={(t) => setMessage({ error: true, text: t })} />
      <BlockCourt api={api} facility={facility} date={date} resources={resources} onDone={(t) => act(async () => {}, t)} onError={(t) => setMessage({ error: true, text: t })} />
    </>
  );
}

/// Minutes after local midnight of an instant, in the facility's zone.
function localMinutes(iso: string, tz: string): number {
  const [h, m] = formatTime(iso, tz).split(":").map(Number);
  return h * 60 + m;
}

/// The court's day at a glance, 06:00 to 24:00: one bar per booking or block, coloured by status.
/// The list under it says the same in words, so the bar is hidden from screen readers.
function Timeline({ items, tz }: { items: { id: string; start: string; end: string; kind: string }[]; tz: string }) {
  const from = 6 * 60;
  const span = 18 * 60;
  return (
    <div className="timeline" aria-hidden="true">
      {[6, 9, 12, 15, 18, 21].map((h) => (
        <span key={h} className="tick" style={{ left: `${((h * 60 - from) / span) * 100}%` }}>
          {String(h).padStart(2, "0")}
        </span>
      ))}
      {items.map((i) => {
        const start = Math.max(localMinutes(i.start, tz), from);
        let end = localMinutes(i.end, tz);
        if (end <= start) end = 24 * 60;
        return (
          <span
            key={i.id}
            className={`bar ${i.kind}`}
            style={{ left: `${((start - from) / span) * 100}%`, width: `${((end - start) / span) * 100}%` }}
          />
        );
      })}
    </div>
  );
}

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
        <input id={`${prefix}-time`} type="time" step={1800} value={time} onChange={(e) => setTime(e.target.value)} />
      </div>
      <div>
        <label htmlFor={`${prefix}-minutes`}>Minutes</label>
        <input id={`${prefix}-minutes`} type="number" min={30} step={30} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} />
      </div>
    </>
  );
}

function BookForMember({
  api,
  facility,
  date,
  resources,
  members,
  onDone,
  onError,
}: {
  api: Api;
  facility: Facility;
  date: string;
  resources: Resource[];
  members: Member[];
  onDone: (t: string) => void;
  onError: (t: string) => void;
}) {
  const [court, setCourt] = useState("");
  const [member, setMember] = useState("");
  const [time, setTime] = useState("18:00");
  const [minutes, setMinutes] = useState(60);
  const [type, setType] = useState("open_play");

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const resourceId = court || resources[0]?.id;
      const slot = await slotAt(api, facility.id, resourceId, date, time, minutes);
      if (!slot) return onError("That time is outside the opening hours or off the slot grid.");
      await api.post(`/api/v1/facilities/${facility.id}/bookings`, {
        resource_id: resourceId,
        start: slot.start,
        end: slot.end,
        type,
        ...(member ? { user_id: member } : {}),
      });
      onDone("Booked.");
    } catch (err) {
      onError(messageOf(err));
    }
  }

  return (
    <section className="panel" aria-labelledby="book-member-title">
      <h2 id="book-member-title">Book for a member</h2>
      <form onSubmit={submit} className="row">
        <div>
          <label htmlFor="bm-member">Member</label>
          <select id="bm-member" value={member} onChange={(e) => setMember(e.target.value)}>
            <option value="">(the club itself)</option>
            {members
              .filter((m) => m.user_id)
              .map((m) => (
                <option key={m.user_id} value={m.user_id!}>
                  {m.name || m.email}
                </option>
              ))}
          </select>
        </div>
        <CourtTime prefix="bm" timeLabel="Start" {...{ resources, court, setCourt, time, setTime, minutes, setMinutes }} />
        <div>
          <label htmlFor="bm-type">Type</label>
          <select id="bm-type" value={type} onChange={(e) => setType(e.target.value)}>
            {["open_play", "lesson", "league", "tournament", "private"].map((t) => (
              <option key={t} value={t}>
                {t.replace("_", " ")}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Book</button>
      </form>
    </section>
  );
}

function BlockCourt({
  api,
  facility,
  date,
  resources,
  onDone,
  onError,
}: {
  api: Api;
  facility: Facility;
  date: string;
  resources: Resource[];
  onDone: (t: string) => void;
  onError: (t: string) => void;
}) {
  const [court, setCourt] = useState("");
  const [from, setFrom] = useState("12:00");
  const [minutes, setMinutes] = useState(60);
  const [reason, setReason] = useState("");
  const [force, setForce] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const resourceId = court || resources[0]?.id;
      const slot = await slotAt(api, facility.id, resourceId, date, from, minutes);
      if (!slot) return onError("That time is outside the opening hours or off the slot grid.");
      await api.post(`/api/v1/resources/${resourceId}/blocks`, { start: slot.start, end: slot.end, reason, force });
      onDone("Court blocked.");
    } catch (err) {
      onError(messageOf(err));
    }
  }

  return (
    <section className="panel" aria-labelledby="block-title">
      <h2 id="block-title">Block a court for maintenance</h2>
      <form onSubmit={submit} className="row">
        <CourtTime prefix="bl" timeLabel="From" time={from} setTime={setFrom} {...{ resources, court, setCourt, minutes, setMinutes }} />
        <div>
          <label htmlFor="bl-reason">Reason</label>
          <input id="bl-reason" value={reason} required onChange={(e) => setReason(e.target.value)} />
        </div>
        <div>
          <label htmlFor="bl-force">
            <input id="bl-force" type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} style={{ width: "auto" }} /> Cancel bookings in the way (full refund)
          </label>
        </div>
        <button type="submit">Block court</button>
      </form>
    </section>
  );
}
