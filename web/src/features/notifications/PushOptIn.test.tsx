import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { fakeNetwork, Reply } from "../../shared/api/testing";
import { keyBytes, type PushDevice } from "./push";
import { PushOptIn } from "./PushOptIn";

const KEY = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
const SUB: PushSubscriptionJSON = {
  endpoint: "https://push.example.net/send/device-1",
  expirationTime: null,
  keys: { p256dh: "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4", auth: "BTBZMqHH6r4Tts7J_aSIgg" },
};

/// A browser whose user answers the permission prompt with `answer`.
function fakeDevice(answer: NotificationPermission, start: NotificationPermission = "default") {
  let permission = start;
  let current: PushSubscriptionJSON | null = null;
  const keys: string[] = [];
  const device: PushDevice = {
    supported: true,
    permission: () => permission,
    requestPermission: async () => (permission = answer),
    current: async () => current,
    subscribe: async (key) => {
      keys.push(key);
      current = SUB;
      return SUB;
    },
    unsubscribe: async () => {
      const endpoint = current?.endpoint ?? null;
      current = null;
      return endpoint;
    },
  };
  return { device, keys };
}

const server = () =>
  fakeNetwork({
    "GET /api/v1/push/vapid-public-key": () => ({ public_key: KEY }),
    "POST /api/v1/me/push-subscriptions": () => new Reply(201, { id: "psub_1", endpoint: SUB.endpoint }),
    "DELETE /api/v1/me/push-subscriptions": () => new Reply(204),
  });

describe("PushOptIn", () => {
  afterEach(cleanup);

  it("asks, subscribes with the server's key, and hands the subscription over; then turns off", async () => {
    const { api, requests } = server();
    const { device, keys } = fakeDevice("granted");
    render(<PushOptIn api={api} device={device} />);
    fireEvent.click(await screen.findByRole("button", { name: "Turn on notifications on this device" }));
    expect(await screen.findByText("Notifications are on for this device.")).toBeTruthy();
    expect(keys).toEqual([KEY]);
    const saved = requests.find((r) => r.method === "POST" && r.path === "/api/v1/me/push-subscriptions");
    expect(saved?.body).toEqual({ endpoint: SUB.endpoint, keys: SUB.keys });

    fireEvent.click(screen.getByRole("button", { name: "Turn off notifications on this device" }));
    expect(await screen.findByRole("button", { name: "Turn on notifications on this device" })).toBeTruthy();
    const removed = requests.find((r) => r.method === "DELETE");
    expect(removed?.body).toEqual({ endpoint: SUB.endpoint });
  });

  it("says so when the user blocks notifications, and subscribes nothing", async () => {
    const { api, requests } = server();
    const { device, keys } = fakeDevice("denied");
    render(<PushOptIn api={api} device={device} />);
    fireEvent.click(await screen.findByRole("button", { name: "Turn on notifications on this device" }));
    expect(await screen.findByText(/Notifications are blocked for SlotBase/)).toBeTruthy();
    expect(keys).toEqual([]);
    expect(requests.some((r) => r.path === "/api/v1/me/push-subscriptions")).toBe(false);
  });

  it("shows why when the server refuses the subscription", async () => {
    const { api } = fakeNetwork({
      "GET /api/v1/push/vapid-public-key": () => ({ public_key: KEY }),
      "POST /api/v1/me/push-subscriptions": () =>
        new Reply(422, { status: 422, detail: "Invalid", errors: [{ field: "endpoint", message: "must be an https:// URL" }] }),
    });
    render(<PushOptIn api={api} device={fakeDevice("granted").device} />);
    fireEvent.click(await screen.findByRole("button", { name: "Turn on notifications on this device" }));
    expect((await screen.findByRole("alert")).textContent).toContain("endpoint: must be an https:// URL");
    expect(screen.getByRole("button", { name: "Turn on notifications on this device" })).toBeTruthy();
  });

  it("offers nothing where the browser has no push", async () => {
    const { api } = server();
    const device = { ...fakeDevice("granted").device, supported: false };
    render(<PushOptIn api={api} device={device} />);
    expect(await screen.findByText("This browser cannot show notifications from SlotBase.")).toBeTruthy();
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("turns the key into the bytes PushManager wants", () => {
    const bytes = keyBytes(KEY);
    expect(bytes.length).toBe(65);
    expect(bytes[0]).toBe(4);
  });
});
