import { expect, test, type CDPSession, type Locator } from "@playwright/test";
import { bookingDay, expectAccessible, logIn } from "./helpers";

// A phone: the touches below reach the page as the browser's own touch input (pointer events of
// type touch, with its scrolling and pointer capture), not as synthetic events.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

async function centre(slot: Locator): Promise<{ x: number; y: number }> {
  const box = await slot.boundingBox();
  if (!box) throw new Error("the slot is not on the screen");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/// One finger from `from` to `to` in small steps, after `rest` (until the page shows the press).
type Point = { x: number; y: number };
/// `to` may be measured once the finger has rested: the page may move when a slot is chosen.
async function drag(cdp: CDPSession, from: Point, end: Point | (() => Promise<Point>), rest?: () => Promise<void>) {
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [from] });
  if (rest) await rest();
  const to = typeof end === "function" ? await end() : end;
  const steps = 10;
  for (let i = 1; i <= steps; i++) {
    const at = { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps };
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [at] });
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
}

test("on a phone the desk presses and holds a free slot and drags down the court to book or block the range", async ({ page, context }) => {
  test.slow();
  await page.goto("/admin");
  await logIn(page, "desk@demo.slotbase.test", "demo-desk-pass");
  await expect(page.getByRole("heading", { name: "Calendar", exact: true })).toBeVisible();
  await page.getByLabel("Date", { exact: true }).fill(bookingDay());
  const first = page.getByRole("button", { name: "Court 2, 19:00, free" });
  const last = page.getByRole("button", { name: "Court 2, 20:00, free" });
  await expect(first).toBeVisible();
  await first.scrollIntoViewIfNeeded();
  await expectAccessible(page, "the calendar on a phone");
  const cdp = await context.newCDPSession(page);

  // A quick swipe down the slots scrolls back to earlier times: it selects nothing.
  const scrolled = () => page.evaluate(() => window.scrollY + (document.querySelector(".cal-scroll")?.scrollTop ?? 0));
  const before = await scrolled();
  const swipeFrom = await centre(first);
  await drag(cdp, swipeFrom, { x: swipeFrom.x, y: swipeFrom.y + 150 });
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect.poll(scrolled).toBeLessThan(before);

  // The swipe's fling settles before the slots are measured again.
  let settled = await scrolled();
  for (let tries = 0; tries < 20; tries++) {
    await page.waitForTimeout(250);
    const now = await scrolled();
    if (now === settled) break;
    settled = now;
  }

  // Pressing a slot a moment and then dragging selects from it to where the finger stops.
  await first.scrollIntoViewIfNeeded();
  // The finger rests until the slot shows it is chosen, as a person waits for it.
  await drag(cdp, await centre(first), () => centre(last), () => expect(first).toHaveAttribute("aria-pressed", "true"));
  const chooser = page.getByRole("dialog", { name: "Court 2, 19:00 to 20:30" });
  await expect(chooser).toBeVisible();
  await expectAccessible(page, "the book-or-block chooser on a phone");
  await chooser.getByRole("button", { name: "Book" }).click();
  const form = page.getByRole("region", { name: "Book for a member" });
  await expect(form.getByLabel("Court").locator("option:checked")).toHaveText("Court 2");
  await expect(form.getByLabel("Start")).toHaveValue("19:00");
  await expect(form.getByLabel("Minutes")).toHaveValue("90");
});
