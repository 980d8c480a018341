// The signed-in user's own notifications, pushed on /ws as they arrive. Reconnects with a growing
// pause when the connection drops; a refused token (it expired) is refreshed through `onRefused`
// before the next try.

export interface NotificationPush {
  type: "notification";
  notification: { id: string; type: string; title: string; body: string; read: boolean; created_at: string };
}

/// Follows the user's notifications; returns the function that stops.
export type Follow = (onPush: (p: NotificationPush) => void) => () => void;

export function followNotifications(token: () => string | null, onRefused: () => Promise<unknown>): Follow {
  return (onPush) => {
    let socket: WebSocket | null = null;
    let closed = false;
    let delay = 500;
    const open = () => {
      const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
      socket = new WebSocket(url);
      socket.onopen = () => {
        delay = 500;
        socket?.send(JSON.stringify({ type: "subscribe", channel: "notifications", access_token: token() ?? "" }));
      };
      socket.onmessage = (m) => {
        try {
          const data = JSON.parse(String(m.data));
          if (data.type === "notification") onPush(data as NotificationPush);
          else if (data.type === "error" && data.code === "unauthenticated") {
            void onRefused().finally(() => socket?.close());
          }
        } catch {
          // not for us
        }
      };
      socket.onclose = () => {
        if (closed) return;
        setTimeout(open, delay);
        delay = Math.min(delay * 2, 10000);
      };
    };
    open();
    return () => {
      closed = true;
      socket?.close();
    };
  };
}
