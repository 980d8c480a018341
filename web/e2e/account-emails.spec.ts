import { expect, test } from "@playwright/test";
import { expectAccessible, linkInEmail, logIn, signUp, uniqueEmail } from "./helpers";

test("a forgotten password is set again from the e-mail's link, in the player app", async ({ page, request }) => {
  const email = uniqueEmail("forgetful");
  await page.goto("/");
  await signUp(page, "Fay Forgetful", email);
  await page.getByRole("button", { name: "Log out" }).click();

  await page.getByRole("button", { name: "Forgot password?" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("status")).toContainText(`If an account has the address ${email}`);
  await expectAccessible(page, "the forgotten password form");

  const link = await linkInEmail(request, email, "/reset-password");
  expect(new URL(link).pathname).toBe("/reset-password");
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill("my fresh passphrase");
  await page.getByLabel("New password again").fill("my fresh passphrase");
  await expectAccessible(page, "the new password page");
  await page.getByRole("button", { name: "Set my new password" }).click();
  await expect(page.getByRole("status")).toContainText("Your new password is set");
  await page.getByRole("button", { name: "Log in" }).click();

  await logIn(page, email, "my fresh passphrase");
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
  // The link worked once.
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill("another passphrase");
  await page.getByLabel("New password again").fill("another passphrase");
  await page.getByRole("button", { name: "Set my new password" }).click();
  await expect(page.getByRole("alert")).toContainText("already used or has expired");
  await expect(page.getByRole("button", { name: "Ask for a new link" })).toBeVisible();
});

test("the admin app's forgotten password link opens the admin app", async ({ page, request }) => {
  const email = uniqueEmail("manager");
  await page.goto("/admin");
  await signUp(page, "Mo Manager", email);
  await expect(page.getByRole("heading", { name: "Set up your facility" })).toBeVisible();
  await page.getByRole("button", { name: "Log out" }).click();

  await page.getByRole("button", { name: "Forgot password?" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("status")).toContainText("on its way");

  const link = await linkInEmail(request, email, "/admin/reset-password");
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill("the manager's new passphrase");
  await page.getByLabel("New password again").fill("the manager's new passphrase");
  await page.getByRole("button", { name: "Set my new password" }).click();
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/admin\/$/);
  await logIn(page, email, "the manager's new passphrase");
  await expect(page.getByRole("heading", { name: "Set up your facility" })).toBeVisible();
});

test("a new player verifies their address from the notice's link", async ({ page, request }) => {
  const email = uniqueEmail("verifier");
  await page.goto("/");
  await signUp(page, "Val Verifier", email);
  const notice = page.getByRole("region", { name: "Verify your e-mail" });
  await expect(notice).toContainText(email);
  await expectAccessible(page, "the verify notice");
  await notice.getByRole("button", { name: "Resend the link" }).click();
  await expect(notice.getByRole("status")).toHaveText("Sent. Check your inbox.");

  await page.goto(await linkInEmail(request, email, "/verify-email"));
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page.getByRole("status")).toContainText(`${email} is confirmed`);
  await page.getByRole("button", { name: "Continue to SlotBase" }).click();
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Verify your e-mail" })).toHaveCount(0);
});
