import { defineConfig } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// End-to-end: a real `slotbase serve` on SQLite with a fresh data folder and the demo club (for its
// desk and coach accounts), serving the built apps, driven through Debian's Chromium. Nothing is
// downloaded.
const port = Number(process.env.SLOTBASE_E2E_PORT ?? 18780);
const binary = process.env.SLOTBASE_BINARY ?? resolve(import.meta.dirname, "../build/slotbase");
const data = mkdtempSync(join(tmpdir(), "slotbase-e2e-"));

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    trace: "off",
  },
  webServer: {
    command: `${binary} serve --listen 127.0.0.1:${port} --data-dir ${data} --rate-limit off --log-level warn --demo`,
    env: { SLOTBASE_WEB_DIR: resolve(import.meta.dirname, "dist") },
    url: `http://127.0.0.1:${port}/ready`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
