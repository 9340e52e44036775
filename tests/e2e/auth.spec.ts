// Signing in and out, where each role lands, and what the sign-in form says when it fails.
// Accounts: admin@, staff@ and cam@ / staff@northwind sign in; the lockout uses a fresh address.
import type { Page } from "@playwright/test";
import {
  DEMO,
  DEMO_PASSWORD,
  expect,
  gotoHydrated,
  loginAs,
  submitLogin,
  test,
  uniqueEmail,
  waitForHydration,
} from "./fixtures";

const WRONG_PASSWORD_MESSAGE = "That email and password do not match. Check them and try again.";

test("staff sign in and land on the dashboard without the admin pages", async ({ page }) => {
  await loginAs(page, DEMO.staff);
  await expect(page).toHaveURL("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByText("Welcome, Sam. You are working in Harbor Light Collective.")).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Dashboard" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Users and roles" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
});

test("an admin sees Users and roles and Audit log in the navigation", async ({ page }) => {
  await loginAs(page, DEMO.admin);
  await expect(page).toHaveURL("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Users and roles" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Audit log" })).toBeVisible();
});

test("a consultant lands on the portal and cannot open the staff dashboard", async ({ page }) => {
  await loginAs(page, DEMO.cam);
  await expect(page).toHaveURL("/portal");
  await expect(page.getByRole("heading", { level: 1, name: "Your portal" })).toBeVisible();

  const response = await page.goto("/dashboard");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "You do not have access to this page" })).toBeVisible();
  await expect(page.getByText("This page is not available with your role.")).toBeVisible();
});

test("staff cannot open the consultant portal", async ({ page }) => {
  await loginAs(page, DEMO.northwindStaff);
  await expect(page).toHaveURL("/dashboard");

  const response = await page.goto("/portal");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "You do not have access to this page" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your portal" })).toHaveCount(0);
});

test("a wrong password shows what happened, keeps the email and clears the password", async ({ page }) => {
  await gotoHydrated(page, "/login");
  await submitLogin(page, DEMO.northwindStaff, "not-the-password");
  await expect(page.getByRole("alert")).toHaveText(WRONG_PASSWORD_MESSAGE);
  await expect(page).toHaveURL("/login");
  await expect(page.getByLabel("Email")).toHaveValue(DEMO.northwindStaff);
  await expect(page.getByLabel("Password")).toHaveValue("");
});

test("five wrong passwords for one address pause sign-in for it", async ({ page }) => {
  // An address no other test uses, so the lockout cannot spill into other tests.
  const email = uniqueEmail("lockout");
  await gotoHydrated(page, "/login");
  // The message stays the same from one attempt to the next, so wait for each answer itself.
  const answered = () =>
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/login"));
  for (let attempt = 1; attempt <= 4; attempt++) {
    await Promise.all([answered(), submitLogin(page, email, `wrong-password-${attempt}`)]);
    await expect(page.getByRole("alert")).toHaveText(WRONG_PASSWORD_MESSAGE);
  }
  await Promise.all([answered(), submitLogin(page, email, "wrong-password-5")]);
  await expect(page.getByRole("alert")).toContainText("Too many attempts");
  await expect(page.getByRole("alert")).toContainText("You can also reset your password.");
  await expect(page).toHaveURL("/login");
});

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("staff can sign in", async ({ page }) => {
    await page.goto("/login");
    await submitLogin(page, DEMO.staff, DEMO_PASSWORD);
    await expect(page).toHaveURL("/dashboard");
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  });

  test("a wrong password shows the message", async ({ page }) => {
    await page.goto("/login");
    await submitLogin(page, DEMO.staff, "not-the-password");
    await expect(page.getByRole("alert")).toHaveText(WRONG_PASSWORD_MESSAGE);
    await expect(page.getByLabel("Email")).toHaveValue(DEMO.staff);
    await expect(page.getByLabel("Password")).toHaveValue("");
  });
});

test("signing out from the user menu ends the session", async ({ page }) => {
  await loginAs(page, DEMO.staff);
  await expect(page).toHaveURL("/dashboard");
  await page.getByText("Sam", { exact: true }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL("/login?done=signed-out");
  await expect(page.getByRole("status")).toHaveText("You have signed out.");

  await page.goto("/dashboard");
  // The page asked for is kept in a cookie, never in the address (or the browser history).
  await expect(page).toHaveURL("/login");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
});

/**
 * Opens a deep portal link while signed out, signs in as Ana and checks that she lands there,
 * while neither an address the browser showed nor any request it sent named the page or carried
 * a redirectTo: the page to come back to waits in an HttpOnly cookie instead.
 */
async function signInFromDeepLink(page: Page, { scripts }: { scripts: boolean }) {
  const addresses: string[] = [];
  const requests: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) addresses.push(frame.url());
  });
  page.on("request", (request) => requests.push(request.url()));

  await page.goto("/portal/consent");
  await expect(page).toHaveURL("/login");
  const kept = (await page.context().cookies()).find((c) => c.name === "seh_return_to");
  expect(kept?.httpOnly).toBe(true);

  if (scripts) await waitForHydration(page);
  await submitLogin(page, DEMO.ana, DEMO_PASSWORD);
  await page.waitForURL((url) => url.pathname === "/portal/consent");
  await expect(page.getByRole("heading", { level: 1, name: "My choices" })).toBeVisible();

  expect(addresses.length).toBeGreaterThan(1);
  for (const address of [...addresses, ...requests]) expect(address).not.toMatch(/redirect/i);
  // The portal path shows only as the page itself: never in the sign-in page's address.
  const signInAddresses = addresses.filter((a) => new URL(a).pathname.startsWith("/login"));
  expect(signInAddresses.length).toBeGreaterThan(0);
  for (const address of signInAddresses) expect(decodeURIComponent(address)).not.toContain("portal");
  // Used once, then gone.
  expect((await page.context().cookies()).some((c) => c.name === "seh_return_to")).toBe(false);
}

test("a sign-in from a deep portal link lands there, with no redirectTo in any address", async ({ page }) => {
  await signInFromDeepLink(page, { scripts: true });
});

test.describe("with JavaScript turned off, from a deep portal link", () => {
  test.use({ javaScriptEnabled: false });

  test("the sign-in lands there too, with no redirectTo in any address", async ({ page }) => {
    await signInFromDeepLink(page, { scripts: false });
  });
});
