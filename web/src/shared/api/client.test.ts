import { beforeEach, describe, expect, it } from "vitest";
import { Api, ApiError } from "./client";

type Call = { url: string; init: RequestInit };

/// A scripted network: each call takes the next answer and is recorded.
function network(answers: { status: number; body?: unknown }[]) {
  const calls: Call[] = [];
  const fetcher = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const a = answers.shift();
    if (!a) throw new Error(`unexpected call to ${url}`);
    return new Response(a.body === undefined ? null : JSON.stringify(a.body), { status: a.status });
  }) as unknown as typeof fetch;
  return { calls, fetcher };
}

const session = (n: number) => ({
  user: { id: "usr_1", email: "pat@example.com", name: "Pat" },
  access_token: `access-${n}`,
  refresh_token: `refresh-${n}`,
});

describe("Api", () => {
  beforeEach(() => localStorage.clear());

  it("sends a file as its bytes under its own type, and anything else as JSON", async () => {
    const { calls, fetcher } = network([{ status: 200, body: { id: "fac_1" } }, { status: 200, body: {} }]);
    const api = new Api("", fetcher);
    const file = new File([new Uint8Array([0x89, 0x50])], "logo.png", { type: "image/png" });
    await api.put("/api/v1/facilities/fac_1/logo", file);
    expect(calls[0].init.body).toBe(file);
    expect((calls[0].init.headers as Record<string, string>)["Content-Type"]).toBe("image/png");
    await api.patch("/api/v1/facilities/fac_1", { name: "x" });
    expect(calls[1].init.body).toBe('{"name":"x"}');
    expect((calls[1].init.headers as Record<string, string>)["Content-Type"]).toBe("application/json");
  });

  it("turns problem+json into an ApiError naming the fields", async () => {
    const { fetcher } = network([
      {
        status: 422,
        body: { type: "x", title: "Validation failed", status: 422, detail: "Validation failed", errors: [{ field: "email", message: "is not an email" }] },
      },
    ]);
    const api = new Api("", fetcher);
    const error = await api.register("Pat", "nope", "a long enough passphrase").catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.field("email")).toBe("is not an email");
  });

  it("keeps a declined card's problem code and the issuer's reason", async () => {
    const { fetcher } = network([
      {
        status: 402,
        body: { type: "x", title: "Payment declined", status: 402, detail: "Your card was declined.", code: "card-declined", decline_code: "insufficient_funds" },
      },
    ]);
    const error = (await new Api("", fetcher).post("/api/v1/payment-intents/pit_1/confirm", { payment_method: "pm_1" }).catch((e) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(402);
    expect(error.code).toBe("card-declined");
    expect(error.declineCode).toBe("insufficient_funds");
    expect(error.message).toBe("Your card was declined.");
  });

  it("refreshes once on a 401 and retries with the new token", async () => {
    const { calls, fetcher } = network([
      { status: 200, body: session(1) },
      { status: 401, body: { detail: "expired" } },
      { status: 200, body: session(2) },
      { status: 200, body: { items: [] } },
    ]);
    const api = new Api("", fetcher);
    await api.login("pat@example.com", "a long enough passphrase");
    expect(localStorage.getItem("slotbase.refresh_token")).toBe("refresh-1");
    await api.get("/api/v1/bookings?mine=true");
    expect(calls[2].url).toBe("/api/v1/auth/refresh");
    expect(JSON.parse(String(calls[2].init.body))).toEqual({ refresh_token: "refresh-1" });
    expect((calls[3].init.headers as Record<string, string>).Authorization).toBe("Bearer access-2");
    expect(localStorage.getItem("slotbase.refresh_token")).toBe("refresh-2");
  });

  it("resumes a session after a reload from the stored refresh token", async () => {
    localStorage.setItem("slotbase.refresh_token", "refresh-7");
    const { fetcher } = network([{ status: 200, body: session(8) }]);
    const api = new Api("", fetcher);
    const seen: (string | null)[] = [];
    api.onUserChange((u) => seen.push(u?.name ?? null));
    expect(await api.resume()).toBe(true);
    expect(api.currentUser?.email).toBe("pat@example.com");
    expect(seen).toEqual(["Pat"]);
  });

  it("forgets a refresh token the server refuses", async () => {
    localStorage.setItem("slotbase.refresh_token", "stale");
    const { fetcher } = network([{ status: 401, body: { detail: "revoked" } }]);
    const api = new Api("", fetcher);
    expect(await api.resume()).toBe(false);
    expect(localStorage.getItem("slotbase.refresh_token")).toBeNull();
  });

  it("fetches a file with the bearer token and the name its Content-Disposition gives", async () => {
    const calls: Call[] = [];
    const answers = [
      new Response(JSON.stringify(session(1)), { status: 201 }),
      new Response("booking_id,court\r\nbkg_1,\"Court, 1\"\r\n", {
        status: 200,
        headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="bookings-2026-12-01-to-2026-12-07.csv"' },
      }),
      new Response(JSON.stringify({ status: 422, detail: "Validation failed", errors: [{ field: "to", message: "must not be before from" }] }), { status: 422 }),
    ];
    const fetcher = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return answers.shift()!;
    }) as unknown as typeof fetch;
    const api = new Api("", fetcher);
    await api.register("Pat", "pat@example.com", "a long enough passphrase");
    const file = await api.file("/api/v1/facilities/fac_1/bookings?from=2026-12-01&format=csv");
    expect(file).toEqual({ text: 'booking_id,court\r\nbkg_1,"Court, 1"\r\n', type: "text/csv; charset=utf-8", filename: "bookings-2026-12-01-to-2026-12-07.csv" });
    expect((calls[1].init.headers as Record<string, string>).Authorization).toBe("Bearer access-1");
    const error = await api.file("/api/v1/facilities/fac_1/bookings?from=2026-12-01&to=2026-11-01&format=csv").catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.field("to")).toBe("must not be before from");
  });
});
