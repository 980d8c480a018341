import { useCallback, useEffect, useMemo, useState, type CSSProperties } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { AppNotification } from "../../shared/api/types";
import { markAllRead, markRead, myNotifications } from "./api";
import { followNotifications, type Follow } from "./live";
import { browserPush, type PushDevice } from "./push";
import { PushOptIn } from "./PushOptIn";

/// The bell in the player app's header: how many notifications are unread, and the latest ones
/// with their read state. New ones arrive live over /ws (`follow`; tests pass their own), and,
/// once turned on for the device, as the system's notifications by Web Push (`push`: the
/// browser's, or a test's). `onSettings` opens the player's notification settings.
export function NotificationBell({ api, follow, push, onSettings }: { api: Api; follow?: Follow; push?: PushDevice; onSettings?: () => void }) {
  const [items, setItems] = useState<AppNotification[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  // Where the header ends: on a phone the open list lies under it, across the screen.
  const [below, setBelow] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const device = useMemo(() => push ?? browserPush(), [push]);

  const load = useCallback(async () => {
    try {
      const inbox = await myNotifications(api);
      setItems(inbox.items);
      setUnread(inbox.unread_count);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [api]);

  // A refused token has expired: any call refreshes it before the next try.
  const live = useMemo(() => follow ?? followNotifications(() => api.accessToken, () => myNotifications(api, 1)), [api, follow]);

  useEffect(() => {
    let on = true;
    const refresh = () =>
      myNotifications(api)
        .then((inbox) => {
          if (!on) return;
          setItems(inbox.items);
          setUnread(inbox.unread_count);
          setError(null);
        })
        .catch((e) => on && setError(messageOf(e)));
    void refresh();
    // A push carries the new notification; the list is read again so that it stays the server's.
    const stop = live(() => void refresh());
    return () => {
      on = false;
      stop();
    };
  }, [api, live]);

  const readOne = async (id: string) => {
    try {
      await markRead(api, id);
      await load();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const readAll = async () => {
    try {
      await markAllRead(api);
      await load();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  // Escape closes the list and gives the focus back to the bell.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      document.getElementById("notifications-button")?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    // On a phone the open list dims the page behind it (the div's ::before); a tap there closes it.
    <div className={`bell${open ? " open" : ""}`} onClick={(e) => e.target === e.currentTarget && setOpen(false)}>
      <button
        type="button"
        id="notifications-button"
        aria-expanded={open}
        aria-controls="notifications-panel"
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}
        onClick={(e) => {
          setBelow(e.currentTarget.closest("header")?.getBoundingClientRect().bottom ?? 0);
          setOpen((o) => !o);
        }}
      >
        <svg className="bell-icon" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        <span className="bell-label">Notifications</span>
        {unread > 0 && <span className="count">{unread}</span>}
      </button>
      {open && (
        <section
          id="notifications-panel"
          className="panel popover notifications"
          aria-labelledby="notifications-title"
          style={below ? ({ "--below-header": `${below}px` } as CSSProperties) : undefined}
        >
          <div className="popover-head">
            <h2 id="notifications-title">Notifications</h2>
            <button type="button" className="quiet small" onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
          <div className="popover-body">
            <PushOptIn api={api} device={device} />
            {error && (
              <p role="alert" className="error">
                {error}
              </p>
            )}
            <div className="row">
              {unread > 0 && (
                <button type="button" className="secondary small" onClick={() => void readAll()}>
                  Mark all read
                </button>
              )}
              {onSettings && (
                <button
                  type="button"
                  className="secondary small"
                  onClick={() => {
                    setOpen(false);
                    onSettings();
                  }}
                >
                  Notification settings
                </button>
              )}
            </div>
            {items.length === 0 ? (
              <p className="empty">Nothing yet. Bookings, reminders and payments will show here.</p>
            ) : (
              <ul className="plain" aria-labelledby="notifications-title">
                {items.map((n) => (
                  <li key={n.id} className={n.read ? "read" : "unread"}>
                    <div>
                      <strong>{n.title}</strong>
                      <p>{n.body}</p>
                    </div>
                    {!n.read && (
                      <button type="button" className="quiet small" aria-label={`Mark read: ${n.title}`} onClick={() => void readOne(n.id)}>
                        Mark read
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </section>
      )}
    </div>
  );
}
