import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { Facility } from "../../shared/api/types";
import { WordSelect } from "../../shared/WordSelect";
import { formatDateTime } from "../../shared/time";
import {
  addPlayer,
  decideJoinRequest,
  invitePlayer,
  listPlayers,
  pendingInvitations,
  pendingJoinRequests,
  resendInvitation,
  revokeInvitation,
  setPlayerStatus,
  type JoinRequest,
  type PlayerInvitation,
  type RosterEntry,
  type RosterStatus,
} from "./api";

const STATUSES: RosterStatus[] = ["active", "pending", "invited", "inactive"];

type Note = { error: boolean; text: string } | null;

/// The players of a facility: the roster (status filter, search, active/inactive), inviting by
/// e-mail, adding a player by hand, the pending invitations and the join requests.
export function Players({ api, facility }: { api: Api; facility: Facility }) {
  const [status, setStatus] = useState<RosterStatus | "">("");
  const [search, setSearch] = useState("");
  const [roster, setRoster] = useState<RosterEntry[] | null>(null);
  const [invitations, setInvitations] = useState<PlayerInvitation[]>([]);
  const [requests, setRequests] = useState<JoinRequest[]>([]);
  const [note, setNote] = useState<Note>(null);

  // Each keystroke of the search asks again: an older answer never overwrites a newer one.
  const latest = useRef(0);
  const loadRoster = useCallback(async () => {
    const mine = ++latest.current;
    try {
      const found = await listPlayers(api, facility.id, status, search);
      if (mine === latest.current) setRoster(found);
    } catch (e) {
      if (mine === latest.current) setNote({ error: true, text: messageOf(e) });
    }
  }, [api, facility.id, status, search]);

  const loadPending = useCallback(async () => {
    try {
      const [i, r] = await Promise.all([pendingInvitations(api, facility.id), pendingJoinRequests(api, facility.id)]);
      setInvitations(i);
      setRequests(r);
    } catch (e) {
      setNote({ error: true, text: messageOf(e) });
    }
  }, [api, facility.id]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- loadRoster() sets state only once its request answers
    loadRoster();
  }, [loadRoster]);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- loadPending() sets state only once its requests answer
    loadPending();
  }, [loadPending]);

  /// Runs a change, says how it went, and reads the lists again.
  const act = async (change: () => Promise<string>) => {
    try {
      const text = await change();
      setNote({ error: false, text });
      await Promise.all([loadRoster(), loadPending()]);
      return true;
    } catch (e) {
      setNote({ error: true, text: messageOf(e) });
      return false;
    }
  };

  const name = (p: { name: string; email: string }) => p.name || p.email;

  return (
    <>
      <section className="panel" aria-labelledby="players-title">
        <h2 id="players-title">Players</h2>
        {note && (
          <p role={note.error ? "alert" : "status"} className={note.error ? "error" : "success"}>
            {note.text}
          </p>
        )}
        <div className="row" role="group" aria-label="Filters">
          <WordSelect id="players-status" label="Status" value={status} words={STATUSES} onChange={(v) => setStatus(v)} any="any" />
          <div>
            <label htmlFor="players-search">Search by name or e-mail</label>
            <input id="players-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </div>
        </div>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Roster, scrolls sideways">
          <table aria-label="Roster">
            <thead>
              <tr>
                <th scope="col">Player</th>
                <th scope="col">E-mail</th>
                <th scope="col">Status</th>
                <th scope="col">Joined</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {roster?.map((p) => (
                <tr key={`${p.user_id ?? ""}-${p.email}`}>
                  <td>{name(p)}</td>
                  <td>{p.email}</td>
                  <td>
                    <span className="badge">{p.status}</span>
                  </td>
                  <td>{p.joined_at ? formatDateTime(p.joined_at, facility.timezone) : "—"}</td>
                  <td>
                    {p.user_id && (p.status === "active" || p.status === "inactive") && (
                      <button
                        type="button"
                        className="secondary"
                        aria-label={`${p.status === "active" ? "Make inactive" : "Make active"}: ${name(p)}`}
                        onClick={() =>
                          act(async () => {
                            const next = p.status === "active" ? "inactive" : "active";
                            await setPlayerStatus(api, facility.id, p.user_id as string, next);
                            return `${name(p)} is now ${next}.`;
                          })
                        }
                      >
                        {p.status === "active" ? "Make inactive" : "Make active"}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
              {roster === null ? (
                <tr>
                  <td colSpan={5} className="muted">
                    Loading…
                  </td>
                </tr>
              ) : (
                roster.length === 0 && (
                  <tr>
                    <td colSpan={5} className="muted">
                      No players match.
                    </td>
                  </tr>
                )
              )}
            </tbody>
          </table>
        </div>
      </section>

      <JoinRequests requests={requests} timezone={facility.timezone} act={act} api={api} />

      <section className="panel" aria-labelledby="invitations-title">
        <h2 id="invitations-title">Pending invitations</h2>
        <ul className="plain" aria-label="Pending invitations">
          {invitations.map((i) => (
            <li key={i.id}>
              <span>
                {i.email}{" "}
                <span className="muted">{i.expires_at ? `until ${formatDateTime(i.expires_at, facility.timezone)}` : ""}</span>
              </span>
              <span className="row">
                <button
                  type="button"
                  className="secondary"
                  aria-label={`Resend the invitation to ${i.email}`}
                  onClick={() => act(async () => (await resendInvitation(api, i.id), `The invitation to ${i.email} was sent again.`))}
                >
                  Resend
                </button>
                <button
                  type="button"
                  className="secondary"
                  aria-label={`Revoke the invitation to ${i.email}`}
                  onClick={() => act(async () => (await revokeInvitation(api, i.id), `The invitation to ${i.email} was revoked.`))}
                >
                  Revoke
                </button>
              </span>
            </li>
          ))}
          {invitations.length === 0 && <li className="muted">No invitations are waiting.</li>}
        </ul>
      </section>

      <InvitePlayer act={act} api={api} facility={facility} />
      <AddPlayer act={act} api={api} facility={facility} />
    </>
  );
}

type Act = (change: () => Promise<string>) => Promise<boolean>;

function JoinRequests({ api, requests, timezone, act }: { api: Api; requests: JoinRequest[]; timezone: string; act: Act }) {
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  return (
    <section className="panel" aria-labelledby="join-requests-title">
      <h2 id="join-requests-title">Join requests</h2>
      <ul className="plain" aria-label="Join requests">
        {requests.map((r) => (
          <li key={r.id}>
            <span>
              {r.name || r.email} <span className="muted">{r.email}</span>{" "}
              <span className="muted">asked {formatDateTime(r.created_at, timezone)}</span>
              {r.message && <span className="hint"> “{r.message}”</span>}
            </span>
            {rejecting === r.id ? (
              <form
                className="row"
                onSubmit={async (e: FormEvent) => {
                  e.preventDefault();
                  const done = await act(async () => {
                    await decideJoinRequest(api, r.id, "reject", reason.trim() || undefined);
                    return `The request of ${r.name || r.email} was rejected.`;
                  });
                  if (done) {
                    setRejecting(null);
                    setReason("");
                  }
                }}
              >
                <div>
                  <label htmlFor={`reject-reason-${r.id}`}>Reason (optional, sent to the player)</label>
                  <input id={`reject-reason-${r.id}`} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
                </div>
                <button type="submit" className="danger">
                  Reject
                </button>
                <button type="button" className="secondary" onClick={() => setRejecting(null)}>
                  Cancel
                </button>
              </form>
            ) : (
              <span className="row">
                <button
                  type="button"
                  aria-label={`Approve ${r.name || r.email}`}
                  onClick={() => act(async () => (await decideJoinRequest(api, r.id, "approve"), `${r.name || r.email} is now a player of the club.`))}
                >
                  Approve
                </button>
                <button type="button" className="secondary" aria-label={`Reject ${r.name || r.email}`} onClick={() => setRejecting(r.id)}>
                  Reject…
                </button>
              </span>
            )}
          </li>
        ))}
        {requests.length === 0 && <li className="muted">No one is asking to join.</li>}
      </ul>
    </section>
  );
}

function InvitePlayer({ api, facility, act }: { api: Api; facility: Facility; act: Act }) {
  const [email, setEmail] = useState("");
  return (
    <section className="panel" aria-labelledby="invite-player-title">
      <h2 id="invite-player-title">Invite by e-mail</h2>
      <p className="muted">The player gets a link to join the club; it works once, for seven days.</p>
      <form
        className="row"
        onSubmit={async (e) => {
          e.preventDefault();
          const sent = email.trim();
          if (await act(async () => (await invitePlayer(api, facility.id, sent), `An invitation was sent to ${sent}.`))) setEmail("");
        }}
      >
        <div>
          <label htmlFor="invite-player-email">E-mail</label>
          <input id="invite-player-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <button type="submit">Send invitation</button>
      </form>
    </section>
  );
}

function AddPlayer({ api, facility, act }: { api: Api; facility: Facility; act: Act }) {
  const empty = { email: "", first_name: "", last_name: "", phone: "" };
  const [draft, setDraft] = useState(empty);
  const [isNew, setIsNew] = useState(false);
  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  return (
    <section className="panel" aria-labelledby="add-player-title">
      <h2 id="add-player-title">Add a player</h2>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const email = draft.email.trim();
          const body = isNew
            ? { email, first_name: draft.first_name.trim(), last_name: draft.last_name.trim(), ...(draft.phone.trim() ? { phone: draft.phone.trim() } : {}) }
            : { email };
          const done = await act(async () => {
            const p = await addPlayer(api, facility.id, body);
            return isNew ? `${p.name || email} was added and sent an e-mail to set a password.` : `${p.name || email} was added.`;
          });
          if (done) setDraft(empty);
        }}
      >
        <fieldset>
          <legend>Who</legend>
          <label className="check">
            <input type="radio" name="add-player-kind" checked={!isNew} onChange={() => setIsNew(false)} /> Someone with a SlotBase account
          </label>
          <label className="check">
            <input type="radio" name="add-player-kind" checked={isNew} onChange={() => setIsNew(true)} /> A new player (creates an account)
          </label>
        </fieldset>
        <div className="row">
          {isNew && (
            <>
              <div>
                <label htmlFor="add-player-first">First name</label>
                <input id="add-player-first" required maxLength={50} value={draft.first_name} onChange={set("first_name")} />
              </div>
              <div>
                <label htmlFor="add-player-last">Last name</label>
                <input id="add-player-last" required maxLength={50} value={draft.last_name} onChange={set("last_name")} />
              </div>
            </>
          )}
          <div>
            <label htmlFor="add-player-email">E-mail</label>
            <input id="add-player-email" type="email" required value={draft.email} onChange={set("email")} />
          </div>
          {isNew && (
            <div>
              <label htmlFor="add-player-phone">Phone (optional)</label>
              <input id="add-player-phone" type="tel" maxLength={32} value={draft.phone} onChange={set("phone")} />
            </div>
          )}
        </div>
        <button type="submit">Add player</button>
      </form>
    </section>
  );
}
