/// What the browser offers for Web Push: the permission, and this device's subscription with
/// its push service. The real one is `browserPush()`; tests pass their own.
export interface PushDevice {
  /// False where there is no service worker, PushManager or Notification (an old browser, an
  /// iPhone's Safari outside an installed app).
  supported: boolean;
  permission(): NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  /// This device's subscription, as PushSubscription.toJSON() gives it, or null.
  current(): Promise<PushSubscriptionJSON | null>;
  /// Subscribes with the server's VAPID key (base64url); the subscription's JSON.
  subscribe(applicationServerKey: string): Promise<PushSubscriptionJSON>;
  /// Ends this device's subscription with its push service; its endpoint, if there was one.
  unsubscribe(): Promise<string | null>;
}

/// The VAPID key as PushManager.subscribe wants it: the bytes of its base64url.
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (base64url.length % 4)) % 4);
  const raw = atob(base64);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

async function registration(): Promise<ServiceWorkerRegistration> {
  return (await navigator.serviceWorker.getRegistration("/")) ?? (await navigator.serviceWorker.register("/sw.js"));
}

/// The browser's own Notification API and PushManager, through the app's service worker.
export function browserPush(): PushDevice {
  const supported =
    typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  return {
    supported,
    permission: () => (supported ? Notification.permission : "denied"),
    requestPermission: () => Notification.requestPermission(),
    current: async () => {
      const sub = await (await registration()).pushManager.getSubscription();
      return sub ? sub.toJSON() : null;
    },
    subscribe: async (key) => {
      const reg = await registration();
      // A subscription made for another key (the server's key changed) must go first.
      const old = await reg.pushManager.getSubscription();
      if (old) await old.unsubscribe();
      const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) });
      return sub.toJSON();
    },
    unsubscribe: async () => {
      const sub = await (await registration()).pushManager.getSubscription();
      if (!sub) return null;
      await sub.unsubscribe();
      return sub.endpoint;
    },
  };
}
