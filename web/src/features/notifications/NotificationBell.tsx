import { useCallback, useEffect, useMemo, useState } from "react";
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

  return (
    <div className="bell">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="notifications-panel"
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}
        onClick={() => setOpen((o) => !o)}
      >
        Notifications{unread > 0 && <span className="count">{unread}</span>}
      </button>
      {open && (
        <section id="notifications-panel" className="panel notifications" aria-labelledby="notifications-title">
          <h2 id="notifications-title">Notifications</h2>
          <PushOptIn api={api} device={device} />
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <div className="row">
            {unread > 0 && (
              <button type="button" onClick={() => void readAll()}>
                Mark all read
              </button>
            )}
            {onSettings && (
              <button
                type="button"
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
            <p className="muted">Nothing yet. Bookings, reminders and payments will show here.</p>
          ) : (
            <ul className="plain" aria-labelledby="notifications-title">
              {items.map((n) => (
                <li key={n.id} className={n.read ? "read" : "unread"}>
                  <div>
                    <strong>{n.title}</strong>
                    <p>{n.body}</p>
                  </div>
                  {!n.read && (
                    <button type="button" aria-label={`Mark read: ${n.title}`} onClick={() => void readOne(n.id)}>
                      Mark read
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
