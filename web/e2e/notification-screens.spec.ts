import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible, logIn, openGrid, setUpClub, signUp, uniqueEmail } from "./helpers";

/// A club with its owner in the admin app, and a new player on its grid in the player app.
async function clubWithPlayer(browser: Browser, club: string, player: string) {
  const admin = await (await browser.newContext()).newPage();
  await setUpClub(admin, club);
  const page = await (await browser.newContext()).newPage();
  const email = uniqueEmail(player.split(" ")[0].toLowerCase());
  await page.goto("/");
  await signUp(page, player, email);
  await openGrid(page, club);
  return { admin, page, email };
}

/// The player books Court 1 at 10:00 on the booking day.
async function book(page: Page) {
  await page.getByRole("button", { name: /^Court 1, 10:00 to 11:00, available/ }).click();
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByRole("button", { name: /^Court 1, 10:00 to 11:00, your booking/ })).toBeVisible();
}

/// The player opens their notification settings from the bell.
async function openSettings(page: Page) {
  await page.getByRole("button", { name: /^Notifications/ }).click();
  await page.getByRole("button", { name: "Notification settings" }).click();
  await expect(page.getByRole("heading", { name: "Notification settings" })).toBeVisible();
}

/// The player's e-mails go out at once, whatever the hour of the run (quiet hours would hold them).
async function noQuietHours(page: Page) {
  await openSettings(page);
  await page.getByLabel("Hold e-mails during quiet hours").uncheck();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await page.getByRole("button", { name: "Book a court" }).click();
}

/// The admin app's delivery log, its rows for one message type.
async function openLog(admin: Page) {
  await admin.getByRole("button", { name: "Messages" }).click();
  await expect(admin.getByRole("heading", { name: "Delivery log" })).toBeVisible();
}

test("the delivery log shows a booking's confirmation e-mail as it was sent", async ({ browser }) => {
  const club = `Logside ${Date.now()}`;
  const { admin, page } = await clubWithPlayer(browser, club, "Lena Logged");
  await book(page);

  await openLog(admin);
  await admin.getByLabel("Channel").selectOption("email");
  await admin.getByLabel("Message type").selectOption({ label: "Booking confirmations" });
  const open = admin.getByRole("button", { name: /^Open Booking confirmations, E-mail to Lena Logged, lena-/ });
  await expect(open).toHaveCount(1);
  await expectAccessible(admin, "the delivery log");
  await open.click();
  const sent = admin.getByRole("region", { name: "Booking confirmations as sent" });
  await expect(sent.getByTestId("message-subject")).toHaveText(/^Booking confirmed: Court 1, \w{3} \d{1,2} \w{3}, 10:00 \(America\/New_York\)$/);
  await expect(sent.locator("pre")).toContainText("When:");
  await expect(sent.locator("pre")).toContainText("Stop these e-mails:");
  // The HTML in its sandboxed frame, as the player's mail client shows it.
  await expect(sent.getByTitle("The e-mail as sent")).toHaveAttribute("sandbox", "");
  await expect(sent.frameLocator("iframe").locator("strong", { hasText: "Court 1" })).toBeVisible();
  await expect(sent.getByText(/^(sent|queued)/)).toBeVisible();
});

