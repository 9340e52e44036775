// Two-step sign-in and the sessions page. Accounts: admin@demo.test only invites; each test turns
// two-step sign-in on for a fresh staff member it invited itself, never for a demo account (other
// tests sign in as those with the password alone).
import { Secret, TOTP } from "otpauth";
import type { Browser, Page } from "@playwright/test";
import {
  acceptInvitation,
  DEMO,
  expect,
  expectNoSeriousA11yViolations,
  gotoHydrated,
  inviteStaffMember,
  loginAs,
  submitLogin,
  test,
  uniqueEmail,
  waitForHydration,
} from "./fixtures";

const PASSWORD = "a long password for two steps";

/** The code an authenticator app shows for this key, `stepsAhead` 30-second steps from now. */
function appCode(key: string, stepsAhead = 0) {
  return TOTP.generate({
    secret: Secret.fromBase32(key.replace(/\s+/g, "")),
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    timestamp: Date.now() + stepsAhead * 30_000,
  });
}

/** A staff member invited by the demo admin; returns their email once their account exists. */
async function freshStaffMember(browser: Browser, label: string) {
  const email = uniqueEmail(label);
  // Explicitly with scripts: new contexts inherit the test's options, which may turn them off.
  const adminContext = await browser.newContext({ javaScriptEnabled: true });
  const memberContext = await browser.newContext({ javaScriptEnabled: true });
  try {
    const adminPage = await adminContext.newPage();
    await loginAs(adminPage, DEMO.admin);
    const invitePath = await inviteStaffMember(adminPage, email);
    const memberPage = await memberContext.newPage();
    await acceptInvitation(memberPage, invitePath, `Two-step ${label}`, PASSWORD);
    await expect(memberPage).toHaveURL("/dashboard");
    // Accepting signed them in; that session would be one more on the sessions page.
    await waitForHydration(memberPage);
    await signOut(memberPage);
  } finally {
    await adminContext.close();
    await memberContext.close();
  }
  return email;
}

async function signOut(page: Page) {
  // The name menu stays open after following one of its links, so open it only when closed.
  const menu = page.locator("header details");
  if (!(await menu.evaluate((details) => (details as HTMLDetailsElement).open))) {
    await menu.locator("summary").click();
  }
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login\?done=signed-out/);
}

