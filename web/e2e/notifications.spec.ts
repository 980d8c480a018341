import { expect, test } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expectAccessible, openGrid, playerOnGrid, setUpClub, signUp, uniqueEmail } from "./helpers";

test("a booking's confirmation reaches the player's bell live, with the court and the club's time", async ({ browser }) => {
  const club = `Lakeside ${Date.now()}`;
  const admin = await (await browser.newContext()).newPage();
  await setUpClub(admin, club);
  const page = await (await browser.newContext()).newPage();
  await playerOnGrid(page, club, "Nia Notified");

  const bell = page.getByRole("button", { name: /^Notifications/ });
  await expect(bell).toHaveAccessibleName("Notifications");
  await page.getByRole("button", { name: /^Court 1, 10:00 to 11:00, available/ }).click();
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByRole("button", { name: /^Court 1, 10:00 to 11:00, your booking/ })).toBeVisible();

  // Pushed over /ws: no reload.
  await expect(page.getByRole("button", { name: "Notifications, 1 unread" })).toBeVisible();
  await page.getByRole("button", { name: "Notifications, 1 unread" }).click();
  const list = page.getByRole("list", { name: "Notifications" });
  await expect(list.getByText("Booking confirmed")).toBeVisible();
  await expect(list.getByText(/Court 1 at .*, \w{3} \d{1,2} \w{3}, 10:00 \(America\/New_York\)/)).toBeVisible();
  await expectAccessible(page, "the notifications list");

  await page.getByRole("button", { name: "Mark read: Booking confirmed" }).click();
  await expect(page.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();
});

/// Debian's aiosmtpd as a real mail server (tests/notification/smtp_sink.py, as the C++ SMTP tests
/// use it), and a second `slotbase serve` sending to it: each message it accepts is a JSON file
/// in `dir`, parsed by Python's own e-mail parser.
class MailedServer {
  readonly dir = mkdtempSync(join(tmpdir(), "slotbase-e2e-smtp-"));
  private readonly data = mkdtempSync(join(tmpdir(), "slotbase-e2e-mailed-"));
  private sink: ChildProcess | null = null;
  private server: ChildProcess | null = null;
  base = "";

  async start() {
    const root = resolve(import.meta.dirname, "../..");
    const portFile = join(this.dir, "port");
    this.sink = spawn("/usr/bin/python3", [join(root, "tests/notification/smtp_sink.py"), this.dir, portFile], { stdio: "inherit" });
    await expect.poll(() => existsSync(portFile), { timeout: 10_000 }).toBe(true);
    const smtpPort = Number(readFileSync(portFile, "utf8"));
    const port = await freePort();
    const binary = process.env.SLOTBASE_BINARY ?? join(root, "build/slotbase");
    this.server = spawn(binary, ["serve", "--listen", `127.0.0.1:${port}`, "--data-dir", this.data, "--rate-limit", "off", "--log-level", "warn"], {
      env: { ...process.env, SLOTBASE_WEB_DIR: resolve(import.meta.dirname, "../dist"), SLOTBASE_SMTP_URL: `smtp://127.0.0.1:${smtpPort}` },
      stdio: "inherit",
    });
    this.base = `http://127.0.0.1:${port}`;
    await expect
      .poll(async () => (await fetch(`${this.base}/ready`).catch(() => null))?.status ?? 0, { timeout: 30_000 })
      .toBe(200);
  }

  /// The messages received so far, in order.
  received(): { rcpt_tos: string[]; headers: Record<string, string>; parts: Record<string, string> }[] {
    return readdirSync(this.dir)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(this.dir, f), "utf8")));
  }

  stop() {
    this.server?.kill("SIGTERM");
    this.sink?.kill("SIGTERM");
    rmSync(this.dir, { recursive: true, force: true });
    rmSync(this.data, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() => done(typeof address === "object" && address ? address.port : 0));
    });
  });
}

test.describe("with a mail server", () => {
  const mailed = new MailedServer();
  test.beforeAll(async () => mailed.start());
  test.afterAll(() => mailed.stop());

  test("a booking in the player app shows in the bell live and arrives as an e-mail at the mail server", async ({ browser }) => {
    const club = `Mailside ${Date.now()}`;
    const admin = await (await browser.newContext({ baseURL: mailed.base })).newPage();
    await setUpClub(admin, club);
    const page = await (await browser.newContext({ baseURL: mailed.base })).newPage();
    const email = uniqueEmail("maya");
    await page.goto("/");
    await signUp(page, "Maya Mailed", email);
    // The e-mail goes out at once, whatever the hour of the run (quiet hours would hold it).
    await page.getByRole("button", { name: /^Notifications/ }).click();
    await page.getByRole("button", { name: "Notification settings" }).click();
    await page.getByLabel("Hold e-mails during quiet hours").uncheck();
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved.");
    await page.getByRole("button", { name: "Book a court" }).click();
    await openGrid(page, club);

    await page.getByRole("button", { name: /^Court 1, 10:00 to 11:00, available/ }).click();
    await page.getByRole("button", { name: "Confirm booking" }).click();
    await expect(page.getByRole("button", { name: "Notifications, 1 unread" })).toBeVisible();

    // Hers, but the sign-up's verification e-mail (the one message without List-Unsubscribe).
    const hers = () => mailed.received().filter((m) => m.rcpt_tos.includes(email) && m.headers["List-Unsubscribe"]);
    await expect.poll(() => hers().length, { timeout: 20_000 }).toBe(1);
    const mail = hers()[0];
    expect(mail.headers.Subject).toMatch(/^Booking confirmed: Court 1, \w{3} \d{1,2} \w{3}, 10:00 \(America\/New_York\)$/);
    expect(mail.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail.headers["List-Unsubscribe"]).toContain(`${mailed.base}/api/v1/unsubscribe?token=`);
    expect(mail.parts["text/plain"]).toContain("Hello Maya Mailed,");
    expect(mail.parts["text/plain"]).toMatch(/When: \w{3} \d{1,2} \w{3}, 10:00 \(America\/New_York\) to 11:00/);
    expect(mail.parts["text/html"]).toContain("<strong>Court 1</strong>");
  });
});
