import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { Booking, BookingType, Facility, MemberEntry, Resource, StaffBooking, StaffEntry } from "../../shared/api/types";
import { WordSelect } from "../../shared/WordSelect";
import { formatMoney } from "../../shared/money";
import { addDays, formatDateTime, formatTime, todayIn } from "../../shared/time";
import {
  bookingsCsv,
  facilityBookingPage,
  inviteMember,
  inviteStaff,
  listCourts,
  listMembers,
  listStaff,
  type BookingQuery,
  type StaffRole,
} from "./api";

const STATUSES: Booking["status"][] = ["confirmed", "checked_in", "completed", "cancelled", "no_show"];
const APPROVALS: Booking["approval_status"][] = ["not_required", "pending", "approved", "auto_approved", "rejected"];
const PAYMENTS: Booking["payment_status"][] = ["pending", "paid", "partial", "refunded", "waived"];
const TYPES: BookingType[] = ["open_play", "lesson", "league", "tournament", "private", "block", "maintenance"];
const PAGE = 25;

const words = (w: string) => w.replace(/_/g, " ");

/// Saves text as a file the browser downloads.
function saveFile(text: string, filename: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/// The facility's bookings over a range of local dates, filtered by court, status, approval,
/// payment and type, a page at a time, and the same selection as a CSV download; members and
/// staff with a search box; staff invited by email with a role (the invitation applies when that
/// person signs up, or at once if they have).
export function Lists({ api, facility }: { api: Api; facility: Facility }) {
  const today = todayIn(facility.timezone);
  const [query, setQuery] = useState<BookingQuery>({ from: today, to: addDays(today, 6) });
  const [cursors, setCursors] = useState<string[]>([]); // the cursor of each page shown before this one
  const [page, setPage] = useState<{ items: StaffBooking[]; next: string | null }>({ items: [], next: null });
  const [courts, setCourts] = useState<Resource[]>([]);
  const [members, setMembers] = useState<MemberEntry[]>([]);
  const [staff, setStaff] = useState<StaffEntry[]>([]);
  const [search, setSearch] = useState("");
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const latest = useRef(0);
  const cursor = cursors.length ? cursors[cursors.length - 1] : undefined;
  const loadBookings = useCallback(async () => {
    const mine = ++latest.current;
    try {
      const p = await facilityBookingPage(api, facility.id, query, cursor, PAGE);
      if (mine !== latest.current) return;
      setPage({ items: p.items, next: p.next_cursor ?? null });
    } catch (e) {
      if (mine === latest.current) setMessage({ error: true, text: messageOf(e) });
    }
  }, [api, facility.id, query, cursor]);

  const loadPeople = useCallback(async () => {
    try {
      const [c, m, s] = await Promise.all([listCourts(api, facility.id), listMembers(api, facility.id), listStaff(api, facility.id)]);
      setCourts(c);
      setMembers(m);
      setStaff(s);
    } catch (e) {
      setMessage({ error: true, text: messageOf(e) });
    }
  }, [api, facility.id]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- loadBookings() sets state only once its request answers
    loadBookings();
  }, [loadBookings]);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- loadPeople() sets state only once its requests answer
    loadPeople();
  }, [loadPeople]);

  const filter = (change: Partial<BookingQuery>) => {
    setMessage(null);
    setCursors([]);
    setQuery((q) => ({ ...q, ...change }));
  };

  const download = async () => {
    try {
      const file = await bookingsCsv(api, facility.id, query);
      saveFile(file.text, file.filename, "text/csv");
      setMessage({ error: false, text: `Downloaded ${file.filename}.` });
    } catch (e) {
      setMessage({ error: true, text: messageOf(e) });
    }
  };

  const q = search.trim().toLowerCase();
  const matches = (p: { name?: string; email?: string }) => !q || `${p.name ?? ""} ${p.email ?? ""}`.toLowerCase().includes(q);
  const court = (id: string) => courts.find((c) => c.id === id)?.name ?? "Court";

  return (
    <>
      <section className="panel" aria-labelledby="bookings-title">
        <h2 id="bookings-title">People and bookings</h2>
        <h3>Bookings</h3>
        {message && (
          <p role={message.error ? "alert" : "status"} className={message.error ? "error" : "success"}>
            {message.text}
          </p>
        )}
        <div className="row" role="group" aria-label="Filters">
          <div>
            <label htmlFor="list-from">From</label>
            <input id="list-from" type="date" value={query.from} onChange={(e) => e.target.value && filter({ from: e.target.value })} />
          </div>
          <div>
            <label htmlFor="list-to">To</label>
            <input id="list-to" type="date" value={query.to} onChange={(e) => e.target.value && filter({ to: e.target.value })} />
          </div>
          <div>
            <label htmlFor="list-court">Court</label>
            <select id="list-court" value={query.resource_id ?? ""} onChange={(e) => filter({ resource_id: e.target.value || undefined })}>
              <option value="">any</option>
              {courts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <WordSelect id="list-status" label="Status" value={query.status ?? ""} words={STATUSES} onChange={(v) => filter({ status: v || undefined })} any="any" />
          <WordSelect id="list-approval" label="Approval" value={query.approval_status ?? ""} words={APPROVALS} onChange={(v) => filter({ approval_status: v || undefined })} any="any" />
          <WordSelect id="list-payment" label="Payment" value={query.payment_status ?? ""} words={PAYMENTS} onChange={(v) => filter({ payment_status: v || undefined })} any="any" />
          <WordSelect id="list-type" label="Type" value={query.type ?? ""} words={TYPES} onChange={(v) => filter({ type: v || undefined })} any="any" />
        </div>
        <p className="row">
          <button type="button" onClick={download}>
            Download CSV
          </button>
          <span className="muted">Every booking of these dates and filters; times in {facility.timezone}.</span>
        </p>
        {/* A tab stop, so that a keyboard can scroll the table sideways on a narrow screen. */}
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Bookings, scrolls sideways">
          <table aria-label="Bookings">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Court</th>
                <th scope="col">Player</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col">Approval</th>
                <th scope="col">Payment</th>
                <th scope="col">Price</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((b) => (
                <tr key={b.id}>
                  <td>
                    {formatDateTime(b.start, facility.timezone)}–{formatTime(b.end, facility.timezone)}
                  </td>
                  <td>{court(b.resource_id)}</td>
                  <td>
                    {b.player ? (
                      <>
                        {b.player.name || b.player.email}{" "}
                        <span className="muted">{[b.player.email, b.player.phone].filter(Boolean).join(" · ")}</span>
                      </>
                    ) : b.user_id ? (
                      "An account since deleted"
                    ) : (
                      "The club"
                    )}
                  </td>
                  <td>{words(b.type)}</td>
                  <td>
                    <span className={`badge ${b.status}`}>{words(b.status)}</span>
                  </td>
                  <td>{words(b.approval_status)}</td>
                  <td>{words(b.payment_status)}</td>
                  <td>{formatMoney(b.price)}</td>
                </tr>
              ))}
              {page.items.length === 0 && (
                <tr>
                  <td colSpan={8} className="muted">
                    No bookings match.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <p className="row">
          <button type="button" className="secondary" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
            Previous page
          </button>
          <span className="muted">Page {cursors.length + 1}</span>
          <button type="button" className="secondary" disabled={!page.next} onClick={() => page.next && setCursors((c) => [...c, page.next as string])}>
            Next page
          </button>
        </p>
      </section>
      <section className="panel" aria-labelledby="lists-title">
        <h2 id="lists-title">Members and staff</h2>
        <div className="row">
          <div>
            <label htmlFor="list-search">Search by name or email</label>
            <input id="list-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </div>
        </div>
        <h3>Members</h3>
        <ul className="plain" aria-label="Members">
          {members.filter(matches).map((m) => (
            <li key={m.email}>
              <span>
                {m.name || m.email} <span className="muted">{m.email}</span>
              </span>
              <span className="badge">{m.status}</span>
            </li>
          ))}
          {members.filter(matches).length === 0 && <li className="muted">No members match.</li>}
        </ul>
        <h3>Staff</h3>
        <ul className="plain" aria-label="Staff">
          {staff.filter(matches).map((s) => (
            <li key={`${s.email}-${s.role}`}>
              <span>
                {s.name || s.email} <span className="muted">{s.email}</span>
              </span>
              <span className="badge">
                {s.role} · {s.status}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <Invite api={api} facility={facility} onDone={(t) => { setMessage({ error: false, text: t }); loadPeople(); }} onError={(t) => setMessage({ error: true, text: t })} />
    </>
  );
}

function Invite({ api, facility, onDone, onError }: { api: Api; facility: Facility; onDone: (t: string) => void; onError: (t: string) => void }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<StaffRole>("staff");
  const [kind, setKind] = useState<"staff" | "member">("staff");
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      if (kind === "staff") await inviteStaff(api, facility.id, email, role);
      else await inviteMember(api, facility.id, email);
      onDone(`${email} was invited.`);
      setEmail("");
    } catch (err) {
      onError(messageOf(err));
    }
  }
  return (
    <section className="panel" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite by email</h2>
      <form onSubmit={submit} className="row">
        <div>
          <label htmlFor="invite-email">Email</label>
          <input id="invite-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div>
          <label htmlFor="invite-kind">As</label>
          <select id="invite-kind" value={kind} onChange={(e) => setKind(e.target.value as "staff" | "member")}>
            <option value="staff">staff</option>
            <option value="member">member</option>
          </select>
        </div>
        {kind === "staff" && (
          <div>
            <label htmlFor="invite-role">Role</label>
            <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
              <option value="facility_manager">facility manager</option>
              <option value="staff">staff</option>
              <option value="coach">coach</option>
            </select>
          </div>
        )}
        <button type="submit">Send invitation</button>
      </form>
    </section>
  );
}
