import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signUp, uniqueEmail } from "./helpers";

/// The player's notification settings, where the phone number for text messages is asked for.
async function openSettings(page: Page) {
  await page.getByRole("button", { name: /^Notifications/ }).click();
  await page.getByRole("button", { name: "Notification settings" }).click();
  await expect(page.getByRole("heading", { name: "Notification settings" })).toBeVisible();
}

test("a player gives a phone number for text messages: a bad one is refused at the field, a good one is kept in international form", async ({
  page,
}) => {
  await page.goto("/");
  await signUp(page, "Phoebe Phone", uniqueEmail("phoebe"));
  await openSettings(page);
  const phone = page.getByRole("region", { name: "Phone number for text messages" });
  await expect(phone).toContainText("You have not given a phone number");
  await expect(phone.getByText(/international format/i)).toBeVisible();
  await expectAccessible(page, "the phone number and notification settings");

  const input = phone.getByLabel("Phone number");
  await input.fill("212 555 0123");
  await phone.getByRole("button", { name: "Save number" }).click();
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(phone.locator("#phone-error")).toHaveText("must start with + and the country code, e.g. +1 212 555 0123");
  await expectAccessible(page, "the phone number with its error");

  await input.fill("+1 (212) 555-0123");
  await phone.getByRole("button", { name: "Save number" }).click();
  await expect(phone.getByRole("status")).toHaveText("Saved.");
  await expect(phone.getByTestId("current-phone")).toHaveText("+12125550123");

  await page.reload();
  await openSettings(page);
  await expect(phone.getByTestId("current-phone")).toHaveText("+12125550123");
  await expect(phone.getByLabel("New phone number")).toHaveValue("");

  await phone.getByRole("button", { name: "Remove number" }).click();
  await expect(phone.getByRole("status")).toHaveText(/^Removed/);
  await page.reload();
  await openSettings(page);
  await expect(phone).toContainText("You have not given a phone number");
});
