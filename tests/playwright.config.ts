import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "./e2e",
  outputDir: "../test-results/e2e",
  // Every test shares one seeded database: tests use their own accounts (or fresh ones they
  // create) so that they can run in any order, two at a time.
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  reporter: "list",
  // Generous: on a busy 2-core machine a journey with several sign-ins (argon2) takes 10-20 s.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    // Video needs a download that this machine cannot make.
    video: "off",
  },
  projects: [
    {
      name: "chromium",
      use: {
        browserName: "chromium",
        // Debian's Chromium (scripts/ensure-chromium.sh); launchOptions are ignored directly under `use`.
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "bash scripts/e2e-server.sh",
    url: `${baseURL}/healthz`,
    // Always a fresh server and database: a reused one carries sign-in failures and changed
    // passwords from earlier runs.
    reuseExistingServer: false,
    timeout: 180_000,
    cwd: repoRoot,
    stdout: "ignore",
    stderr: "pipe",
  },
});
