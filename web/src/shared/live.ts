// Live availability: subscribes to a facility on /ws and calls back on every change, reconnecting
// with a growing pause when the connection drops.

export interface AvailabilityChange {
  type: "availability.changed";
  facility_id: string;
  resource_id: string;
  start: string;
  end: string;
  status: string;
}

export function subscribe(facilityId: string, onChange: (c: AvailabilityChange) => void): () => void {
  let socket: WebSocket | null = null;
  let closed = false;
  let delay = 500;
  const open = () => {
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
    socket = new WebSocket(url);
    socket.onopen = () => {
      delay = 500;
      socket?.send(JSON.stringify({ type: "subscribe", facility_id: facilityId }));
    };
    socket.onmessage = (m) => {
      try {
        const data = JSON.parse(String(m.data));
        if (data.type === "availability.changed") onChange(data as AvailabilityChange);
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
}