test("a staff member turns on two-step sign-in, then signs in with a code and with a recovery code", async ({
  page,
  browser,
}) => {
  const email = await freshStaffMember(browser, "totp");
  await loginAs(page, email, PASSWORD);
  await expect(page).toHaveURL("/dashboard");

  await page.locator("header details summary").click();
  await page.getByRole("link", { name: "Two-step sign-in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Two-step sign-in" })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel("Your password").fill(PASSWORD);
  await page.getByRole("button", { name: "Set up two-step sign-in" }).click();

  await expect(page.getByRole("img", { name: /QR code for your authenticator app/ })).toBeVisible();
  const key = (await page.locator("#setup-key").textContent())!;
  expect(key.replace(/\s+/g, "")).toMatch(/^[A-Z2-7]{32}$/);
  await expectNoSeriousA11yViolations(page);

  // A wrong code is explained next to the field.
  const wrong = String((Number(appCode(key)) + 1) % 1_000_000).padStart(6, "0");
  await page.getByLabel("6-digit code").fill(wrong);
  await page.getByLabel("Your password").fill(PASSWORD);
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.getByText("That code did not work.", { exact: false })).toBeVisible();
  await expect(page.getByLabel("6-digit code")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("6-digit code").fill(appCode(key));
  await page.getByLabel("Your password").fill(PASSWORD);
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recoveryCodes = await codes.allTextContents();
  await expect(page.getByText("We will not show them again.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await signOut(page);
  await waitForHydration(page);
  await submitLogin(page, email, PASSWORD);
  await expect(page).toHaveURL("/login/verify");
  await expect(page.getByRole("heading", { level: 1, name: "Enter your code" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await waitForHydration(page);
  // The code used for setup cannot be used again: the app's next code is what a person types.
  await page.getByLabel("Code").fill(appCode(key, 1));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL("/dashboard");

  await signOut(page);
  await waitForHydration(page);
  await submitLogin(page, email, PASSWORD);
  await expect(page).toHaveURL("/login/verify");
  await waitForHydration(page);
  await page.getByLabel("Code").fill(recoveryCodes[0]!);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL("/dashboard");

  await gotoHydrated(page, "/account/two-step");
  await expect(page.getByText("You have 9 unused recovery codes left.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Turning it off takes the password and a code: the password alone is not enough.
  const turnOff = page.getByRole("region", { name: "Turn off two-step sign-in" });
  await turnOff.getByLabel("Your password").fill(PASSWORD);
  await turnOff.getByRole("button", { name: "Turn off two-step sign-in" }).click();
  await expect(turnOff.getByLabel("Code from your app, or a recovery code")).toHaveAttribute("aria-invalid", "true");
  await turnOff.getByLabel("Code from your app, or a recovery code").fill(recoveryCodes[1]!);
  await turnOff.getByLabel("Your password").fill(PASSWORD);
  await turnOff.getByRole("button", { name: "Turn off two-step sign-in" }).click();
  await expect(page.getByText("Two-step sign-in is off. You sign in with your password only.")).toBeVisible();
});

test("the sessions page lists two browsers and signs the other one out", async ({ browser }) => {
  const email = await freshStaffMember(browser, "sessions");
  const first = await browser.newContext();
  const second = await browser.newContext();
  try {
    const here = await first.newPage();
    const there = await second.newPage();
    await loginAs(here, email, PASSWORD);
    await loginAs(there, email, PASSWORD);

    await gotoHydrated(here, "/account/sessions");
    await expect(here.getByRole("heading", { level: 1, name: "Where you are signed in" })).toBeVisible();
    const devices = here.getByRole("list", { name: "Signed-in devices" }).getByRole("listitem");
    await expect(devices).toHaveCount(2);
    await expect(devices.filter({ hasText: "This device" })).toHaveCount(1);
    await expect(devices.first()).toContainText("Chrome on Linux");
    await expectNoSeriousA11yViolations(here);

    await devices
      .filter({ hasNotText: "This device" })
      .getByRole("button", { name: /^Sign out/ })
      .click();
    await expect(here.getByRole("status")).toHaveText("That device is signed out.");
    await expect(devices).toHaveCount(1);
    await expect(here.getByText("You are not signed in anywhere else.")).toBeVisible();

    // The other browser is signed out; this one is not.
    await there.goto("/dashboard");
    await expect(there).toHaveURL("/login");
    await here.goto("/dashboard");
    await expect(here).toHaveURL("/dashboard");
  } finally {
    await first.close();
    await second.close();
  }
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  /** Signs in, turns two-step sign-in on through the plain forms, signs out; returns the app's key. */
  async function turnOnWithPlainForms(page: Page, email: string) {
    await page.goto("/login");
    await submitLogin(page, email, PASSWORD);
    await expect(page).toHaveURL("/dashboard");
    await page.goto("/account/two-step");
    await page.getByLabel("Your password").fill(PASSWORD);
    await page.getByRole("button", { name: "Set up two-step sign-in" }).click();
    const key = (await page.locator("#setup-key").textContent())!;
    await page.getByLabel("6-digit code").fill(appCode(key));
    await page.getByLabel("Your password").fill(PASSWORD);
    await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
    await page.locator("header details summary").click();
    await page.getByRole("button", { name: "Sign out" }).click();
    return key;
  }

  test("five wrong codes pause code entry, and the code page says so", async ({ page, browser }) => {
    const email = await freshStaffMember(browser, "nojs-lock");
    const key = await turnOnWithPlainForms(page, email);
    await submitLogin(page, email, PASSWORD);
    await expect(page).toHaveURL("/login/verify");
    const wrong = String((Number(appCode(key, 1)) + 1) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < 5; i++) {
      await page.getByLabel("Code").fill(wrong);
      await page.getByRole("button", { name: "Sign in" }).click();
    }
    await expect(page).toHaveURL("/login/verify");
    await expect(page.getByRole("alert")).toContainText("code entry is paused for 15 minutes");
    // Even the right code waits, and opening the page again still says why.
    await page.getByLabel("Code").fill(appCode(key, 1));
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toContainText("code entry is paused");
    await page.goto("/login/verify");
    await expect(page.getByRole("alert")).toContainText("code entry is paused");
  });

  test("setup and the code step work as plain forms", async ({ page, browser }) => {
    const email = await freshStaffMember(browser, "nojs");
    const key = await turnOnWithPlainForms(page, email);
    await submitLogin(page, email, PASSWORD);
    await expect(page).toHaveURL("/login/verify");
    await page.getByLabel("Code").fill("000000");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("That code did not work.", { exact: false })).toBeVisible();
    await page.getByLabel("Code").fill(appCode(key, 1));
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL("/dashboard");
  });
});
