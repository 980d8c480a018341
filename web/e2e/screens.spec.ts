// Screenshots of the main pages of both apps, on a desktop and on a phone, to check the look by
// looking (docs/screens.md shows a committed set). Each page also passes the axe-core audit.
// The pictures go to SLOTBASE_SCREENS_DIR when it is set (docs/screens.md: regenerate the set),
// else to this run's test-results folder, so a run in CI writes nothing into the repository.
import { expect, test, type APIRequestContext, type APIResponse, type Browser, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { dayIn } from "./club-api";
import { expectAccessible, logIn } from "./helpers";

const DEVICES = {
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true },
} satisfies Record<string, BrowserContextOptions>;
type Device = keyof typeof DEVICES;

// Each test audits and shoots a dozen pages: more than the default minute on a busy machine.
test.describe.configure({ timeout: 150_000 });

const NY = "America/New_York";
/// The day the pictures show: five days ahead in the demo club's zone, open all day whatever the
/// weekday, inside the booking window, and a day (with Courts 3, 4 and 7) no other test books.
const DAY = dayIn(NY, 5);

function folder(outputDir: string): string {
  const dir = process.env.SLOTBASE_SCREENS_DIR ? resolve(process.env.SLOTBASE_SCREENS_DIR) : outputDir;
  mkdirSync(dir, { recursive: true });
  return dir;
}

/// Audits the page and saves what the screen shows as `<name>-<device>.png`.
/// `exclude`: a known finding the audit leaves out here (each one says why).
async function shoot(page: Page, dir: string, name: string, device: Device, exclude: string[] = []) {
  // Nothing still loading, no caret blinking, no transition half-way.
  await expect(page.getByText("Loading…", { exact: true })).toHaveCount(0);
  await expectAccessible(page, `${name} on a ${device}`, exclude);
  // No focus ring or selected text left over from the last field filled.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: join(dir, `${name}-${device}.png`), animations: "disabled", caret: "hide" });
}

/// Opens one of the app's pages from its navigation: on a phone the admin app's pages sit behind
/// the header's Menu button, which keeps the header to one row.
async function go(nav: Locator, name: string) {
  const menu = nav.getByRole("button", { name: "Menu" });
  if (await menu.isVisible()) {
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
  }
  await nav.getByRole("button", { name, exact: true }).click();
}

/// The header's height: one row of controls on a phone as on a desktop (the player app adds its
/// three pages as tabs under it).
async function headerHeight(page: Page) {
  return (await page.getByRole("banner").boundingBox())!.height;
}

/// One signed-in session for an app, opened once on each device from the same storage state.
async function sessions(browser: Browser, path: string, email: string, password: string) {
  const first = await browser.newContext(DEVICES.desktop);
  const desktop = await first.newPage();
  await desktop.goto(path);
  await logIn(desktop, email, password);
  await expect(desktop.getByRole("button", { name: "Log out" })).toBeVisible();
  const state = await first.storageState();
  const phone = await (await browser.newContext({ ...DEVICES.phone, storageState: state })).newPage();
  await phone.goto(path);
  // (The admin app's Log out is in its menu on a phone.)
  await expect(phone.getByRole("button", { name: /^(Log out|Menu)$/ })).toBeVisible();
  return { desktop, phone } satisfies Record<Device, Page>;
}

/// What the pictures show, made through the API as the demo owner: two bookings of Pat Player's
/// on the day (a morning on Court 3, an evening on Court 4), and a maintenance block.
let made: Promise<{ id: string; name: string }> | undefined;
function demoDay(request: APIRequestContext) {
  made ??= makeDemoDay(request);
  return made;
}

