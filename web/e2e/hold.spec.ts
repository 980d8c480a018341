import { expect, test, type Browser } from "@playwright/test";
import { bookingDay, expectAccessible, playerOnGrid, setUpClub } from "./helpers";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };
const DESKTOP = { viewport: { width: 1280, height: 720 } };

async function clubWithPlayers(browser: Browser, club: string) {
  const admin = await (await browser.newContext()).newPage();
  await setUpClub(admin, club);
  const desk = await (await browser.newContext(DESKTOP)).newPage();
  const phone = await (await browser.newContext(PHONE)).newPage();
  await playerOnGrid(desk, club, "Dee Desktop");
  await playerOnGrid(phone, club, "Pho Phone");
  return { desk, phone };
}

test("a player's own hold and booking read as theirs, in the grid and in the phone's list", async ({ browser }) => {
  const { desk, phone } = await clubWithPlayers(browser, `Brookside ${Date.now()}`);

  await desk.getByRole("button", { name: /^Court 1, 10:00 to 11:00, available/ }).click();
  const held = desk.getByRole("button", { name: /^Court 1, 10:00 to 11:00, your hold/ });
  await expect(held).toBeVisible();
  await expect(held).toHaveAttribute("aria-pressed", "true");
  await expect(phone.getByRole("button", { name: /^Court 1, 10:00 to 11:00, held by someone/ })).toBeVisible();
  await desk.getByRole("button", { name: "Confirm booking" }).click();
  await expect(desk.getByRole("button", { name: /^Court 1, 10:00 to 11:00, your booking/ })).toBeVisible();
  await expect(phone.getByRole("button", { name: /^Court 1, 10:00 to 11:00, booked/ })).toBeVisible();

  await phone.getByRole("button", { name: /^Court 2, 14:00 to 15:00, available/ }).click();
  await expect(phone.getByRole("button", { name: /^Court 2, 14:00 to 15:00, your hold/ })).toBeVisible();
  await phone.getByRole("button", { name: "Confirm booking" }).click();
  await expect(phone.getByRole("button", { name: /^Court 2, 14:00 to 15:00, your booking/ })).toBeVisible();
  await expect(desk.getByRole("button", { name: /^Court 2, 14:00 to 15:00, booked/ })).toBeVisible();
  await expectAccessible(phone, "the phone's list with the player's own booking");

  // A reload still knows which bookings are the player's.
  await desk.reload();
  await desk.getByLabel("Date").fill(bookingDay());
  await expect(desk.getByRole("button", { name: /^Court 1, 10:00 to 11:00, your booking/ })).toBeVisible();
  await expect(desk.getByRole("button", { name: /^Court 2, 14:00 to 15:00, booked/ })).toBeVisible();
  await expectAccessible(desk, "the grid with the player's own booking");
});

test("the selected slot's hold, price and Confirm open in view, on a desktop and on a phone", async ({ browser }) => {
  const { desk, phone } = await clubWithPlayers(browser, `Creekside ${Date.now()}`);

  for (const [page, where] of [
    [desk, "a desktop"],
    [phone, "a phone"],
  ] as const) {
    // The last slot of the day, far down the grid.
    const court = page === desk ? "Court 1" : "Court 2";
    await page.getByRole("button", { name: new RegExp(`^${court}, 21:00 to 22:00, available`) }).click();
    const confirm = page.getByRole("button", { name: "Confirm booking" });
    await expect(confirm).toBeInViewport();
    await expect(page.getByRole("timer")).toBeInViewport();
    await expect(page.getByRole("region", { name: "Your hold" }).getByText(/Price: \$\d/)).toBeInViewport();
    await expectAccessible(page, `a hold on ${where}`);
    await confirm.click();
    await expect(page.getByRole("heading", { name: "Booking confirmed" })).toBeInViewport();
  }
});
