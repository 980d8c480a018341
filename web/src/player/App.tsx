import { useState } from "react";
import type { Api } from "../shared/api/client";
import { AuthForm, useSession } from "../features/auth";
import { BookView } from "../features/availability";
import { MyBookings } from "../features/bookings";
import { NotificationBell, NotificationPreferences } from "../features/notifications";
import { MyPayments } from "../features/payments";

export function PlayerApp({ api }: { api: Api }) {
  const { user, ready, setUser } = useSession(api);
  const [view, setView] = useState<"book" | "mine" | "payments" | "notifications">("book");

  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <h1>SlotBase</h1>
        {user && (
          <nav aria-label="Main">
            <button type="button" aria-current={view === "book" ? "page" : undefined} onClick={() => setView("book")}>
              Book a court
            </button>
            <button type="button" aria-current={view === "mine" ? "page" : undefined} onClick={() => setView("mine")}>
              My bookings
            </button>
            <button type="button" aria-current={view === "payments" ? "page" : undefined} onClick={() => setView("payments")}>
              My payments
            </button>
            <NotificationBell api={api} onSettings={() => setView("notifications")} />
            <span>{user.name}</span>
            <button type="button" onClick={() => api.logout()}>
              Log out
            </button>
          </nav>
        )}
      </header>
      <main id="main">
        {!ready ? (
          <p role="status">Loading…</p>
        ) : !user ? (
          <AuthForm api={api} title="SlotBase" onDone={setUser} />
        ) : view === "book" ? (
          <BookView api={api} onBooked={() => undefined} />
        ) : view === "mine" ? (
          <MyBookings api={api} />
        ) : view === "notifications" ? (
          <NotificationPreferences api={api} />
        ) : (
          <MyPayments api={api} />
        )}
      </main>
    </>
  );
}
