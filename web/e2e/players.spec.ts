import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, linkInEmail, logIn, openGrid, setUpClub, signUp, uniqueEmail } from "./helpers";

async function openPlayers(admin: Page) {
  await admin.getByRole("button", { name: "Players", exact: true }).click();
  await expect(admin.getByRole("heading", { name: "Players", exact: true })).toBeVisible();
}

const roster = (admin: Page) => admin.getByRole("table", { name: "Roster" });

test("the desk invites a player by e-mail, who signs up from the link, accepts and is on the roster", async ({ browser, request }) => {
  const desk = await (await browser.newContext()).newPage();
  await desk.goto("/admin");
  await logIn(desk, "desk@demo.slotbase.test", "demo-desk-pass");
  await openPlayers(desk);
  // The demo club's Players page starts filled: a request to join and an invitation waiting.
  await expect(desk.getByRole("list", { name: "Join requests" })).toContainText("Nora Newcomer");
  await expect(desk.getByRole("list", { name: "Pending invitations" })).toContainText("friend@demo.slotbase.test");
  await expect(roster(desk).getByRole("row", { name: /Pat Player/ })).toContainText("active");
  await expectAccessible(desk, "the Players page");

  const invited = uniqueEmail("invited");
  await desk.getByLabel("E-mail", { exact: true }).first().fill(invited);
  await desk.getByRole("button", { name: "Send invitation" }).click();
  await expect(desk.getByRole("status")).toHaveText(`An invitation was sent to ${invited}.`);
  await expect(desk.getByRole("list", { name: "Pending invitations" })).toContainText(invited);
  await expect(roster(desk).getByRole("row", { name: new RegExp(invited) })).toContainText("invited");

  const link = await linkInEmail(request, invited, "/invitations/accept");
  expect(new URL(link).pathname).toBe("/invitations/accept");
  const player = await (await browser.newContext()).newPage();
  await player.goto(link);
  await expect(player.getByRole("heading", { name: "Join Riverside Tennis Center" })).toBeVisible();
  await expect(player.getByText(/Sign in, or create an account/)).toBeVisible();
  await expectAccessible(player, "the invitation page, signed out");
  // The invitation works for any account: this player signs up under another address.
  const own = uniqueEmail("zoe");
  await signUp(player, "Zoe Invited", own);
  await expect(player.getByRole("button", { name: "Accept the invitation" })).toBeVisible();
  await expectAccessible(player, "the invitation page, signed in");
  await player.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(player.getByText("You are now a player of this club.")).toBeVisible();
  await expect(player.getByRole("heading", { name: "Riverside Tennis Center" })).toBeVisible();
  await expect(player).toHaveURL(/\/$/);
  await expectAccessible(player, "the club's page after accepting");

  // The link worked once.
  await player.goto(link);
  await expect(player.getByRole("alert")).toContainText("no longer works");

  await desk.getByLabel("Search by name or e-mail").fill(own);
  await expect(roster(desk).getByRole("row", { name: /Zoe Invited/ })).toContainText("active");
  // Taken up, the invitation is no longer waiting (the page read again).
  await desk.reload();
  await openPlayers(desk);
  await expect(desk.getByRole("list", { name: "Pending invitations" })).toContainText("friend@demo.slotbase.test");
  await expect(desk.getByRole("list", { name: "Pending invitations" })).not.toContainText(invited);
});

test("a player asks to join a members-only club and books once the club approves from the Players page", async ({ browser }) => {
  const club = `Approval Acres ${Date.now()}`;
  const admin = await (await browser.newContext()).newPage();
  await setUpClub(admin, club);
  await admin.getByRole("button", { name: "Settings", exact: true }).click();
  await admin.getByRole("navigation", { name: "Settings" }).getByRole("button", { name: "Booking policies", exact: true }).click();
  await admin.getByRole("radio", { name: "Members only; others may ask to join" }).check();
  await admin.getByRole("button", { name: "Save policies" }).click();
  await expect(admin.getByRole("status")).toHaveText("The policies are saved.");

  const player = await (await browser.newContext()).newPage();
  await player.goto("/");
  await signUp(player, "Ann Asker", uniqueEmail("ann"));
  await openGrid(player, club);
  const notice = player.getByRole("region", { name: "Members only" });
  await expect(notice).toContainText("Ask to join");
  await player.getByRole("button", { name: /^Court 1, 10:00 to 11:00, available/ }).click();
  await expect(player.getByRole("alert")).toContainText("Only members can book at this facility.");
  await expectAccessible(player, "the members-only notice");
  await player.getByLabel("Message to the club (optional)").fill("I play on Saturdays");
  await player.getByRole("button", { name: "Ask to join" }).click();
  await expect(notice).toContainText("Request pending.");
  // Still pending after a reload, read from the player's requests.
  await player.reload();
  await openGrid(player, club);
  await expect(player.getByRole("region", { name: "Members only" })).toContainText("Request pending.");

  await openPlayers(admin);
  const requests = admin.getByRole("list", { name: "Join requests" });
  await expect(requests).toContainText("I play on Saturdays");
  await expectAccessible(admin, "the Players page with a request");
  await admin.getByRole("button", { name: "Approve Ann Asker" }).click();
  await expect(admin.getByRole("status")).toHaveText("Ann Asker is now a player of the club.");
  await expect(requests).toContainText("No one is asking to join.");
  await expect(roster(admin).getByRole("row", { name: /Ann Asker/ })).toContainText("active");

  await player.reload();
  await openGrid(player, club);
  await player.getByRole("button", { name: /^Court 1, 10:00 to 11:00, available/ }).click();
  await expect(player.getByRole("button", { name: /^Court 1, 10:00 to 11:00, your hold/ })).toBeVisible();
  await expect(player.getByRole("region", { name: "Members only" })).toHaveCount(0);
});