test("a template override is previewed live, a broken one shows its line, and the next e-mail uses it", async ({ browser }) => {
  const club = `Wordside ${Date.now()}`;
  const { admin, page } = await clubWithPlayer(browser, club, "Theo Templated");

  await admin.getByRole("button", { name: "Messages" }).click();
  await admin.getByRole("button", { name: "Templates" }).click();
  await admin.getByRole("button", { name: "Edit Booking confirmations, E-mail" }).click();
  const preview = admin.getByRole("region", { name: "Preview with a sample booking" });
  // A sample booking at this club: its court, tomorrow at 10:00 in its zone.
  await expect(preview.getByTestId("message-subject")).toHaveText(/^Booking confirmed: Court 1, \w{3} \d{1,2} \w{3}, 10:00 \(America\/New_York\)$/);
  await expectAccessible(admin, "the template editor", ["iframe.message-html"]);

  await admin.getByLabel("Subject").fill("See you on court, {{name}}");
  await admin.getByLabel(/^Text/).fill("Hello {{name}},\n\n{{#price}}You pay {{price}}.\nBring water <and> a smile.");
  await expect(admin.getByRole("alert")).toHaveText("Text, line 3: the section {{#price}} is not closed (add {{/price}})");
  await expect(admin.getByRole("list", { name: "The text's lines" }).locator("li[aria-current=true]")).toHaveText("{{#price}}You pay {{price}}.");

  await admin.getByLabel(/^Text/).fill("Hello {{name}},\n\n{{#price}}You pay {{price}}.{{/price}}\nBring water <and> a smile.");
  await expect(admin.getByRole("alert")).toHaveCount(0);
  await expect(preview.getByTestId("message-subject")).toHaveText("See you on court, Alex Sample");
  await expect(preview.locator("pre")).toContainText("You pay 20.00 USD.");
  // Words are escaped in the HTML: shown, never markup.
  await expect(preview.frameLocator("iframe").getByText("Bring water <and> a smile.")).toBeVisible();
  await admin.getByRole("button", { name: "Save wording" }).click();
  await expect(admin.getByText("Saved: the next messages use this wording.")).toBeVisible();
  await expect(admin.getByRole("row", { name: /Booking confirmations.*E-mail/ })).toContainText("Your own, since");

  await book(page);
  await admin.getByRole("button", { name: "Delivery log" }).click();
  await admin.getByLabel("Channel").selectOption("email");
  await admin.getByRole("button", { name: /^Open Booking confirmations, E-mail to Theo Templated, theo-/ }).click();
  await expect(admin.getByRole("region", { name: "Booking confirmations as sent" }).getByTestId("message-subject")).toHaveText(
    "See you on court, Theo Templated",
  );
});

test("a type the player turns off is recorded suppressed, and critical ones stay on", async ({ browser }) => {
  const club = `Quietside ${Date.now()}`;
  const { admin, page } = await clubWithPlayer(browser, club, "Sam Suppressed");

  await openSettings(page);
  await expectAccessible(page, "the notification settings");
  const bookings = page.getByRole("group", { name: "Bookings" });
  await expect(bookings.getByRole("checkbox", { name: "Bookings the facility cancelled: In the app (always on)" })).toBeDisabled();
  await expect(bookings.getByRole("checkbox", { name: "Bookings the facility cancelled: In the app (always on)" })).toBeChecked();
  await bookings.getByRole("checkbox", { name: "Booking confirmations: E-mail" }).uncheck();
  await page.getByLabel("From").fill("21:30");
  await page.getByLabel("Time zone").selectOption("Europe/Berlin");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await openSettings(page);
  await expect(page.getByRole("checkbox", { name: "Booking confirmations: E-mail" })).not.toBeChecked();
  await expect(page.getByLabel("From")).toHaveValue("21:30");
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Berlin");
  await page.getByRole("button", { name: "Book a court" }).click();
  await openGrid(page, club);
  await book(page);

  await openLog(admin);
  await admin.getByLabel("Status").selectOption("suppressed");
  const row = admin.getByRole("row", { name: /Booking confirmations.*E-mail.*sam-/ });
  await expect(row).toContainText("suppressed");
  await expect(row).toContainText("turned off in the user's preferences");
  // The in-app one was delivered.
  await admin.getByLabel("Status").selectOption("delivered");
  await expect(admin.getByRole("row", { name: /Booking confirmations.*In the app/ })).toHaveCount(1);
});

test("a platform administrator reads the local outbox; a club's owner does not see it", async ({ browser }) => {
  const club = `Postside ${Date.now()}`;
  const { admin, page, email } = await clubWithPlayer(browser, club, "Olga Outboxed");
  await expect(admin.getByRole("button", { name: "Outbox" })).toHaveCount(0);
  await noQuietHours(page);
  await openGrid(page, club);
  await book(page);

  const platform = await (await browser.newContext()).newPage();
  await platform.goto("/admin");
  await logIn(platform, "admin@demo.slotbase.test", "demo-admin-pass");
  await platform.getByRole("button", { name: "Outbox" }).click();
  await expect(platform.getByRole("heading", { name: "Outbox" })).toBeVisible();
  await platform.getByLabel("To (an address)").fill(email);
  const open = platform.getByRole("button", { name: new RegExp(`^Open the e-mail to ${email}: Booking confirmed: Court 1, `) });
  await expect(open).toHaveCount(1);
  await expectAccessible(platform, "the outbox");
  await open.click();
  await expect(platform.getByRole("row", { name: /Booking confirmed/ })).toHaveCount(1);
  const mail = platform.getByRole("region", { name: `E-mail to ${email}` });
  await expect(mail.getByRole("table", { name: "Headers" })).toContainText("List-Unsubscribe-Post");
  await expect(mail.frameLocator("iframe").locator("strong", { hasText: "Court 1" })).toBeVisible();
});
