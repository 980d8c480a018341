import { useCallback, useRef, useState } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { Block, Booking, Facility, MemberEntry, Resource } from "../../shared/api/types";
import { formatMoney } from "../../shared/money";
import { addDays, formatTime, todayIn } from "../../shared/time";
import { useLiveReload } from "../../shared/useLiveReload";
import { cancelBooking, checkIn, facilityBookings } from "../bookings/api";
import { listResources } from "../facilities/api";
import { listMembers } from "../lists/api";
import { BookingPayments } from "../payments";
import { approveBooking, listBlocks, markNoShow, rejectBooking, removeBlock } from "./api";
import { BlockCourt, BookForMember } from "./DeskForms";
import { RejectBooking } from "./RejectBooking";
import { Timeline } from "./Timeline";

/// The desk's view of one day: every court as a row with its bookings and blocks in time order,
/// coloured by status, with check-in, no-show and cancel, and each booking's payments; book for a
/// member; block a court.
export function DaySheet({ api, facility }: { api: Api; facility: Facility }) {
  const tz = facility.timezone;
  const [date, setDate] = useState(todayIn(tz));
  const [resources, setResources] = useState<Resource[]>([]);
  const [bookings, setBookings] = useState<Booking[]>([]);
  const [blocks, setBlocks] = useState<Block[]>([]);
  const [members, setMembers] = useState<MemberEntry[]>([]);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [paying, setPaying] = useState<string | null>(null);
  const latest = useRef(0);

  // Reads everything first and shows it only if no newer load started meanwhile, so a slow answer
  // for the day before never overwrites the day now chosen.
  const load = useCallback(async () => {
    const mine = ++latest.current;
    try {
      const [rs, day, dayBlocks, people] = await Promise.all([
        listResources(api, facility.id),
        facilityBookings(api, facility.id, date),
        listBlocks(api, facility.id, date),
        listMembers(api, facility.id),
      ]);
      if (mine !== latest.current) return;
      setResources(rs);
      setBookings(day);
      setBlocks(dayBlocks);
      setMembers(people);
    } catch (e) {
      if (mine === latest.current) setMessage({ error: true, text: messageOf(e) });
    }
  }, [api, facility.id, date]);

  useLiveReload(facility.id, load);

  const act = async <T,>(fn: () => Promise<T>, text: string | ((result: T) => string)) => {
    setMessage(null);
    try {
      const result = await fn();
      setMessage({ error: false, text: typeof text === "string" ? text : text(result) });
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
                          {i.booking.approval_status === "rejected" && (
                            <>
                              {" "}
                              <span className="badge cancelled">rejected</span> {i.booking.cancel_reason}
                              {i.booking.refund_amount != null && (
                                <> · refunded {formatMoney({ amount: i.booking.refund_amount, currency: i.booking.price.currency })}</>
                              )}
                            </>
                          )}
                          {i.booking.status === "confirmed" && (
                            <div className="row" style={{ marginTop: 4 }}>
                              {i.booking.approval_status === "pending" ? (
                                <>
                                  <button type="button" onClick={() => act(() => approveBooking(api, i.booking!.id), "Approved.")}>
                                    Approve {formatTime(i.booking.start, tz)} on {r.name}
                                  </button>
                                  <button
                                    type="button"
                                    className="secondary"
                                    aria-expanded={rejecting === i.booking.id}
                                    onClick={() => setRejecting(rejecting === i.booking!.id ? null : i.booking!.id)}
                                  >
                                    Reject {formatTime(i.booking.start, tz)} on {r.name}
                                  </button>
                                </>
                              ) : (
                                <button type="button" onClick={() => act(() => checkIn(api, i.booking!.id), "Checked in.")}>
                                  Check in {formatTime(i.booking.start, tz)} on {r.name}
                                </button>
                              )}
                              {new Date(i.booking.start).getTime() <= Date.now() && (
                                <button type="button" className="secondary" onClick={() => act(() => markNoShow(api, i.booking!.id), "Marked as a no-show.")}>
                                  No-show {formatTime(i.booking.start, tz)} on {r.name}
                                </button>
                              )}
                              <button
                                type="button"
                                className="danger"
                                onClick={() =>
                                  act(() => cancelBooking(api, i.booking!.id, "Cancelled at the desk"), "Cancelled.")
                                }
                              >
                                Cancel {formatTime(i.booking.start, tz)} on {r.name}
                              </button>
                            </div>
                          )}
                          <div className="row" style={{ marginTop: 4 }}>
                            <button
                              type="button"
                              className="secondary"
                              aria-expanded={paying === i.booking.id}
                              onClick={() => setPaying(paying === i.booking!.id ? null : i.booking!.id)}
                            >
                              Payments {formatTime(i.booking.start, tz)} on {r.name}
                            </button>
                          </div>
                          {paying === i.booking.id && (
                            <BookingPayments
                              api={api}
                              booking={i.booking}
                              facility={facility}
                              what={`${formatTime(i.booking.start, tz)} on ${r.name}`}
                              onChanged={(text) => act(async () => {}, text)}
                            />
                          )}
                          {rejecting === i.booking.id && i.booking.approval_status === "pending" && (
                            <RejectBooking
                              what={`${formatTime(i.booking.start, tz)} on ${r.name}`}
                              onClose={() => setRejecting(null)}
                              onReject={(reason) =>
                                act(
                                  async () => {
                                    const { booking } = await rejectBooking(api, i.booking!.id, reason);
                                    setRejecting(null);
                                    return booking;
                                  },
                                  (b) =>
                                    `Rejected and cancelled; refund ${formatMoney({ amount: b.refund_amount ?? 0, currency: b.price.currency })}.`,
                                )
                              }
                            />
                          )}
                        </div>
                      ) : "block" in i && i.block ? (
                        <div key={i.block.id} className="booking-card block">
                          <strong>
                            {formatTime(i.block.start, tz)}–{formatTime(i.block.end, tz)}
                          </strong>{" "}
                          Maintenance: {i.block.reason}{" "}
                          <button type="button" className="secondary" onClick={() => act(() => removeBlock(api, i.block!.id), "Block removed.")}>
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