async function makeDemoDay(request: APIRequestContext) {
  const login = await request.post("/api/v1/auth/login", { data: { email: "owner@demo.slotbase.test", password: "demo-owner-pass" } });
  expect(login.ok()).toBe(true);
  const headers = { authorization: `Bearer ${(await login.json()).access_token}` };
  const facility = (await (await request.get("/api/v1/facilities", { headers })).json()).items[0] as { id: string; name: string };
  const courts = (await (await request.get(`/api/v1/facilities/${facility.id}/resources`, { headers })).json()).items as { id: string; name: string }[];
  const court = (name: string) => courts.find((c) => c.name === name)!.id;
  const members = (await (await request.get(`/api/v1/facilities/${facility.id}/members`, { headers })).json()).items as { user_id: string; email: string }[];
  const pat = members.find((m) => m.email === "player@demo.slotbase.test")!.user_id;
  // The club's local times as instants (New York is 5 hours behind UTC in winter, 4 in summer).
  const offset = new Intl.DateTimeFormat("en-US", { timeZone: NY, timeZoneName: "longOffset" })
    .formatToParts(new Date(`${DAY}T12:00:00Z`))
    .find((p) => p.type === "timeZoneName")!
    .value.replace("GMT", "");
  const at = (time: string) => `${DAY}T${time}:00${offset}`;
  // A conflict is this spec's own from an earlier test of the run (after a failure Playwright
  // starts a new worker, which forgets `made`): no other test books these courts on the day.
  const made = (r: APIResponse) => r.ok() || r.status() === 409;
  for (const [name, from, to] of [
    ["Court 3", "09:00", "10:30"],
    ["Court 4", "18:00", "19:00"],
  ]) {
    const r = await request.post(`/api/v1/facilities/${facility.id}/bookings`, {
      headers,
      data: { resource_id: court(name), start: at(from), end: at(to), type: "private", user_id: pat },
    });
    expect(made(r), await r.text()).toBe(true);
  }
  const block = await request.post(`/api/v1/resources/${court("Court 7")}/blocks`, {
    headers,
    data: { start: at("07:00"), end: at("09:00"), reason: "Resurfacing" },
  });
  expect(made(block), await block.text()).toBe(true);
  // The confirmations reach the delivery log (a job sends them): wait for them.
  await expect
    .poll(async () => ((await (await request.get(`/api/v1/facilities/${facility.id}/notifications`, { headers })).json()).items as unknown[]).length)
    .toBeGreaterThan(0);
  return facility;
}

