import { useEffect, useState, type ReactNode } from "react";
import { ApiError, messageOf, type Api } from "../../shared/api/client";
import { acceptInvitation, previewInvitation, type InvitationPreview } from "./api";

/// The token of an invitation's link (`/invitations/accept?token=`), if the location is one; ""
/// when the link lost its token.
export function invitationToken(pathname: string, search: string): string | null {
  if (!/^\/invitations\/accept\/?$/.test(pathname)) return null;
  return new URLSearchParams(search).get("token")?.trim() ?? "";
}

const GONE = "This invitation link no longer works: it was used, revoked or has expired. Ask the club for a new invitation.";

/// The page an invitation's link opens: which club invites, sign in or sign up first (`signIn`,
/// shown while signed out), then a button accepts. Opening the link changes nothing: only the
/// button POSTs, so a mail scanner that follows links spends no invitation.
export function InvitationPage({
  api,
  token,
  signedIn,
  signIn,
  onAccepted,
  onLeave,
}: {
  api: Api;
  token: string;
  signedIn: boolean;
  signIn: ReactNode;
  onAccepted: (facilityId: string) => void;
  onLeave: () => void;
}) {
  const [preview, setPreview] = useState<InvitationPreview | null>(null);
  const [error, setError] = useState<string | null>(token ? null : "This link has no invitation in it. Open the link from the e-mail again.");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!token) return;
    let live = true;
    previewInvitation(api, token).then(
      (p) => live && setPreview(p),
      (e) => live && setError(e instanceof ApiError && e.status === 410 ? GONE : messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [api, token]);

  async function accept() {
    setBusy(true);
    setError(null);
    try {
      await acceptInvitation(api, token);
      onAccepted(preview?.facility_id ?? "");
    } catch (e) {
      setError(e instanceof ApiError && e.status === 410 ? GONE : messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <section className="panel" aria-labelledby="invitation-title">
        <h2 id="invitation-title">{preview ? `Join ${preview.facility_name}` : "An invitation to a club"}</h2>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : !preview ? (
          <p role="status">Loading the invitation…</p>
        ) : signedIn ? (
          <p>{preview.facility_name} invites you to join its players on SlotBase, so that you can book its courts.</p>
        ) : (
          <p>
            {preview.facility_name} invites you to join its players on SlotBase. Sign in, or create an account if you have none, to
            accept.
          </p>
        )}
        <div className="row">
          {preview && signedIn && !error && (
            <button type="button" onClick={accept} disabled={busy}>
              Accept the invitation
            </button>
          )}
          <button type="button" className="secondary" onClick={onLeave}>
            {preview && !error ? "Not now" : "Go to SlotBase"}
          </button>
        </div>
      </section>
      {preview && !signedIn && !error && signIn}
    </>
  );
}
