import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { Booking, Facility, MemberEntry, StaffEntry } from "../../shared/api/types";
import { WordSelect } from "../../shared/WordSelect";
import { formatMoney } from "../../shared/money";
import { formatDateTime, todayIn } from "../../shared/time";
import { facilityBookings } from "../bookings/api";
import { inviteMember, inviteStaff, listMembers, listStaff, type StaffRole } from "./api";

const STATUSES: Booking["status"][] = ["confirmed", "checked_in", "completed", "cancelled", "no_show"];

/// Bookings of a day, members and staff, each with a search box and filters; staff invited by
/// email with a role (the invitation applies when that person signs up, or at once if they have).
export function Lists({ api, facility }: { api: Api; facility: Facility }) {
  const [date, setDate] = useState(todayIn(facility.timezone));
  const [bookings, setBookings] = useState<Booking[]>([]);
  const [members, setMembers] = useState<MemberEntry[]>([]);
  const [staff, setStaff] = useState<StaffEntry[]>([]);
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState("");
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const latest = useRef(0);
  const load = useCallback(async () => {
    const mine = ++latest.current;
    try {
      const day = await facilityBookings(api, facility.id, date);
      const m = await listMembers(api, facility.id);
      const s = await listStaff(api, facility.id);
      if (mine !== latest.current) return;
      setBookings(day);
      setMembers(m);
      setStaff(s);
    } catch (e) {
      setMessage({ error: true, text: messageOf(e) });
    }
  }, [api, facility.id, date]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- load() sets state only once its first request answers
    load();
  }, [load]);

  const q = search.trim().toLowerCase();
  const matches = (p: { name?: string; email?: string }) => !q || `${p.name ?? ""} ${p.email ?? ""}`.toLowerCase().includes(q);
  const who = (id: string) => members.find((m) => m.user_id === id) ?? staff.find((s) => s.user_id === id);
  const shownBookings = bookings.filter((b) => (!status || b.status === status) && (!q || matches(who(b.user_id) ?? {})));

  return (
    <>
      <section className="panel" aria-labelledby="lists-title">
        <h2 id="lists-title">People and bookings</h2>
        {message && (
          <p role={message.error ? "alert" : "status"} className={message.error ? "error" : "success"}>
            {message.text}
          </p>
        )}
        <div className="row">
          <div>
            <label htmlFor="list-search">Search by name or email</label>
            <input id="list-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </div>
          <div>
            <label htmlFor="list-date">Bookings on</label>
            <input id="list-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </div>
          <WordSelect id="list-status" label="Status" value={status} words={STATUSES} onChange={setStatus} any="any" />
        </div>
        <h3>Bookings</h3>
        <ul className="plain" aria-label="Bookings">
          {shownBookings.map((b) => (
            <li key={b.id}>
              <span>
                {formatDateTime(b.start, facility.timezone)} · {who(b.user_id)?.name ?? "Player"} · {formatMoney(b.price)}
              </span>
              <span className={`badge ${b.status}`}>{b.status.replace("_", " ")}</span>
            </li>
          ))}
          {shownBookings.length === 0 && <li className="muted">No bookings match.</li>}
        </ul>
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
      <Invite api={api} facility={facility} onDone={(t) => { setMessage({ error: false, text: t }); load(); }} onError={(t) => setMessage({ error: true, text: t })} />
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
