import { useEffect, useState } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import { deletePushSubscription, savePushSubscription, vapidPublicKey } from "./api";
import type { PushDevice } from "./push";

type State = "checking" | "unsupported" | "blocked" | "off" | "on" | "working";

/// "Turn on notifications on this device": asks the browser's permission, subscribes with the
/// server's VAPID key and hands the subscription to the server; turning off ends it with the
/// push service and the server. The device's own state (permission, subscription) is the truth.
export function PushOptIn({ api, device }: { api: Api; device: PushDevice }) {
  const [state, setState] = useState<State>(() =>
    !device.supported ? "unsupported" : device.permission() === "denied" ? "blocked" : "checking",
  );
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let on = true;
    if (!device.supported || device.permission() === "denied") return;
    device
      .current()
      .then(async (sub) => {
        // Subscribed and allowed: the server hears of it again, in case it forgot the device (a
        // push service's 410, another account opting in on it).
        if (sub && device.permission() === "granted") await savePushSubscription(api, sub);
        if (on) setState(sub && device.permission() === "granted" ? "on" : "off");
      })
      .catch(() => on && setState("off"));
    return () => {
      on = false;
    };
  }, [api, device]);

  const turnOn = async () => {
    setError(null);
    setState("working");
    try {
      const permission = device.permission() === "granted" ? "granted" : await device.requestPermission();
      if (permission !== "granted") {
        setState(permission === "denied" ? "blocked" : "off");
        return;
      }
      const sub = await device.subscribe(await vapidPublicKey(api));
      await savePushSubscription(api, sub);
      setState("on");
    } catch (e) {
      setError(`Notifications could not be turned on: ${messageOf(e)}`);
      setState("off");
    }
  };

  const turnOff = async () => {
    setError(null);
    setState("working");
    try {
      const endpoint = await device.unsubscribe();
      if (endpoint) await deletePushSubscription(api, endpoint);
      setState("off");
    } catch (e) {
      setError(`Notifications could not be turned off: ${messageOf(e)}`);
      setState("on");
    }
  };

  return (
    <div className="push-opt-in">
      {state === "unsupported" && <p className="muted">This browser cannot show notifications from SlotBase.</p>}
      {state === "blocked" && (
        <p className="muted">Notifications are blocked for SlotBase in this browser. Allow them in its site settings.</p>
      )}
      {state === "off" && (
        <button type="button" className="secondary small" onClick={() => void turnOn()}>
          Turn on notifications on this device
        </button>
      )}
      {state === "working" && (
        <p role="status" className="muted">
          Just a moment…
        </p>
      )}
      {state === "on" && (
        <>
          <p role="status">Notifications are on for this device.</p>
          <button type="button" className="quiet small" onClick={() => void turnOff()}>
            Turn off notifications on this device
          </button>
        </>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
