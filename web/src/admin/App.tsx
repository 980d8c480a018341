import { useCallback, useEffect, useState } from "react";
import { AppHeader } from "../shared/AppHeader";
import { messageOf, type Api } from "../shared/api/client";
import type { Facility } from "../shared/api/types";
import { AccountLinkPage, accountPage, appRoot, AuthForm, useSession } from "../features/auth";
import { DaySheet } from "../features/day-sheet";
import { facilitiesIRun } from "../features/facilities";
import { Lists } from "../features/lists";
import { DeliveryLog, isPlatformAdmin, NotificationTemplates, Outbox } from "../features/notifications";
import { PaymentsList } from "../features/payments";
import { Players } from "../features/players";
import { PlatformFacilities } from "../features/platform";
import { forgetOnboardingReturn, readOnboardingReturn, Settings } from "../features/settings";
import { Setup } from "../features/setup";

export function AdminApp({ api }: { api: Api }) {
  const { user, ready, setUser } = useSession(api);
  const [facilities, setFacilities] = useState<Facility[] | null>(null);
  const [facility, setFacility] = useState<Facility | null>(null);
  // Back from the payment provider's onboarding: the settings' payments area says how it went.
  const [onboarding] = useState(readOnboardingReturn);
  useEffect(forgetOnboardingReturn, []);
  const [view, setView] = useState<"sheet" | "lists" | "players" | "payments" | "messages" | "settings" | "setup" | "outbox" | "platform">(
    onboarding ? "settings" : "sheet",
  );
  const [messages, setMessages] = useState<"log" | "templates">("log");
  const [platformAdmin, setPlatformAdmin] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A link from an account e-mail (reset a password) opens its page first.
  const [linkPage, setLinkPage] = useState(() => accountPage(location.pathname, location.search));
  const leaveLinkPage = () => {
    history.replaceState(null, "", appRoot(location.pathname));
    setLinkPage(null);
    // A reset ended every session: the app starts again signed out.
    if (linkPage?.kind === "reset-password") location.reload();
  };

  // The facilities this account runs: its organizations' and those its roles name.
  const load = useCallback(async () => {
    try {
      const all = await facilitiesIRun(api);
      setFacilities(all);
      setFacility((f) => all.find((x) => x.id === f?.id) ?? all[0] ?? null);
      if (all.length === 0) setView("setup");
    } catch (e) {
      setError(messageOf(e));
    }
  }, [api]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- load() sets state only once its first request answers
    if (user) load();
  }, [user, load]);

  useEffect(() => {
    if (user) isPlatformAdmin(api).then(setPlatformAdmin, () => setPlatformAdmin(false));
  }, [api, user]);

  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <AppHeader title="SlotBase Admin" navLabel="Admin" collapse>
        {user && (
          <>
            {facilities && facilities.length > 1 && (
              <select
                aria-label="Facility"
                value={facility?.id}
                onChange={(e) => setFacility(facilities.find((f) => f.id === e.target.value) ?? null)}
              >
                {facilities.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </select>
            )}
            <button type="button" aria-current={view === "sheet" ? "page" : undefined} onClick={() => setView("sheet")} disabled={!facility}>
              Calendar
            </button>
            <button type="button" aria-current={view === "lists" ? "page" : undefined} onClick={() => setView("lists")} disabled={!facility}>
              People and bookings
            </button>
            <button type="button" aria-current={view === "players" ? "page" : undefined} onClick={() => setView("players")} disabled={!facility}>
              Players
            </button>
            <button type="button" aria-current={view === "payments" ? "page" : undefined} onClick={() => setView("payments")} disabled={!facility}>
              Payments
            </button>
            <button type="button" aria-current={view === "messages" ? "page" : undefined} onClick={() => setView("messages")} disabled={!facility}>
              Messages
            </button>
            <button type="button" aria-current={view === "settings" ? "page" : undefined} onClick={() => setView("settings")} disabled={!facility}>
              Settings
            </button>
            {platformAdmin && (
              <button type="button" aria-current={view === "outbox" ? "page" : undefined} onClick={() => setView("outbox")}>
                Outbox
              </button>
            )}
            {platformAdmin && (
              <button type="button" aria-current={view === "platform" ? "page" : undefined} onClick={() => setView("platform")}>
                Platform
              </button>
            )}
            <button type="button" aria-current={view === "setup" ? "page" : undefined} onClick={() => setView("setup")}>
              New facility
            </button>
            <button type="button" className="logout" onClick={() => api.logout()}>
              Log out
            </button>
          </>
        )}
      </AppHeader>
      <main id="main">
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {linkPage ? (
          <AccountLinkPage api={api} app="admin" page={linkPage} onDone={leaveLinkPage} />
        ) : !ready ? (
          <p role="status">Loading…</p>
        ) : !user ? (
          <AuthForm api={api} title="SlotBase Admin" app="admin" onDone={setUser} />
        ) : view === "outbox" && platformAdmin ? (
          <Outbox api={api} />
        ) : view === "platform" && platformAdmin ? (
          <PlatformFacilities api={api} />
        ) : view === "setup" || !facility ? (
          facilities === null ? (
            <p role="status">Loading…</p>
          ) : (
            <Setup
              api={api}
              onDone={async (f) => {
                await load();
                setFacility(f);
                setView("sheet");
              }}
            />
          )
        ) : view === "sheet" ? (
          <DaySheet api={api} facility={facility} />
        ) : view === "players" ? (
          <Players key={facility.id} api={api} facility={facility} />
        ) : view === "payments" ? (
          <PaymentsList key={facility.id} api={api} facility={facility} />
        ) : view === "messages" ? (
          <>
            <nav className="subnav" aria-label="Messages">
              <button type="button" aria-current={messages === "log" ? "page" : undefined} onClick={() => setMessages("log")}>
                Delivery log
              </button>
              <button type="button" aria-current={messages === "templates" ? "page" : undefined} onClick={() => setMessages("templates")}>
                Templates
              </button>
            </nav>
            {messages === "log" ? (
              <DeliveryLog key={facility.id} api={api} facility={facility} />
            ) : (
              <NotificationTemplates key={facility.id} api={api} facility={facility} />
            )}
          </>
        ) : view === "settings" ? (
          <Settings
            api={api}
            facility={facility}
            onboarding={onboarding}
            onSaved={(f) => {
              setFacility(f);
              setFacilities((all) => all?.map((x) => (x.id === f.id ? f : x)) ?? null);
            }}
          />
        ) : (
          <Lists api={api} facility={facility} />
        )}
      </main>
    </>
  );
}
