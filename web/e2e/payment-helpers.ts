import { expect, type Browser, type Page } from "@playwright/test";
import { expectAccessible, playerOnGrid, setUpClub } from "./helpers";

/// The sandbox's test cards (Stripe's numbers).
export const CARDS = {
  succeeds: "4242424242424242",
  declined: "4000000000000002",
  insufficientFunds: "4000000000009995",
  authenticates: "4000002500003155",
};

/// The owner connects the facility to the payment provider from Settings, Payments: the sandbox's
/// onboarding page, then back to the admin app, which follows the account until it is active.
export async function connectPayments(admin: Page) {
  await admin.getByRole("button", { name: "Settings", exact: true }).click();
  await admin.getByRole("navigation", { name: "Settings" }).getByRole("button", { name: "Payments" }).click();
  await expect(admin.getByText("Not connected: players cannot pay by card yet.")).toBeVisible();
  await expectAccessible(admin, "the payments settings, not connected");
  await admin.getByRole("button", { name: "Connect payments" }).click();
  await expect(admin.getByRole("heading", { name: "Connect payments" })).toBeVisible();
  await admin.getByRole("button", { name: "Submit and activate" }).click();
  await expect(admin).toHaveURL(/\/admin\/?$/);
  await expect(admin.getByRole("status")).toHaveText("Payments are connected: players can pay by card.");
  await expect(admin.getByText("Active: players pay by card, and refunds go back to their cards.")).toBeVisible();
  await expectAccessible(admin, "the payments settings, connected");
}

/// The facility takes payment when players book (Settings, Booking policies).
export async function payWhenBooking(admin: Page) {
  await admin.getByRole("button", { name: "Settings", exact: true }).click();
  await admin.getByRole("navigation", { name: "Settings" }).getByRole("button", { name: "Booking policies" }).click();
  await admin.getByLabel("Players pay").selectOption("at_booking");
  await admin.getByRole("button", { name: "Save policies" }).click();
  await expect(admin.getByRole("status")).toHaveText("The policies are saved.");
}

/// A club set up through the admin app that takes cards when players book, and a player of it
/// on its booking grid.
export async function clubTakingCards(browser: Browser, club: string, playerName: string) {
  const admin = await (await browser.newContext()).newPage();
  await setUpClub(admin, club);
  await connectPayments(admin);
  await payWhenBooking(admin);
  const player = await (await browser.newContext()).newPage();
  await playerOnGrid(player, club, playerName);
  return { admin, player };
}

/// Fills the hold panel's card form and pays.
export async function payByCard(player: Page, number: string, options: { save?: boolean } = {}) {
  const form = player.getByRole("form", { name: "Card details" });
  await form.getByLabel("Card number").fill(number);
  await form.getByLabel("Expiry (MM/YY)").fill("12/34");
  await form.getByLabel("Security code (CVC)").fill("123");
  if (options.save) await form.getByRole("checkbox", { name: "Save this card for later payments" }).check();
  await form.getByRole("button", { name: /^Pay / }).click();
}

/// The hold panel's breakdown: price, credit applied and what is left to pay.
export async function expectBreakdown(player: Page, price: string, credit: string, toPay: string) {
  const breakdown = player.getByRole("region", { name: "Your hold" }).getByRole("list", { name: "Price breakdown" });
  await expect(breakdown.getByRole("listitem")).toHaveText([`Price ${price}`, `Account credit applied ${credit}`, `To pay now ${toPay}`]);
}

/// Counts the payment intents the page asks SlotBase to start (POST /api/v1/payment-intents).
export function countIntentsStarted(page: Page): () => number {
  let started = 0;
  page.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname === "/api/v1/payment-intents") started += 1;
  });
  return () => started;
}

/// The hold panel's timer, read as seconds left.
export async function secondsLeft(player: Page): Promise<number> {
  const text = (await player.getByRole("region", { name: "Your hold" }).getByRole("timer").textContent()) ?? "";
  const [m, s] = text.split(":").map(Number);
  return m * 60 + s;
}
