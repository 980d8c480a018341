import { useState } from "react";
import { AppHeader } from "../shared/AppHeader";
import type { Api } from "../shared/api/client";
import { AccountLinkPage, accountPage, appRoot, AuthForm, useSession, VerifyNotice } from "../features/auth";
import { BookView } from "../features/availability";
import { MyBookings } from "../features/bookings";
import { MessageLanguage, NotificationBell, NotificationPreferences, PhoneNumber } from "../features/notifications";
import { FacilityPage } from "../features/facilities";
import { MyPayments } from "../features/payments";
import { InvitationPage, invitationToken } from "../features/players";

export function PlayerApp({ api }: { api: Api }) {
  const { user, ready, setUser } = useSession(api);
  const [view, setView] = useState<"book" | "mine" | "payments" | "notifications">("book");
  // A link from an account e-mail (reset a password, verify an address) opens its page first.
  const [linkPage, setLinkPage] = useState(() => accountPage(location.pathname, location.search));
  const leaveLinkPage = () => {
    history.replaceState(null, "", appRoot(location.pathname));
    setLinkPage(null);
    // A reset ended every session: the app starts again signed out.
    if (linkPage?.kind === "reset-password") location.reload();
  };
  // An invitation's link opens its page; once accepted, the club's page.
  const [invitation, setInvitation] = useState(() => invitationToken(location.pathname, location.search));
  const [club, setClub] = useState<string | null>(null);
  const leaveInvitation = (facilityId: string | null) => {
    history.replaceState(null, "", "/");
    setInvitation(null);
    setClub(facilityId);
  };

  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <AppHeader
        title="SlotBase"
        navLabel="Main"
        actions={
          user && (
            <>
              <NotificationBell api={api} onSettings={() => {
                  setClub(null);
                  setView("notifications");
                }} />
              <span className="user">{user.name}</span>
              <button type="button" className="logout" onClick={() => api.logout()}>
                Log out
              </button>
            </>
          )
        }
      >
        {user && (
          <>
            <button type="button" aria-current={view === "book" ? "page" : undefined} onClick={() => {
                setClub(null);
                setView("book");
              }}>
              Book a court
            </button>
            <button type="button" aria-current={view === "mine" ? "page" : undefined} onClick={() => {
                setClub(null);
                setView("mine");
              }}>
              My bookings
            </button>
            <button type="button" aria-current={view === "payments" ? "page" : undefined} onClick={() => {
                setClub(null);
                setView("payments");
              }}>
              My payments
            </button>
          </>
        )}
      </AppHeader>
      <main id="main">
        {user && !linkPage && <VerifyNotice key={user.id} api={api} />}
        {linkPage ? (
          <AccountLinkPage api={api} app="player" page={linkPage} onDone={leaveLinkPage} />
        ) : !ready ? (
          <p role="status">Loading…</p>
        ) : invitation !== null ? (
          <InvitationPage
            api={api}
            token={invitation}
            signedIn={Boolean(user)}
            signIn={<AuthForm api={api} title="SlotBase" onDone={setUser} />}
            onAccepted={(id) => leaveInvitation(id || null)}
            onLeave={() => leaveInvitation(null)}
          />
        ) : !user ? (
          <AuthForm api={api} title="SlotBase" onDone={setUser} />
        ) : club ? (
          <>
            <p role="status" className="success">
              You are now a player of this club.
            </p>
            <FacilityPage
              key={club}
              api={api}
              facilityId={club}
              onBook={() => {
                localStorage.setItem("slotbase.facility", club);
                setClub(null);
                setView("book");
              }}
              onBack={() => setClub(null)}
              backLabel="Back to the clubs"
            />
          </>
        ) : view === "book" ? (
          <BookView api={api} onBooked={() => undefined} />
        ) : view === "mine" ? (
          <MyBookings api={api} />
        ) : view === "notifications" ? (
          <>
            <PhoneNumber api={api} />
            <MessageLanguage api={api} />
            <NotificationPreferences api={api} />
          </>
        ) : (
          <MyPayments api={api} />
        )}
      </main>
    </>
  );
}