test("screens of the player app, on a desktop and on a phone", async ({ browser, request }, testInfo) => {
  const dir = folder(testInfo.outputDir);
  const facility = await demoDay(request);
  const pages = await sessions(browser, "/", "player@demo.slotbase.test", "demo-player-pass");
  const slots: Record<Device, string> = { desktop: "12:00", phone: "13:00" };
  for (const device of ["desktop", "phone"] as const) {
    const page = pages[device];
    const nav = page.getByRole("navigation", { name: "Main" });

    // The club's page: who, where, hours, courts and the rules.
    // (A member opens on the club's grid; elsewhere the app lists the clubs first.)
    await page.getByRole("button", { name: "About this club" }).or(page.getByRole("button", { name: `About ${facility.name}` })).click();
    await expect(page.getByRole("region", { name: "Booking rules" })).toBeVisible();
    // (A table of the courts on a desktop, a list of cards on a phone.)
    await expect(page.getByRole("region", { name: "Courts" }).getByText("Court 12").first()).toBeAttached();
    await expect(page.getByRole("region", { name: "Booking rules" })).toContainText("Cancel");
    await shoot(page, dir, "player-club", device);

    // The grid on the day, a slot held: the panel with the countdown, the price and Confirm.
    await page.getByRole("button", { name: /^(Back to booking|Book a court here)$/ }).first().click();
    await expect(page.getByRole("heading", { name: `Book a court at ${facility.name}` })).toBeVisible();
    await page.getByLabel("Date").fill(DAY);
    const slot = new RegExp(`^Court 7, ${slots[device]} to \\d\\d:\\d\\d, available`);
    await page.getByRole("button", { name: slot }).click();
    const hold = page.getByRole("region", { name: "Your hold" });
    await expect(hold.getByRole("timer")).toBeInViewport();
    await expect(hold.getByRole("list", { name: "Price breakdown" })).toBeVisible();
    // The sheet keeps its Pay button in view on a phone too.
    await expect(hold.getByRole("button", { name: /^Pay / })).toBeInViewport({ ratio: 1 });
    await shoot(page, dir, "player-grid-hold", device);
    await hold.getByRole("button", { name: "Let it go" }).click();
    await expect(hold).toHaveCount(0);

    // The player's bookings: the two the desk made for the day.
    await nav.getByRole("button", { name: "My bookings" }).click();
    await expect(page.getByRole("heading", { name: "My bookings" })).toBeVisible();
    await expect(page.getByText(/Court 3/).first()).toBeVisible();
    await expect(page.getByText(/Court 4/).first()).toBeVisible();
    await shoot(page, dir, "player-bookings", device);

    // The bell's notifications, then the notification settings.
    await nav.getByRole("button", { name: /^Notifications/ }).click();
    await expect(page.getByRole("heading", { name: "Notifications" })).toBeVisible();
    // The list lies wholly on the screen, under the header.
    const list = (await page.getByRole("region", { name: "Notifications", exact: true }).boundingBox())!;
    expect(list.x).toBeGreaterThanOrEqual(0);
    expect(list.x + list.width).toBeLessThanOrEqual(DEVICES[device].viewport.width);
    expect(list.y).toBeGreaterThanOrEqual(await headerHeight(page) - 1);
    await shoot(page, dir, "player-notifications", device);
    await page.getByRole("button", { name: "Notification settings" }).click();
    await expect(page.getByRole("heading", { name: "Notification settings" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Phone number for text messages" })).toBeVisible();
    await shoot(page, dir, "player-settings", device);
    await nav.getByRole("button", { name: "Book a court" }).click();
  }
});

test("screens of the admin app, on a desktop and on a phone", async ({ browser, request }, testInfo) => {
  const dir = folder(testInfo.outputDir);
  await demoDay(request);
  const pages = await sessions(browser, "/admin", "owner@demo.slotbase.test", "demo-owner-pass");
  for (const device of ["desktop", "phone"] as const) {
    const page = pages[device];
    const nav = page.getByRole("navigation", { name: "Admin" });
    expect(await headerHeight(page)).toBeLessThan(72);

    // The calendar's day view on the day: the two bookings and the block.
    await go(nav, "Calendar");
    await expect(page.getByRole("heading", { name: "Calendar", exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Day", exact: true }).click();
    await page.getByLabel("Date", { exact: true }).fill(DAY);
    const booking = page.getByRole("button", { name: /^09:00–10:30 on Court 3: Pat Player/ });
    await expect(booking).toBeVisible();
    await expect(page.getByRole("button", { name: /^18:00–19:00 on Court 4: Pat Player/ })).toBeAttached();
    // (On a phone the calendar shows a court or two: scroll to the booking.)
    // (The browser's own scrolling, which keeps the court clear of the sticky time column.)
    await booking.evaluate((el) => el.scrollIntoView({ block: "nearest", inline: "nearest" }));
    await shoot(page, dir, "admin-calendar-day", device);

    // A booking's drawer.
    await booking.click();
    const drawer = page.getByRole("complementary", { name: "Booking 09:00 on Court 3" });
    await expect(drawer.getByRole("link", { name: "player@demo.slotbase.test" })).toBeVisible();
    await shoot(page, dir, "admin-booking-drawer", device);
    await drawer.getByRole("button", { name: /^Close/ }).click();
    await expect(drawer).toHaveCount(0);

    // The week around the day.
    await page.getByRole("button", { name: "Week", exact: true }).click();
    await expect(page.getByText("09:00–10:30 Court 3 · Pat Player").first()).toBeVisible();
    await shoot(page, dir, "admin-calendar-week", device);
    await page.getByRole("button", { name: "Day", exact: true }).click();

    // Settings: the booking policies.
    await go(nav, "Settings");
    await expect(page.getByRole("button", { name: "Save policies" })).toBeVisible();
    await shoot(page, dir, "admin-settings", device);

    // People and bookings.
    await go(nav, "People and bookings");
    await expect(page.getByRole("heading", { name: "People and bookings" })).toBeVisible();
    await expect(page.getByText("Dan Desk").first()).toBeVisible();
    // Bookings up to the day, with the two of the pictures.
    await page.getByLabel("To", { exact: true }).fill(DAY);
    await expect(page.getByRole("cell", { name: "Pat Player" }).first()).toBeVisible();
    await shoot(page, dir, "admin-lists", device);

    // The delivery log, with the confirmations of the day's bookings.
    await go(nav, "Messages");
    await expect(page.getByRole("table", { name: "Delivery log" })).toBeVisible();
    await shoot(page, dir, "admin-delivery-log", device);
  }
});
