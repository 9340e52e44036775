// A session ends 30 minutes after its last use. A minute before, the page warns and offers to stay
// signed in; if nobody answers, what was typed is kept in the tab and comes back after signing in.
// Signs in as a staff member created here (admin@demo.test invites them): the test moves that
// person's session clock, which must not touch anyone else's.
import Database from "better-sqlite3";
import {
  acceptInvitation,
  DEMO,
  E2E_DATABASE,
  expect,
  expectNoSeriousA11yViolations,
  gotoHydrated,
  inviteStaffMember,
  loginAs,
  test,
  uniqueEmail,
} from "./fixtures";

const PASSWORD = "a session passphrase 1";
const IDLE_MS = 30 * 60_000;

/** Moves the last use of every session of `email` to `msAgo` before now, as if time had passed. */
function lastUsedAgo(email: string, msAgo: number) {
  const sqlite = new Database(E2E_DATABASE, { fileMustExist: true });
  try {
    sqlite
      .prepare("UPDATE sessions SET last_seen_at = ? WHERE user_id = (SELECT id FROM users WHERE email = ?)")
      .run(Date.now() - msAgo, email);
  } finally {
    sqlite.close();
  }
}

function lastSeenOf(email: string) {
  const sqlite = new Database(E2E_DATABASE, { readonly: true, fileMustExist: true });
  try {
    const row = sqlite
      .prepare("SELECT max(last_seen_at) AS t FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = ?)")
      .get(email) as { t: number | null };
    return row.t ?? 0;
  } finally {
    sqlite.close();
  }
}

test("warns a minute before the session ends, stays signed in, and keeps what was typed when it ends", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("timeout");
  const admin = await browser.newContext();
  try {
    const adminPage = await admin.newPage();
    await loginAs(adminPage, DEMO.admin);
    const invitePath = await inviteStaffMember(adminPage, email);
    await acceptInvitation(page, invitePath, "Kai", PASSWORD);
  } finally {
    await admin.close();
  }

  await gotoHydrated(page, "/consultants/new");
  await page.getByLabel("Preferred name").fill("Typed before the time-out");

  // 40 seconds left: the page finds out as soon as it is looked at again.
  lastUsedAgo(email, IDLE_MS - 40_000);
  await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
  const warning = page.getByRole("alertdialog");
  await expect(warning).toContainText("For your safety, you will be signed out in");
  await expect(warning.getByRole("button", { name: "Stay signed in" })).toBeFocused();
  await expectNoSeriousA11yViolations(page);

  const before = Date.now();
  await warning.getByRole("button", { name: "Stay signed in" }).click();
  await expect(warning).toBeHidden();
  await expect.poll(() => lastSeenOf(email)).toBeGreaterThanOrEqual(before - 1_000);

  // Now let it run out: the page keeps the typed name and goes to the sign-in page.
  lastUsedAgo(email, IDLE_MS + 60_000);
  await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
  await page.waitForURL((url) => url.pathname === "/login");
  await expect(page.getByText("you were signed out after 30 minutes without activity")).toBeVisible();
  expect(page.url()).not.toContain("Typed");

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/consultants/new");
  await expect(page.getByLabel("Preferred name")).toHaveValue("Typed before the time-out");
  await expect(page.getByText("We kept what you had typed before you were signed out.")).toBeVisible();
  const keptTexts = () =>
    page.evaluate(() => Object.keys(window.sessionStorage).filter((key) => key.startsWith("seh-draft:")));
  // Put back once, then gone from the tab.
  expect(await keptTexts()).toEqual([]);

  // Signing out leaves nothing typed behind in the tab either.
  await page.evaluate(() =>
    window.sessionStorage.setItem(
      "seh-draft:/dashboard",
      JSON.stringify({ owner: "x", savedAt: Date.now(), fields: [] }),
    ),
  );
  await page.locator("header details summary").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/login");
  expect(await keptTexts()).toEqual([]);
});
