import { useState } from "react";
import { AppHeader } from "../shared/AppHeader";
import type { Api } from "../shared/api/client";
import { AccountLinkPage, accountPage, appRoot, AuthForm, useSession, VerifyNotice } from "../features/auth";
import { BookView } from "../features/availability";
import { MyBookings } from "../features/bookings";
import { MessageLanguage, NotificationBell, NotificationPreferences, PhoneNumber } from "../features/notifications";
import { MyPayments } from "../features/payments";

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
              <NotificationBell api={api} onSettings={() => setView("notifications")} />
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
            <button type="button" aria-current={view === "book" ? "page" : undefined} onClick={() => setView("book")}>
              Book a court
            </button>
            <button type="button" aria-current={view === "mine" ? "page" : undefined} onClick={() => setView("mine")}>
              My bookings
            </button>
            <button type="button" aria-current={view === "payments" ? "page" : undefined} onClick={() => setView("payments")}>
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
        ) : !user ? (
          <AuthForm api={api} title="SlotBase" onDone={setUser} />
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
