// The SlotBase API as the web apps use it: JSON in and out, tokens kept across reloads, and
// problem+json errors turned into ApiError with the fields that were wrong.

import type { Answer, FieldError, Problem, Session, User } from "./types";

export class ApiError extends Error {
  readonly status: number;
  readonly rule: string | undefined;
  readonly fields: FieldError[];
  /// The problem's `code` ("card-declined") and, for a declined card, the issuer's reason.
  readonly code: string | undefined;
  readonly declineCode: string | undefined;
  constructor(
    status: number,
    detail: string,
    rule?: string,
    fields: FieldError[] = [],
    more: { code?: string; declineCode?: string } = {},
  ) {
    super(detail);
    this.status = status;
    this.rule = rule;
    this.fields = fields;
    this.code = more.code;
    this.declineCode = more.declineCode;
  }
  /// The message for one form field, if the server named it.
  field(name: string): string | undefined {
    return this.fields.find((f) => f.field === name)?.message;
  }
}

const REFRESH_KEY = "slotbase.refresh_token";

type Listener = (user: User | null) => void;

/// One client per app. The access token lives in memory; the refresh token in localStorage, so
/// a reload signs back in with it (and rotates it).
export class Api {
  private access: string | null = null;
  private user: User | null = null;
  private refreshing: Promise<boolean> | null = null;
  private listeners = new Set<Listener>();
  private readonly base: string;
  private readonly fetcher: typeof fetch;

  constructor(base = "", fetcher: typeof fetch = (...args) => fetch(...args)) {
    this.base = base;
    this.fetcher = fetcher;
  }

  get currentUser(): User | null {
    return this.user;
  }

  /// The access token of the session, for the live channel (/ws) that cannot send headers.
  get accessToken(): string | null {
    return this.access;
  }

  onUserChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setSession(s: Session | null) {
    this.access = s?.access_token ?? null;
    this.user = s?.user ?? null;
    if (s) localStorage.setItem(REFRESH_KEY, s.refresh_token);
    else localStorage.removeItem(REFRESH_KEY);
    this.listeners.forEach((l) => l(this.user));
  }

  async register(name: string, email: string, password: string): Promise<User> {
    const s = await this.request<Session>("POST", "/api/v1/auth/register", { name, email, password }, false);
    this.setSession(s);
    return s.user;
  }

  async login(email: string, password: string): Promise<User> {
    const s = await this.request<Session>("POST", "/api/v1/auth/login", { email, password }, false);
    this.setSession(s);
    return s.user;
  }

  async logout(): Promise<void> {
    try {
      if (this.access) await this.request<void>("POST", "/api/v1/auth/logout");
    } finally {
      this.setSession(null);
    }
  }

  /// Signs back in from the stored refresh token; false when there is none or it was refused.
  async resume(): Promise<boolean> {
    if (!localStorage.getItem(REFRESH_KEY)) return false;
    const ok = await this.refresh();
    if (ok) {
      if (!this.user) this.user = await this.get<Answer<"/api/v1/me", "get">>("/api/v1/me");
      this.listeners.forEach((l) => l(this.user));
    }
    return ok;
  }

  private refresh(): Promise<boolean> {
    // Parallel 401s share one refresh: a refresh token may be used once.
    if (!this.refreshing) {
      this.refreshing = (async () => {
        const token = localStorage.getItem(REFRESH_KEY);
        if (!token) return false;
        try {
          const s = await this.request<Session>("POST", "/api/v1/auth/refresh", { refresh_token: token }, false);
          this.access = s.access_token;
          if (s.user) this.user = s.user;
          localStorage.setItem(REFRESH_KEY, s.refresh_token);
          return true;
        } catch {
          this.setSession(null);
          return false;
        }
      })().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>("GET", path);
  }
  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("POST", path, body);
  }
  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("PUT", path, body);
  }
  patch<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("PATCH", path, body);
  }
  del<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("DELETE", path, body);
  }

  /// A file the API sends (a CSV download): its text, type and the name its Content-Disposition
  /// gives it. Errors are problem+json as for every other call.
  async file(path: string, retried = false): Promise<{ text: string; type: string; filename: string | null }> {
    const headers: Record<string, string> = { Accept: "text/csv, application/problem+json" };
    if (this.access) headers.Authorization = `Bearer ${this.access}`;
    let res: Response;
    try {
      res = await this.fetcher(this.base + path, { method: "GET", headers });
    } catch {
      throw new ApiError(0, "SlotBase cannot be reached. Check your connection and try again.");
    }
    if (res.status === 401 && !retried && (await this.refresh())) return this.file(path, true);
    const text = await res.text();
    if (!res.ok) {
      const problem = (text ? JSON.parse(text) : undefined) as Partial<Problem> | undefined;
      throw new ApiError(res.status, problem?.detail ?? `The request failed (${res.status}).`, problem?.rule, problem?.errors ?? []);
    }
    const disposition = res.headers.get("Content-Disposition") ?? "";
    const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? null;
    return { text, type: res.headers.get("Content-Type") ?? "application/octet-stream", filename };
  }

  async request<T>(method: string, path: string, body?: unknown, auth = true, retried = false): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json" };
    // A file (an image upload) goes as its bytes under its own type; anything else as JSON.
    const file = body instanceof Blob ? body : undefined;
    if (body !== undefined) headers["Content-Type"] = file ? file.type : "application/json";
    if (auth && this.access) headers.Authorization = `Bearer ${this.access}`;
    let res: Response;
    try {
      res = await this.fetcher(this.base + path, {
        method,
        headers,
        body: body === undefined ? undefined : (file ?? JSON.stringify(body)),
      });
    } catch {
      throw new ApiError(0, "SlotBase cannot be reached. Check your connection and try again.");
    }
    if (res.status === 401 && auth && !retried && (await this.refresh()))
      return this.request<T>(method, path, body, auth, true);
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    const data = text ? JSON.parse(text) : undefined;
    if (!res.ok) {
      const problem = data as Partial<Problem> | undefined;
      const detail = problem?.detail ?? `The request failed (${res.status}).`;
      throw new ApiError(res.status, detail, problem?.rule, problem?.errors ?? [], {
        code: problem?.code,
        declineCode: problem?.decline_code,
      });
    }
    return data as T;
  }
}

/// The message to show for an error of any kind.
export function messageOf(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.fields.length) return e.fields.map((f) => `${f.field}: ${f.message}`).join(" ");
    return e.message;
  }
  return e instanceof Error ? e.message : String(e);
}
