import { expect, test } from "@playwright/test";
import { expectAccessible, logIn } from "./helpers";

const DEMO = "Riverside Tennis Center";

test("the platform's administrator sets a facility's fee and its owner sees it", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await admin.goto("/admin/");
  await logIn(admin, "admin@demo.slotbase.test", "demo-admin-pass");
  await admin.getByRole("button", { name: "Platform", exact: true }).click();
  await expect(admin.getByRole("heading", { name: "Platform: facilities and fees" })).toBeVisible();
  const row = admin.getByRole("listitem").filter({ has: admin.getByRole("heading", { name: DEMO, exact: true }) });
  const fee = row.getByRole("form", { name: `Platform fee of ${DEMO}` });
  await fee.getByLabel("Platform fee (%)").fill("2.5");
  await fee.getByRole("button", { name: "Save the fee" }).click();
  await expect(fee.getByRole("status")).toHaveText("Saved: new card payments carry it.");
  await expect(row.getByText("platform fee: 2.5% of each card payment")).toBeVisible();
  await expectAccessible(admin, "the platform's facilities and fees");

  const owner = await (await browser.newContext()).newPage();
  await owner.goto("/admin/");
  await logIn(owner, "owner@demo.slotbase.test", "demo-owner-pass");
  await owner.getByRole("button", { name: "Settings", exact: true }).click();
  await owner.getByRole("navigation", { name: "Settings" }).getByRole("button", { name: "Payments" }).click();
  await expect(owner.getByText("2.5% of each card payment", { exact: false })).toBeVisible();
  // The owner runs the club; what the platform takes is not theirs to set.
  await expect(owner.getByRole("button", { name: "Platform", exact: true })).toHaveCount(0);
  await expect(owner.getByLabel("Platform fee (%)")).toHaveCount(0);

  // The demo club goes back to no fee for the other tests.
  await fee.getByLabel("Platform fee (%)").fill("0");
  await fee.getByRole("button", { name: "Save the fee" }).click();
  await expect(row.getByText("platform fee: none")).toBeVisible();
});
