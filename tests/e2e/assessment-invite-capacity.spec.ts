// Asking a paused consultant to answer a readiness self-assessment, paid: Sam (staff@demo.test) adds a
// consultant this file invites to the portal, who pauses their work; the invitation page shows the
// pause before choosing, warns before asking, keeps everything chosen, and asks anyway; the paid work
// exists, and the page says no notice was sent. The same again with JavaScript turned off.
import type { Page } from "@playwright/test";
import {
  DEMO,
  DEMO_PASSWORD,
  acceptInvitation,
  emailedLink,
  expect,
  expectNoSeriousA11yViolations,
  gotoHydrated,
  loginAs,
  submitLogin,
  test,
  uniqueEmail,
} from "./fixtures";
import { addConsultant, uniqueName } from "./consultant-helpers";
import { organizationDay } from "./engagement-helpers";

/** A day as the pages show it in English: "Dec 17, 2026". */
const shown = (day: string) =>
  new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));

/** Starts a new readiness self-assessment and returns its page's path. */
async function startReadiness(page: Page, name: string) {
  await gotoHydrated(page, "/assessments");
  await page.getByLabel("Checklist").selectOption({ label: "Survivor-informed organizational readiness" });
  await page.getByLabel("Name (required)").fill(name);
  await page.getByRole("button", { name: "Start", exact: true }).click();
  // The demo keeps a readiness draft open: a second one starts when asked for in so many words.
  await page.getByRole("button", { name: "Start a new one anyway" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return new URL(page.url()).pathname;
}

test("staff ask a paused consultant to answer, paid: warned first, everything kept, then asked anyway", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const name = uniqueName("Paused reviewer");
  const email = uniqueEmail("invite-paused");
  const password = "invite-paused-password-1";
  const lastDay = organizationDay(10);

  await loginAs(page, DEMO.staff);
  await addConsultant(page, { preferredName: name, email, emailSafety: "Safe to use" });
  // Only active consultants are asked.
  const status = page.getByRole("region", { name: "Status", exact: true });
  await status.getByLabel("New status").selectOption({ label: "Active" });
  await status.getByRole("button", { name: "Change status" }).click();
  await expect(page.getByText("Status: Active")).toBeVisible();
  const since = Date.now() - 1_000;
  await page
    .getByRole("region", { name: "Portal access" })
    .getByRole("button", { name: "Invite to the portal" })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "Portal invitation emailed." })).toBeVisible();
  const invitePath = await emailedLink(email, since, "/invite/");
  const portalContext = await browser.newContext();
  try {
    const portal = await portalContext.newPage();
    await acceptInvitation(portal, invitePath, name, password);
    await gotoHydrated(portal, "/portal/availability");
    await portal.getByRole("group", { name: "Right now" }).getByLabel("I need a break").check();
    await portal.getByLabel("Last day of my break").fill(lastDay);
    await portal.getByRole("button", { name: "Save my availability" }).click();
    await expect(portal.locator("#availability-now")).toHaveText(`Right now: on a break until ${shown(lastDay)}.`);
  } finally {
    await portalContext.close();
  }

  const assessmentPath = await startReadiness(page, uniqueName("Readiness with a pause"));
  await gotoHydrated(page, `${assessmentPath}/invite`);
  const who = page.getByRole("group", { name: "Who to ask" });
  // The pause shows before anyone is chosen.
  const choice = who.getByLabel(`${name} (paused until ${shown(lastDay)})`, { exact: true });
  await choice.check();
  await page.getByLabel("Pay them for their time").check();
  await page.getByLabel("Program (if paid)").selectOption({ label: "Youth Outreach Curriculum" });
  await page.getByLabel("Amount for each person, in dollars (if paid)").fill("75.00");
  await page.getByRole("button", { name: "Ask them" }).click();

  const warning = page.getByRole("group", { name: "Before you go ahead" });
  await expect(warning).toContainText(name);
  await expect(warning).toContainText(
    `This consultant has paused work from ${shown(organizationDay())} until ${shown(lastDay)}`,
  );
  // Nothing chosen is lost.
  await expect(choice).toBeChecked();
  await expect(page.getByLabel("Pay them for their time")).toBeChecked();
  await expect(page.getByLabel("Amount for each person, in dollars (if paid)")).toHaveValue("75.00");
  await expectNoSeriousA11yViolations(page);

  await warning.getByRole("button", { name: "Ask anyway" }).click();
  await page.waitForURL((url) => url.searchParams.get("done") === "invited");
  await expect(page.getByRole("status")).toContainText(
    "1 of them has paused their work, so no notice was sent. They will see it on their portal home.",
  );
  const asked = page.getByRole("listitem").filter({ hasText: name });
  await expect(asked).toContainText("paid");
  await asked.getByRole("link", { name: "See the work" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Answer our readiness self-assessment");
  await expect(page.getByText(name).first()).toBeVisible();

  // The same without JavaScript: a plain form, the warning and "Ask anyway" in the page the server sends.
  const secondPath = await startReadiness(page, uniqueName("Readiness without scripts"));
  const plain = await browser.newContext({ javaScriptEnabled: false });
  try {
    const noScript = await plain.newPage();
    await noScript.goto("/login");
    await submitLogin(noScript, DEMO.staff, DEMO_PASSWORD);
    await noScript.waitForURL((url) => url.pathname !== "/login");
    await noScript.goto(`${secondPath}/invite`);
    const plainChoice = noScript.getByRole("group", { name: "Who to ask" }).getByLabel(new RegExp(`^${name} `));
    await plainChoice.check();
    await noScript.getByLabel("Pay them for their time").check();
    await noScript.getByLabel("Program (if paid)").selectOption({ label: "Youth Outreach Curriculum" });
    await noScript.getByLabel("Amount for each person, in dollars (if paid)").fill("80.00");
    await noScript.getByRole("button", { name: "Ask them" }).click();
    const plainWarning = noScript.getByRole("group", { name: "Before you go ahead" });
    await expect(plainWarning).toContainText("This consultant has paused work");
    await expect(plainChoice).toBeChecked();
    await expect(noScript.getByLabel("Amount for each person, in dollars (if paid)")).toHaveValue("80.00");
    await plainWarning.getByRole("button", { name: "Ask anyway" }).click();
    await noScript.waitForURL((url) => url.searchParams.get("done") === "invited");
    await expect(noScript.getByRole("listitem").filter({ hasText: name })).toContainText("paid");
  } finally {
    await plain.close();
  }
});
