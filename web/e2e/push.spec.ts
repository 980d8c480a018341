import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signUp, uniqueEmail } from "./helpers";

// Headless Chromium has no push service to subscribe with, so these tests take the browser's
// side in two halves: the opt-in's states and requests, with PushManager.subscribe answered by
// the test where the push service would answer; and the service worker's push handler, with a
// push delivered through the DevTools protocol as a push service would deliver it.

async function signedInPlayer(page: Page) {
  await page.goto("/");
  await signUp(page, "Pia Push", uniqueEmail("pia"));
  await expect(page.getByRole("button", { name: /^Notifications/ })).toBeVisible();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
}

/// PushManager as a push service would answer it: a subscription with a real P-256 key and auth
/// secret made by WebCrypto, on a push service's https endpoint. What the page passes to
/// subscribe() is kept in window.pushOptions for the test to read.
async function answerSubscribeLikeAPushService(page: Page) {
  await page.addInitScript(() => {
    const b64url = (bytes: ArrayBuffer | Uint8Array) =>
      btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    let current: PushSubscription | null = null;
    const w = window as unknown as { pushOptions?: { userVisibleOnly?: boolean; key: string } };
    PushManager.prototype.getSubscription = async () => current;
    PushManager.prototype.subscribe = async (options?: PushSubscriptionOptionsInit) => {
      w.pushOptions = { userVisibleOnly: options?.userVisibleOnly, key: b64url(options!.applicationServerKey as Uint8Array) };
      const pair = await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"]);
      const p256dh = b64url(await crypto.subtle.exportKey("raw", pair.publicKey));
      const auth = b64url(crypto.getRandomValues(new Uint8Array(16)));
      const endpoint = `https://push.example.net/send/${auth}`;
      current = {
        endpoint,
        toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }),
        unsubscribe: async () => {
          current = null;
          return true;
        },
      } as unknown as PushSubscription;
      return current;
    };
  });
}

test("the bell turns notifications on for this device and off again", async ({ browser }) => {
  const context = await browser.newContext();
  await context.grantPermissions(["notifications"]);
  const page = await context.newPage();
  await answerSubscribeLikeAPushService(page);
  await signedInPlayer(page);

  await page.getByRole("button", { name: /^Notifications/ }).click();
  const turnOn = page.getByRole("button", { name: "Turn on notifications on this device" });
  await expect(turnOn).toBeVisible();
  await expectAccessible(page, "the push opt-in");

  const saved = page.waitForResponse((r) => r.url().endsWith("/api/v1/me/push-subscriptions") && r.request().method() === "POST");
  await turnOn.click();
  const answer = await saved;
  expect(answer.status()).toBe(201);
  const sent = answer.request().postDataJSON();
  expect(sent.endpoint).toMatch(/^https:\/\/push\.example\.net\/send\//);
  expect(sent.keys.p256dh).toMatch(/^[\w-]{87}$/);
  expect(sent.keys.auth).toMatch(/^[\w-]{22}$/);
  await expect(page.getByText("Notifications are on for this device.")).toBeVisible();

  // The page subscribed with the server's own VAPID key, for visible notifications only.
  const key = (await (await page.request.get("/api/v1/push/vapid-public-key")).json()).public_key;
  expect(await page.evaluate(() => (window as unknown as { pushOptions: unknown }).pushOptions)).toEqual({ userVisibleOnly: true, key });

  const removed = page.waitForResponse((r) => r.url().endsWith("/api/v1/me/push-subscriptions") && r.request().method() === "DELETE");
  await page.getByRole("button", { name: "Turn off notifications on this device" }).click();
  expect((await removed).status()).toBe(204);
  await expect(turnOn).toBeVisible();
  await context.close();
});

test("where notifications are blocked the bell says so and subscribes nothing", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    Object.defineProperty(Notification, "permission", { get: () => "denied" });
  });
  await signedInPlayer(page);
  await page.getByRole("button", { name: /^Notifications/ }).click();
  await expect(page.getByText(/Notifications are blocked for SlotBase in this browser/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Turn on notifications on this device" })).toHaveCount(0);
  await context.close();
});

test("a push message shows as a notification with its title, body and tag", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  await context.grantPermissions(["notifications"]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const registered = new Promise<string>((resolve) => {
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const mine = registrations.find((r) => r.scopeURL === `${baseURL}/` && !r.isDeleted);
      if (mine) resolve(mine.registrationId);
    });
  });
  await cdp.send("ServiceWorker.enable");
  await page.goto("/");
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  const registrationId = await registered;

  const message = {
    title: "Booking confirmed",
    body: "Court 1 at Lakeside, Wed 25 Nov, 10:00 (America/New_York).",
    url: `${baseURL}/`,
    tag: "bkg_push_e2e",
  };
  await cdp.send("ServiceWorker.deliverPushMessage", {
    origin: baseURL!,
    registrationId,
    data: JSON.stringify(message),
  });
  await expect
    .poll(() =>
      page.evaluate(async () =>
        (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag })),
      ),
    )
    .toEqual([{ title: message.title, body: message.body, tag: message.tag }]);

  // A newer message about the same booking replaces the shown one rather than adding another.
  await cdp.send("ServiceWorker.deliverPushMessage", {
    origin: baseURL!,
    registrationId,
    data: JSON.stringify({ ...message, title: "Booking cancelled by the facility", body: "Court 1, Wed 25 Nov." }),
  });
  await expect
    .poll(() => page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => n.title)))
    .toEqual(["Booking cancelled by the facility"]);
  await context.close();
});
