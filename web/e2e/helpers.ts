import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

let counter = 0;
/// An email no other test has used, in this run or an earlier one against the same server.
export function uniqueEmail(who: string): string {
  counter += 1;
  return `${who}-${Date.now()}-${counter}@example.com`;
}

export const PASSWORD = "a long enough passphrase";

export async function signUp(page: Page, name: string, email: string) {
  await page.getByRole("button", { name: "New here? Create an account" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
}

/// Logs in to the app on the page (player or admin) with an existing account.
export async function logIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

/// No serious or critical WCAG 2 A/AA violations on the page as it is now; `exclude` leaves out
/// what is not the app's (an e-mail shown in its sandboxed frame, where axe cannot run).
export async function expectAccessible(page: Page, what: string, exclude: string[] = []) {
  let axe = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  for (const selector of exclude) axe = axe.exclude(selector);
  const results = await axe.analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    `accessibility of ${what}`,
  ).toEqual([]);
}

/// The date the tests book on: three days ahead in New York, where the test facility is, so the
/// whole day is open and cancelling gets the full-refund tier whatever the hour of the run.
export function bookingDay(): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 3);
  return d.toISOString().slice(0, 10);
}

/// Sets up a club through the admin app's set-up flow (in New York unless `timeZone` says
/// otherwise: one of the set-up's zones) and leaves the page on the calendar.
export async function setUpClub(page: Page, clubName: string, timeZone = "America/New_York") {
  await page.goto("/admin");
  await signUp(page, "Olivia Owner", uniqueEmail("owner"));
  await expect(page.getByRole("heading", { name: "Set up your facility" })).toBeVisible();
  await expectAccessible(page, "the set-up flow");
  await page.getByLabel("Organization name").fill(`${clubName} Club`);
  await page.getByRole("button", { name: "Create organization" }).click();
  await page.getByLabel("Facility name").fill(clubName);
  await page.getByLabel("Time zone").selectOption(timeZone);
  await page.getByLabel("Currency").selectOption("USD");
  await page.getByRole("button", { name: "Create facility" }).click();
  await expect(page.getByRole("button", { name: "Save opening hours" })).toBeVisible();
  await expectAccessible(page, "the opening hours step");
  await page.getByRole("button", { name: "Save opening hours" }).click();
  await expectAccessible(page, "the courts and prices step");
  await page.getByLabel("Court name").fill("Court 1");
  await page.getByLabel("Price per hour (USD)").fill("20.00");
  await page.getByRole("button", { name: "Add court" }).click();
  await expect(page.getByRole("list", { name: "Courts added" }).getByText("Court 1")).toBeVisible();
  await page.getByLabel("Court name").fill("Court 2");
  await page.getByRole("button", { name: "Add court" }).click();
  await expect(page.getByRole("list", { name: "Courts added" }).getByText("Court 2")).toBeVisible();
  await page.getByRole("button", { name: "Continue to policies" }).click();
  await expectAccessible(page, "the policies step");
  await page.getByLabel("Booking window (days ahead)").fill("30");
  await page.getByRole("button", { name: "Finish set-up" }).click();
  await expect(page.getByRole("heading", { name: "Calendar", exact: true })).toBeVisible();
}

/// A player signs up in the player app and opens the booking grid of `clubName` on the booking day.
export async function playerOnGrid(page: Page, clubName: string, name: string) {
  await page.goto("/");
  await signUp(page, name, uniqueEmail(name.split(" ")[0].toLowerCase()));
  await openGrid(page, clubName);
}

/// A signed-in player opens the booking grid of `clubName` (choosing it where other clubs are
/// listed too) on the booking day.
export async function openGrid(page: Page, clubName: string) {
  const grid = page.getByRole("heading", { name: `Book a court at ${clubName}` });
  const choose = page.getByRole("button", { name: `Book at ${clubName}` });
  await expect(choose.or(grid)).toBeVisible();
  if (!(await grid.isVisible())) await choose.click();
  await expect(grid).toBeVisible();
  await page.getByLabel("Date").fill(bookingDay());
}

/// The link to `page` in the newest e-mail to `to`, read from the server's local outbox as the
/// demo's platform administrator (the e-mail is made by a job: wait for it).
export async function linkInEmail(request: APIRequestContext, to: string, page: string): Promise<string> {
  const login = await request.post("/api/v1/auth/login", { data: { email: "admin@demo.slotbase.test", password: "demo-admin-pass" } });
  const token = (await login.json()).access_token as string;
  const pattern = new RegExp(`https?://\\S+${page}\\?token=[A-Za-z0-9_-]+`);
  let link = "";
  await expect
    .poll(
      async () => {
        const r = await request.get(`/api/v1/admin/outbox?to=${encodeURIComponent(to)}`, { headers: { Authorization: `Bearer ${token}` } });
        const items = (await r.json()).items as { text: string }[];
        link = items.map((m) => pattern.exec(m.text)?.[0] ?? "").find((l) => l) ?? "";
        return link;
      },
      { timeout: 15_000 },
    )
    .not.toBe("");
  return link;
}
