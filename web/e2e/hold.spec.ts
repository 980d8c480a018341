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
