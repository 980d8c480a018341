import { useEffect, useState, type FormEvent } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { Facility } from "../../shared/api/types";
import { askToJoin, standingAt, type Standing } from "./api";

/// "Members only" for a club that is not open to anyone signed in, shown to a player who is not on
/// its roster (or whom the club just refused, `refused`): ask to join with an optional message,
/// then "Request pending"; an invite-only club says membership is by invitation. Nothing shows
/// at an open club or to a member.
export function MembersOnly({ api, facility, refused = false }: { api: Api; facility: Facility; refused?: boolean }) {
  const [standing, setStanding] = useState<Standing | null>(null);
  const [message, setMessage] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const membership = facility.policies.membership ?? "open";

  useEffect(() => {
    let live = true;
    if (membership === "open" && !refused) return;
    standingAt(api, facility.id).then(
      (s) => live && setStanding(s),
      (e) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [api, facility.id, membership, refused]);

  if (membership === "open" && !refused) return null;
  if (!standing) return error ? <p role="alert" className="error">{error}</p> : null;
  if (standing.member && !refused) return null;

  async function ask(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const request = await askToJoin(api, facility.id, message);
      setStanding((s) => ({ member: s?.member ?? false, request }));
      setMessage("");
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  const request = standing.request;
  return (
    <section className="panel notice" aria-labelledby={`members-only-${facility.id}`}>
      <h3 id={`members-only-${facility.id}`}>Members only</h3>
      {standing.member ? (
        <p>{facility.name} does not take bookings from you at the moment. Please contact the club.</p>
      ) : membership === "invite_only" ? (
        <p>
          Only members book at {facility.name}, and membership is by invitation: the club invites its players by e-mail. Ask the club
          for an invitation.
        </p>
      ) : request?.status === "pending" ? (
        <p role="status">
          <strong>Request pending.</strong> You asked to join {facility.name}; you will hear from the club when it decides.
        </p>
      ) : request?.status === "rejected" ? (
        <p>
          {facility.name} declined your request to join{request.reason ? `: ${request.reason}` : "."}
        </p>
      ) : (
        <>
          <p>Only members book at {facility.name}. Ask to join, and the club will approve or decline your request.</p>
          <form onSubmit={ask}>
            <div>
              <label htmlFor={`join-message-${facility.id}`}>Message to the club (optional)</label>
              <textarea id={`join-message-${facility.id}`} maxLength={1000} value={message} onChange={(e) => setMessage(e.target.value)} />
            </div>
            <button type="submit" disabled={busy}>
              Ask to join
            </button>
          </form>
        </>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
