import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { expectAccessible, logIn } from "./helpers";

/// RFC 4180 as a spreadsheet reads it.
function parseCsv(text: string): string[][] {
  const rows: string[][] = [[]];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[++i];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      rows[rows.length - 1].push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      i++;
      rows[rows.length - 1].push(field);
      field = "";
      rows.push([]);
    } else field += c;
  }
  if (rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

/// Bookings on the demo club, made at the desk through the API: Pat's two on Court 5 (one of them
/// cancelled) and a league evening on Court 6, on a day no other test books.
async function bookDemoDay(request: APIRequestContext, day: string) {
  const login = await request.post("/api/v1/auth/login", { data: { email: "owner@demo.slotbase.test", password: "demo-owner-pass" } });
  expect(login.ok()).toBe(true);
  const headers = { authorization: `Bearer ${(await login.json()).access_token}` };
  const facility = (await (await request.get("/api/v1/facilities", { headers })).json()).items[0] as { id: string };
  const courts = (await (await request.get(`/api/v1/facilities/${facility.id}/resources`, { headers })).json()).items as { id: string; name: string }[];
  const court = (name: string) => courts.find((c) => c.name === name)!.id;
  const players = (await (await request.get(`/api/v1/facilities/${facility.id}/members`, { headers })).json()).items as { user_id: string; email: string }[];
  const pat = players.find((p) => p.email === "player@demo.slotbase.test")!.user_id;
  const book = async (name: string, hour: number, type: string, user_id?: string) => {
    const r = await request.post(`/api/v1/facilities/${facility.id}/bookings`, {
      headers,
      data: { resource_id: court(name), start: `${day}T${hour}:00:00Z`, end: `${day}T${hour + 1}:00:00Z`, type, ...(user_id ? { user_id } : {}) },
    });
    expect(r.ok(), await r.text()).toBe(true);
    return (await r.json()).id as string;
  };
  const kept = await book("Court 5", 15, "private", pat);
  const cancelled = await book("Court 5", 17, "private", pat);
  const r = await request.post(`/api/v1/bookings/${cancelled}/cancel`, { headers, data: { reason: "rain" } });
  expect(r.ok(), await r.text()).toBe(true);
  await book("Court 6", 22, "league");
  return kept;
}

test("the desk filters the bookings by court and status and downloads them as CSV", async ({ page, request }) => {
  const day = new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10);
  const kept = await bookDemoDay(request, day);

  await page.goto("/admin");
  await logIn(page, "desk@demo.slotbase.test", "demo-desk-pass");
  await page.getByRole("button", { name: "People and bookings" }).click();
  await page.getByLabel("From").fill(day);
  await page.getByLabel("To").fill(day);
  const table = page.getByRole("table", { name: "Bookings" });
  await expect(table.getByRole("row")).toHaveCount(4); // the header and the day's three
  await page.getByLabel("Court").selectOption({ label: "Court 5" });
  await expect(table.getByRole("row")).toHaveCount(3);
  await page.getByLabel("Status").selectOption("confirmed");
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("row").nth(1)).toContainText("Court 5");
  await expect(table.getByRole("row").nth(1)).toContainText("Pat Player");
  await expectAccessible(page, "the filtered bookings");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toBe(`bookings-${day}-to-${day}.csv`);
  const rows = parseCsv(readFileSync(await download.path(), "utf8"));
  expect(rows[0].slice(0, 3)).toEqual(["booking_id", "court", "start"]);
  expect(rows).toHaveLength(2);
  const row = Object.fromEntries(rows[0].map((name, i) => [name, rows[1][i]]));
  expect(row).toMatchObject({ booking_id: kept, court: "Court 5", player: "Pat Player", email: "player@demo.slotbase.test", status: "confirmed", type: "private" });
  expect(row.price).toMatch(/^\d+\.\d\d$/);
  await expect(page.getByRole("status")).toContainText(`Downloaded bookings-${day}-to-${day}.csv`);
});
