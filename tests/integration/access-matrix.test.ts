import fs from "node:fs";
import path from "node:path";
import { and, desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  assessmentAnswers,
  assessments,
  consentEvents,
  consentPurposes,
  consentUses,
  consultants,
  engagements,
  experienceFeedback,
  feedbackSubmissions,
  invitations,
  memberships,
  passwordResetTokens,
  payments,
  programInputs,
  sessions,
  twoFactorCredentials,
  type Role,
} from "../../db/schema";
import { organizationToday, setTwoFactorRequirement } from "../../app/models/settings.server";
import { sealTotpSecret } from "../../app/models/two-factor-secret.server";
import { TWO_FACTOR_SETUP_PATH } from "../../app/utils/auth/two-step.server";
import { listChecklistItems } from "../../app/models/checklist.server";
import { recordConsentDecision } from "../../app/models/consent/decisions.server";
import { listConsentPurposes } from "../../app/models/consent/purposes.server";
import { recordProgramInput } from "../../app/models/program-input/steps.server";
import { submitExperienceFeedback } from "../../app/models/feedback/consultant-answers.server";
import { EXPERIENCE_QUESTIONS } from "../../app/utils/feedback-options";
import { db } from "../../app/utils/db.server";
import { inviteMember } from "../../app/models/invitation/send.server";
import { openDraftFrom, startAssessment } from "../../app/models/assessment/drafting.server";
import { listLatestTemplates } from "../../app/models/assessment/records.server";
import { resetEnvCacheForTests } from "../../app/utils/env.server";
import { sha256 } from "../../app/utils/tokens.server";
import { REPO_ROOT } from "../setup/paths";
import {
  cookieFor,
  createConsentUseRecord,
  createEngagementRecord,
  createMember,
  createOrganization,
  createTwoOrganizations,
  TEST_PASSWORD,
} from "../support/factories";
import { changedTables, idsOfOrganization, snapshot } from "../support/db-snapshot";
import { callRoute, makeRequest } from "../support/http";
import {
  ACTION_FORMS,
  createFixtures,
  formFor,
  intentsInSource,
  targetOf,
  type Fixtures,
  type FormContext,
  type FormValues,
} from "../support/route-forms";

type Actor = "anonymous" | Role;
type Access =
  /** Anyone may open it. */
  | { kind: "public" }
  /** Signed-in people with one of these roles in their active organization. */
  | { kind: "roles"; roles: Role[] }
  /** Any signed-in person (the model checks membership of the target). */
  | { kind: "signed-in" }
  /** Only outside production; a 404 in production. */
  | { kind: "development-only" };

type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
/** What a route's id param points at; each side of the world has one of each (see `resourceIds`). */
type Resource =
  | "engagement"
  | "payment"
  | "consultant"
  | "program"
  | "consentUse"
  | "assessment"
  | "programInput"
  | "consentReceipt"
  | "experienceLetter"
  | "assessmentInvitation";
type RouteSpec = {
  path: string | ((w: World) => string);
  params?: Record<string, string> | ((w: World) => Record<string, string>);
  access: Access;
  /**
   * Optional: what the id in the path points at, so the generated checks can ask for the other
   * side's record. Inferred from the path (`_staff.payments.$id` → payment); declare it when the
   * route's name does not say it.
   */
  resource?: Resource;
};

// Every route module in app/routes must be listed here: a new route without an entry fails.
// From this list the checks at the end of the file are generated for every loader and action: the
// other organization's people, and another consultant, asking for our records. A route with an id
// in its path points at the kind of record its path names (`resource`, inferred); a route with an
// action also needs its forms in ACTION_FORMS (tests/support/route-forms.ts).
const ROUTES: Record<string, RouteSpec> = {
  "_index.tsx": { path: "/", access: { kind: "public" } },
  "login.tsx": { path: "/login", access: { kind: "public" } },
  // Needs the pending sign-in cookie, not a session; without it, back to /login.
  "login_.verify.tsx": { path: "/login/verify", access: { kind: "public" } },
  "_staff.account.two-step.tsx": { path: "/account/two-step", access: { kind: "roles", roles: ["admin", "staff"] } },
  "_staff.account.sessions.tsx": { path: "/account/sessions", access: { kind: "roles", roles: ["admin", "staff"] } },
  // The language of a member of staff's own pages and emails.
  "_staff.account.language.tsx": { path: "/account/language", access: { kind: "roles", roles: ["admin", "staff"] } },
  "_staff.settings.security.tsx": { path: "/settings/security", access: { kind: "roles", roles: ["admin"] } },
  "_staff.settings.organization.tsx": { path: "/settings/organization", access: { kind: "roles", roles: ["admin"] } },
  "portal.two-step.tsx": { path: "/portal/two-step", access: { kind: "roles", roles: ["consultant"] } },
  "portal.sessions.tsx": { path: "/portal/sessions", access: { kind: "roles", roles: ["consultant"] } },
  "logout.tsx": { path: "/logout", access: { kind: "public" } },
  "quick-exit.tsx": { path: "/quick-exit", access: { kind: "public" } },
  "language.tsx": { path: "/language", access: { kind: "public" } },
  // The app's words, the same for everyone: never a person's data.
  "locales.$language.$namespace.ts": {
    path: "/locales/en/common",
    params: { language: "en", namespace: "common" },
    access: { kind: "public" },
  },
  "forgot-password.tsx": { path: "/forgot-password", access: { kind: "public" } },
  "reset-password.tsx": { path: "/reset-password", access: { kind: "public" } },
  "invite.$token.tsx": { path: "/invite/x", params: { token: "x" }, access: { kind: "public" } },
  // Any address no other route takes: a 404 in the reader's language.
  "$.tsx": { path: "/no-such-page", params: { "*": "no-such-page" }, access: { kind: "public" } },
  "healthz.tsx": { path: "/healthz", access: { kind: "public" } },
  "ping.tsx": { path: "/ping", access: { kind: "public" } },
  // How long the caller's own session has left; nothing for anyone without one.
  "session.tsx": { path: "/session", access: { kind: "public" } },
  "switch-organization.tsx": { path: "/switch-organization", access: { kind: "signed-in" } },
  "_staff.tsx": { path: "/dashboard", access: { kind: "roles", roles: ["admin", "staff"] } },
  "_staff.dashboard.tsx": { path: "/dashboard", access: { kind: "roles", roles: ["admin", "staff"] } },
  "_staff.admin.users.tsx": { path: "/admin/users", access: { kind: "roles", roles: ["admin"] } },
  "_staff.admin.audit.tsx": { path: "/admin/audit", access: { kind: "roles", roles: ["admin"] } },
  "_staff.admin.erasure-requests.tsx": {
    path: "/admin/erasure-requests",
    access: { kind: "roles", roles: ["admin"] },
  },
  "portal.tsx": { path: "/portal", access: { kind: "roles", roles: ["consultant"] } },
  "portal._index.tsx": { path: "/portal", access: { kind: "roles", roles: ["consultant"] } },
  "portal.profile.tsx": { path: "/portal/profile", access: { kind: "roles", roles: ["consultant"] } },
  "portal.pay.tsx": { path: "/portal/pay", access: { kind: "roles", roles: ["consultant"] } },
  // Asks once more before a consultant gives up a payment: their own payment only.
  "portal.pay_.$id.decline.tsx": {
    path: (w) => `/portal/pay/${w.own.paymentId}/decline`,
    params: (w) => ({ id: w.own.paymentId }),
    access: { kind: "roles", roles: ["consultant"] },
    resource: "payment",
  },
  "portal.work._index.tsx": { path: "/portal/work", access: { kind: "roles", roles: ["consultant"] } },
  "portal.work.$id.tsx": {
    path: (w) => `/portal/work/${w.own.engagementId}`,
    params: (w) => ({ id: w.own.engagementId }),
    access: { kind: "roles", roles: ["consultant"] },
  },
  // The consultant's own work's support plan: they ask for support and take a request back.
  "portal.work_.$id.support.tsx": {
    path: (w) => `/portal/work/${w.own.engagementId}/support`,
    params: (w) => ({ id: w.own.engagementId }),
    access: { kind: "roles", roles: ["consultant"] },
    resource: "engagement",
  },
  // Staff arrange, decline and add support, and record its costs as expenses.
  "_staff.engagements.$id.support.tsx": {
    path: (w) => `/engagements/${w.own.engagementId}/support`,
    params: (w) => ({ id: w.own.engagementId }),
    access: { kind: "roles", roles: ["admin", "staff"] },
  },
  "_staff.engagements.$id.time.tsx": {
    path: (w) => `/engagements/${w.own.engagementId}/time`,
    params: (w) => ({ id: w.own.engagementId }),
    access: { kind: "roles", roles: ["admin", "staff"] },
  },
  "portal.consent._index.tsx": { path: "/portal/consent", access: { kind: "roles", roles: ["consultant"] } },
  "portal.consent.$id.tsx": {
    path: () => `/portal/consent/${ownReceiptId}`,
    params: () => ({ id: ownReceiptId }),
    access: { kind: "roles", roles: ["consultant"] },
  },
  "portal.my-data._index.tsx": { path: "/portal/my-data", access: { kind: "roles", roles: ["consultant"] } },
  // The consultant's own record of experience and their letters; GET choices only change what is shown.
  "portal.experience._index.tsx": { path: "/portal/experience", access: { kind: "roles", roles: ["consultant"] } },
  // One issued letter of their own, to print; each copy's code is made by a POST.
  "portal.experience.$id.tsx": {
    path: () => `/portal/experience/${fixtures.own.issuedLetterId}`,
    params: () => ({ id: fixtures.own.issuedLetterId }),
    access: { kind: "roles", roles: ["consultant"] },
    resource: "experienceLetter",
  },
  // Admins sign and revoke a consultant's letters of experience.
  "_staff.consultants.$id.letters.tsx": {
    path: (w) => `/consultants/${w.own.consultant.consultantId}/letters`,
    params: (w) => ({ id: w.own.consultant.consultantId }),
    access: { kind: "roles", roles: ["admin"] },
  },
  // Anyone holding a letter checks its code here (by POST): it shows only genuine or not, and the date.
  "verify.tsx": { path: "/verify", access: { kind: "public" } },
  "portal.my-data[.json].tsx": { path: "/portal/my-data.json", access: { kind: "roles", roles: ["consultant"] } },
  // An empty form is refused as bad input: no request is made by these checks.
  "portal.my-data.delete.tsx": { path: "/portal/my-data/delete", access: { kind: "roles", roles: ["consultant"] } },
  "_staff.consultants._index.tsx": { path: "/consultants", access: { kind: "roles", roles: ["admin", "staff"] } },
  "_staff.consultants.new.tsx": { path: "/consultants/new", access: { kind: "roles", roles: ["admin", "staff"] } },
  "_staff.consultants.$id._index.tsx": {
    path: (w) => `/consultants/${w.own.consultant.consultantId}`,
    params: (w) => ({ id: w.own.consultant.consultantId }),
    access: { kind: "roles", roles: ["admin", "staff"] },
  },
  "_staff.consultants.$id.edit.tsx": {
    path: (w) => `/consultants/${w.own.consultant.consultantId}/edit`,
    params: (w) => ({ id: w.own.consultant.consultantId }),
    access: { kind: "roles", roles: ["admin", "staff"] },
  },
  // Admins only; an empty form (no DELETE typed) erases nothing.
  "_staff.consultants.$id.erase.tsx": {
    path: (w) => `/consultants/${w.own.consultant.consultantId}/erase`,
    params: (w) => ({ id: w.own.consultant.consultantId }),
    access: { kind: "roles", roles: ["admin"] },
  },
  "_staff.consultants.$id.consent.tsx": {
    path: (w) => `/consultants/${w.own.consultant.consultantId}/consent`,
    params: (w) => ({ id: w.own.consultant.consultantId }),
    access: { kind: "roles", roles: ["admin", "staff"] },
  },
  "_staff.settings.consent.tsx": { path: "/settings/consent", access: { kind: "roles", roles: ["admin"] } },
  "_staff.settings.checklist.tsx": { path: "/settings/checklist", access: { kind: "roles", roles: ["admin"] } },
  "_staff.settings.activities.tsx": { path: "/settings/activities", access: { kind: "roles", roles: ["admin"] } },
  "_staff.settings.pay.tsx": { path: "/settings/pay", access: { kind: "roles", roles: ["admin"] } },
  "_staff.programs._index.tsx": { path: "/programs", access: { kind: "roles", roles: ["admin", "staff"] } },
  "_staff.programs.$id._index.tsx": {
    path: (w) => `/programs/${w.own.programId}`,
    params: (w) => ({ id: w.own.programId }),
    access: { kind: "roles", roles: ["admin", "staff"] },
  },
  "_staff.programs.$id.input.tsx": {
    path: (w) => `/programs/${w.own.programId}/input`,
    params: (w) => ({ id: w.own.programId }),
    access: { kind: "roles", roles: ["admin", "staff"] },
  },
  "_staff.program-inputs.$id.tsx": {
    path: () => `/program-inputs/${ownInputId}`,
    params: () => ({ id: ownInputId }),
    access: { kind: "roles", roles: ["admin", "staff"] },
  },
  // Ideas from the portal across programs, and those about no one program.
  "_staff.program-inputs._index.tsx": { path: "/program-inputs", access: { kind: "roles", roles: ["admin", "staff"] } },
  "_staff.payments._index.tsx": { path: "/payments", access: { kind: "roles", roles: ["admin", "staff"] } },
  "_staff.payments.tax-year.tsx": { path: "/payments/tax-year", access: { kind: "roles", roles: ["admin", "staff"] } },
  "_staff.payments.tax-year[.csv].tsx": {
    path: "/payments/tax-year.csv",
    access: { kind: "roles", roles: ["admin", "staff"] },
  },
  "_staff.payments.new.tsx": {
    path: (w) => `/payments/new?engagement=${w.own.engagementId}`,
    access: { kind: "roles", roles: ["admin", "staff"] },
  },
  "_staff.payments.$id.tsx": {
    path: (w) => `/payments/${w.own.paymentId}`,
    params: (w) => ({ id: w.own.paymentId }),
    access: { kind: "roles", roles: ["admin", "staff"] },
  },
  "_staff.engagements._index.tsx": { path: "/engagements", access: { kind: "roles", roles: ["admin", "staff"] } },
  "_staff.engagements.new.tsx": { path: "/engagements/new", access: { kind: "roles", roles: ["admin", "staff"] } },
  "_staff.engagements.$id._index.tsx": {
    path: (w) => `/engagements/${w.own.engagementId}`,
    params: (w) => ({ id: w.own.engagementId }),
    access: { kind: "roles", roles: ["admin", "staff"] },
  },
  "_staff.engagements.$id.edit.tsx": {
    path: (w) => `/engagements/${w.own.engagementId}/edit`,
    params: (w) => ({ id: w.own.engagementId }),
    access: { kind: "roles", roles: ["admin", "staff"] },
  },
  "_staff.engagements.$id.agreement.tsx": {
    path: (w) => `/engagements/${w.own.engagementId}/agreement`,
    params: (w) => ({ id: w.own.engagementId }),
    access: { kind: "roles", roles: ["admin", "staff"] },
  },
  "_staff.consent._index.tsx": { path: "/consent", access: { kind: "roles", roles: ["admin", "staff"] } },
  "_staff.consent.uses._index.tsx": { path: "/consent/uses", access: { kind: "roles", roles: ["admin", "staff"] } },
  "_staff.consent.uses.$id.tsx": {
    path: () => `/consent/uses/${ownUseId}`,
    params: () => ({ id: ownUseId }),
    access: { kind: "roles", roles: ["admin", "staff"] },
  },
  "_staff.partners.tsx": { path: "/partners", access: { kind: "roles", roles: ["admin", "staff"] } },
  "_staff.assessments._index.tsx": { path: "/assessments", access: { kind: "roles", roles: ["admin", "staff"] } },
  "_staff.assessments.$id._index.tsx": {
    path: () => `/assessments/${ownAssessmentId}`,
    params: () => ({ id: ownAssessmentId }),
    access: { kind: "roles", roles: ["admin", "staff"] },
  },
  "_staff.assessments.$id.actions.tsx": {
    path: () => `/assessments/${ownAssessmentId}/actions`,
    params: () => ({ id: ownAssessmentId }),
    access: { kind: "roles", roles: ["admin", "staff"] },
  },
  // Who was asked to answer, how many answered, and the form to ask more.
  "_staff.assessments.$id.invite.tsx": {
    path: () => `/assessments/${ownAssessmentId}/invite`,
    params: () => ({ id: ownAssessmentId }),
    access: { kind: "roles", roles: ["admin", "staff"] },
  },
  // The consultant answers a self-assessment they were asked to: their own invitation only.
  "portal.assessments.$id.tsx": {
    path: () => `/portal/assessments/${fixtures.own.assessmentInvitationId}`,
    params: () => ({ id: fixtures.own.assessmentInvitationId }),
    access: { kind: "roles", roles: ["consultant"] },
    resource: "assessmentInvitation",
  },
  "_staff.assessments.$id.results.tsx": {
    path: () => `/assessments/${ownAssessmentId}/results`,
    params: () => ({ id: ownAssessmentId }),
    access: { kind: "roles", roles: ["admin", "staff"] },
  },
  "portal.feedback._index.tsx": { path: "/portal/feedback", access: { kind: "roles", roles: ["consultant"] } },
  // The consultant's own availability and yearly pay limit: always their own record, never an id.
  "portal.availability.tsx": { path: "/portal/availability", access: { kind: "roles", roles: ["consultant"] } },
  // Their details to check, and the one-tap "still right" (a POST).
  "portal.check-in.tsx": { path: "/portal/check-in", access: { kind: "roles", roles: ["consultant"] } },
  // How often consultants are asked to check in, and the organization's guidance on pay and benefits.
  "_staff.settings.check-ins.tsx": { path: "/settings/check-ins", access: { kind: "roles", roles: ["admin"] } },
  // The consultant's own ideas; an anonymous one is found only by its receipt code, sent by post.
  "portal.ideas.tsx": { path: "/portal/ideas", access: { kind: "roles", roles: ["consultant"] } },
  "portal.feedback.$id.tsx": {
    path: (w) => `/portal/feedback/${w.own.engagementId}`,
    params: (w) => ({ id: w.own.engagementId }),
    access: { kind: "roles", roles: ["consultant"] },
  },
  "_staff.feedback._index.tsx": { path: "/feedback", access: { kind: "roles", roles: ["admin", "staff"] } },
  "_staff.feedback[.csv].tsx": { path: "/feedback.csv", access: { kind: "roles", roles: ["admin", "staff"] } },
  "_staff.feedback.new.tsx": { path: "/feedback/new", access: { kind: "roles", roles: ["admin", "staff"] } },
  "_staff.reports.engagement.tsx": {
    path: "/reports/engagement",
    access: { kind: "roles", roles: ["admin", "staff"] },
  },
  "_staff.reports.engagement[.csv].tsx": {
    path: "/reports/engagement.csv?table=stages",
    access: { kind: "roles", roles: ["admin", "staff"] },
  },
  "dev.outbox.tsx": { path: "/dev/outbox", access: { kind: "development-only" } },
  "dev.outbox.$id.tsx": { path: "/dev/outbox/x", params: { id: "x" }, access: { kind: "development-only" } },
};

const routeDir = path.join(REPO_ROOT, "app", "routes");
const routeFiles = fs.readdirSync(routeDir).filter((f) => /\.tsx?$/.test(f));

type RouteModule = { loader?: unknown; action?: unknown };
const modules = new Map<string, RouteModule>(
  await Promise.all(routeFiles.map(async (f) => [f, (await import(path.join(routeDir, f))) as RouteModule] as const)),
);

let world: World;
/** A consent decision of world.own.consultant, so the receipt page has something to show its owner. */
let ownReceiptId: string;
/** A use in the uses register of the world's own organization (made in beforeAll). */
let ownUseId = "";
/** A readiness assessment of the world's own organization (made in beforeAll). */
let ownAssessmentId = "";
/** A "you said, we did" input item of the world's own organization (made in beforeAll). */
let ownInputId = "";
const pathOf = (spec: RouteSpec) => (typeof spec.path === "function" ? spec.path(world) : spec.path);
const paramsOf = (spec: RouteSpec) => (typeof spec.params === "function" ? spec.params(world) : spec.params);
const cookies = new Map<Actor, string | undefined>();
/** Records of each side that the generated checks point at (tests/support/route-forms.ts). */
let fixtures: { own: Fixtures; other: Fixtures };
/** Signed in as world.other's admin, staff member and consultant. */
const otherOrgCookies = new Map<Role, string>();
/** Signed in as world.own.otherConsultant. */
let otherConsultantCookie: string;

beforeAll(async () => {
  world = await createTwoOrganizations();
  fixtures = { own: await createFixtures(world.own), other: await createFixtures(world.other) };
  for (const role of ["admin", "staff", "consultant"] as const) {
    otherOrgCookies.set(role, await cookieFor(world.other[role].userId));
  }
  otherConsultantCookie = await cookieFor(world.own.otherConsultant.userId);
  ownUseId = createConsentUseRecord(world.own.org.id, world.own.consultant.consultantId).id;
  ownAssessmentId = startAssessment({
    organizationId: world.own.org.id,
    actorUserId: world.own.staff.userId,
    templateId: listLatestTemplates()[0]!.id,
    title: "Readiness",
    creationKey: crypto.randomUUID(),
  });
  ownInputId = recordInput(world.own).id;
  cookies.set("anonymous", undefined);
  cookies.set("admin", await cookieFor(world.own.admin.userId));
  cookies.set("staff", await cookieFor(world.own.staff.userId));
  cookies.set("consultant", await cookieFor(world.own.consultant.userId));
  ownReceiptId = recordConsentDecision({
    organizationId: world.own.org.id,
    consultantId: world.own.consultant.consultantId,
    purposeId: listConsentPurposes(world.own.org.id)[0]!.id,
    decision: "declined",
    actor: { kind: "consultant", userId: world.own.consultant.userId },
    method: "portal",
    creationKey: crypto.randomUUID(),
  }).eventId;
});

/** An input item of `side`'s consultant on `side`'s program, recorded by its staff member. */
function recordInput(side: World["own"]) {
  return recordProgramInput({
    organizationId: side.org.id,
    actorUserId: side.staff.userId,
    programId: side.programId,
    creationKey: crypto.randomUUID(),
    input: {
      consultantId: side.consultant.consultantId,
      engagementId: null,
      stage: "design",
      summary: "Shorter sessions, please.",
      // The organization's day: early in the UTC morning, New York's is still yesterday.
      receivedOn: organizationToday(side.org.id),
    },
  });
}

const ACTORS: Actor[] = ["anonymous", "admin", "staff", "consultant"];

describe("the route list", () => {
  it("covers every route module", () => {
    expect(routeFiles.sort()).toEqual(Object.keys(ROUTES).sort());
  });
});

describe.each(Object.entries(ROUTES).filter(([, spec]) => spec.access.kind === "roles"))("%s", (file, spec) => {
  const access = spec.access as { kind: "roles"; roles: Role[] };
  const handlers = (["loader", "action"] as const).filter((fn) => modules.get(file)?.[fn]);
  it("has a loader", () => expect(handlers).toContain("loader"));
  for (const fn of handlers) {
    it.each(ACTORS)(`${fn} as %s`, async (actor) => {
      const handler = modules.get(file)![fn];
      const request = makeRequest(pathOf(spec), {
        method: fn === "action" ? "POST" : "GET",
        cookie: cookies.get(actor),
        form: fn === "action" ? {} : undefined,
      });
      const result = await callRoute(handler, request, paramsOf(spec));
      if (actor === "anonymous") {
        expect(result.status).toBe(302);
        expect(result.location).toMatch(/^\/login/);
      } else if (access.roles.includes(actor)) {
        // Allowed: the loader answers; an action with an empty form is refused as bad input, not as forbidden.
        expect([200, 400]).toContain(result.status);
      } else {
        expect(result.status).toBe(403);
      }
    });
  }
});

describe("public routes answer without a session", () => {
  it.each(Object.entries(ROUTES).filter(([, s]) => s.access.kind === "public"))("%s", async (file, spec) => {
    const result = await callRoute(modules.get(file)!.loader, makeRequest(pathOf(spec)), paramsOf(spec));
    expect(result.status).toBeLessThan(500);
    expect(result.status).not.toBe(403);
  });
});

describe("signed-in routes", () => {
  it("switch-organization needs a session", async () => {
    const result = await callRoute(
      modules.get("switch-organization.tsx")!.action,
      makeRequest("/switch-organization", { form: { organizationId: world.own.org.id } }),
    );
    expect(result.status).toBe(302);
    expect(result.location).toMatch(/^\/login/);
  });

  it("nobody can switch into an organization they do not belong to", async () => {
    const cookie = cookies.get("admin");
    const result = await callRoute(
      modules.get("switch-organization.tsx")!.action,
      makeRequest("/switch-organization", { form: { organizationId: world.other.org.id }, cookie }),
    );
    expect(result.status).toBe(403);
    const own = db.select().from(sessions).where(eq(sessions.userId, world.own.admin.userId)).all();
    expect(own.length).toBeGreaterThan(0);
    for (const session of own) expect(session.activeOrganizationId).not.toBe(world.other.org.id);
  });
});

describe("development-only routes", () => {
  it.each(Object.entries(ROUTES).filter(([, s]) => s.access.kind === "development-only"))(
    "%s is a 404 in production for everyone",
    async (file, spec) => {
      const previous = process.env.NODE_ENV;
      process.env.NODE_ENV = "production";
      resetEnvCacheForTests();
      try {
        for (const actor of ACTORS) {
          const result = await callRoute(
            modules.get(file)!.loader,
            makeRequest(pathOf(spec), { cookie: cookies.get(actor) }),
            paramsOf(spec),
          );
          expect(result.status).toBe(404);
        }
      } finally {
        process.env.NODE_ENV = previous;
        resetEnvCacheForTests();
      }
    },
  );
});

describe("the other organization", () => {
  const usersAction = () => modules.get("_staff.admin.users.tsx")!.action;

  it("an admin cannot change the role of a member of another organization", async () => {
    const target = world.other.staff;
    const result = await callRoute(
      usersAction(),
      makeRequest("/admin/users", {
        cookie: cookies.get("admin"),
        form: { intent: "change-role", membershipId: target.membershipId, role: "admin" },
      }),
    );
    expect(result.status).toBe(404);
    expect(db.select().from(memberships).where(eq(memberships.id, target.membershipId)).get()?.role).toBe("staff");
  });

  it("an admin cannot deactivate a member of another organization", async () => {
    const target = world.other.consultant;
    const result = await callRoute(
      usersAction(),
      makeRequest("/admin/users", {
        cookie: cookies.get("admin"),
        form: { intent: "deactivate", membershipId: target.membershipId },
      }),
    );
    expect(result.status).toBe(404);
    expect(
      db.select().from(memberships).where(eq(memberships.id, target.membershipId)).get()?.deactivatedAt,
    ).toBeNull();
  });

  it("an admin cannot withdraw another organization's invitation", async () => {
    await inviteMember({
      organizationId: world.other.org.id,
      invitedByUserId: world.other.admin.userId,
      email: "someone-new@example.test",
      role: "staff",
    });
    const invitation = db.select().from(invitations).where(eq(invitations.organizationId, world.other.org.id)).get()!;
    const result = await callRoute(
      usersAction(),
      makeRequest("/admin/users", {
        cookie: cookies.get("admin"),
        form: { intent: "revoke-invitation", invitationId: invitation.id },
      }),
    );
    expect(result.status).toBe(404);
    expect(db.select().from(invitations).where(eq(invitations.id, invitation.id)).get()?.revokedAt).toBeNull();
  });

  it("the users page lists only this organization's people and invitations", async () => {
    const result = await callRoute(
      modules.get("_staff.admin.users.tsx")!.loader,
      makeRequest("/admin/users", { cookie: cookies.get("admin") }),
    );
    const body = result.data as { members: { userId: string }[]; invitations: { email: string }[] };
    const ids = body.members.map((m) => m.userId);
    expect(ids).toContain(world.own.staff.userId);
    expect(ids).not.toContain(world.other.staff.userId);
    expect(ids).not.toContain(world.other.admin.userId);
    expect(body.invitations.map((i) => i.email)).not.toContain("someone-new@example.test");
  });

  it("the audit log shows only this organization's events", async () => {
    await cookieFor(world.other.staff.userId); // writes a session.login event in the other organization
    const result = await callRoute(
      modules.get("_staff.admin.audit.tsx")!.loader,
      makeRequest("/admin/audit", { cookie: cookies.get("admin") }),
    );
    const body = result.data as { events: { subjectId: string | null }[] };
    expect(body.events.length).toBeGreaterThan(0);
    const otherIds = [world.other.staff.userId, world.other.admin.userId, world.other.consultant.userId];
    for (const event of body.events) expect(otherIds).not.toContain(event.subjectId);
  });

  it("an admin cannot sign out a member of another organization", async () => {
    const target = world.other.staff;
    await cookieFor(target.userId);
    const before = db.select().from(sessions).where(eq(sessions.userId, target.userId)).all().length;
    const result = await callRoute(
      usersAction(),
      makeRequest("/admin/users", {
        cookie: cookies.get("admin"),
        form: { intent: "sign-out-everywhere", membershipId: target.membershipId },
      }),
    );
    expect(result.status).toBe(404);
    expect(db.select().from(sessions).where(eq(sessions.userId, target.userId)).all()).toHaveLength(before);
  });

  it("the sessions pages list only the signed-in person's own sessions, and end only those", async () => {
    const mine = await callRoute(
      modules.get("portal.sessions.tsx")!.loader,
      makeRequest("/portal/sessions", { cookie: cookies.get("consultant") }),
    );
    const handles = (mine.data as { sessions: { handle: string }[] }).sessions.map((s) => s.handle);
    expect(handles.length).toBeGreaterThan(0);
    // Another consultant, of this or another organization, sees a different list and cannot end mine.
    for (const person of [world.own.otherConsultant, world.other.consultant]) {
      const cookie = await cookieFor(person.userId);
      const theirs = await callRoute(
        modules.get("portal.sessions.tsx")!.loader,
        makeRequest("/portal/sessions", { cookie }),
      );
      const theirHandles = (theirs.data as { sessions: { handle: string }[] }).sessions.map((s) => s.handle);
      for (const handle of handles) expect(theirHandles).not.toContain(handle);
      const ended = await callRoute(
        modules.get("portal.sessions.tsx")!.action,
        makeRequest("/portal/sessions", { cookie, form: { intent: "sign-out-one", handle: handles[0]! } }),
      );
      expect(ended.status).toBe(404);
    }
  });

  it("a consultant's portal greets them by their own name only", async () => {
    const result = await callRoute(
      modules.get("portal.tsx")!.loader,
      makeRequest("/portal", { cookie: cookies.get("consultant") }),
    );
    const shell = result.data as { preferredName: string; organizations: { id: string }[] };
    expect(shell.preferredName).toBe(world.own.consultant.preferredName);
    expect(shell.organizations.map((o) => o.id)).toEqual([world.own.org.id]);
  });

  describe("another organization's consultant records", () => {
    const record = () => modules.get("_staff.consultants.$id._index.tsx")!;
    const edit = () => modules.get("_staff.consultants.$id.edit.tsx")!;
    const otherId = () => world.other.consultant.consultantId;
    const current = () => db.select().from(consultants).where(eq(consultants.id, otherId())).get()!;

    it.each(["admin", "staff"] as const)("%s cannot open it, by page or by edit form", async (actor) => {
      for (const mod of [record(), edit()]) {
        const result = await callRoute(
          mod.loader,
          makeRequest(`/consultants/${otherId()}`, { cookie: cookies.get(actor) }),
          { id: otherId() },
        );
        expect(result.status).toBe(404);
      }
    });

    it.each(["admin", "staff"] as const)("%s cannot change it through any action", async (actor) => {
      const before = current();
      const attempts: [unknown, Record<string, string>][] = [
        [edit().action, { preferredName: "Changed by the wrong organization" }],
        [record().action, { intent: "change-status", status: "alumni" }],
        [record().action, { intent: "invite-portal" }],
        [record().action, { intent: "revoke-invitation", invitationId: fixtures.other.portalInvitationId }],
        [record().action, { intent: "checklist", itemId: "x", done: "yes" }],
      ];
      for (const [handler, form] of attempts) {
        const result = await callRoute(
          handler,
          makeRequest(`/consultants/${otherId()}`, { cookie: cookies.get(actor), form }),
          { id: otherId() },
        );
        expect(result.status).toBe(404);
      }
      expect(current()).toEqual(before);
    });

    it("the directory never lists them, whatever the search", async () => {
      const directory = modules.get("_staff.consultants._index.tsx")!;
      for (const handler of [directory.loader, directory.action]) {
        const result = await callRoute(
          handler,
          makeRequest("/consultants", {
            cookie: cookies.get("staff"),
            form: handler === directory.action ? { q: "" } : undefined,
          }),
        );
        const ids = (result.data as { result: { rows: { id: string }[] } }).result.rows.map((r) => r.id);
        expect(ids).toContain(world.own.consultant.consultantId);
        expect(ids).not.toContain(otherId());
      }
    });

    it("an admin cannot open or carry out the erasure of another organization's consultant", async () => {
      const erase = modules.get("_staff.consultants.$id.erase.tsx")!;
      const before = current();
      const opened = await callRoute(
        erase.loader,
        makeRequest(`/consultants/${otherId()}/erase`, { cookie: cookies.get("admin") }),
        { id: otherId() },
      );
      expect(opened.status).toBe(404);
      const erased = await callRoute(
        erase.action,
        makeRequest(`/consultants/${otherId()}/erase`, { cookie: cookies.get("admin"), form: { confirm: "DELETE" } }),
        { id: otherId() },
      );
      expect(erased.status).toBe(404);
      expect(current()).toEqual(before);
    });

    it("a checklist step of another organization cannot be ticked on an own consultant", async () => {
      const [otherStep] = listChecklistItems(world.other.org.id);
      const result = await callRoute(
        record().action,
        makeRequest(`/consultants/${world.own.consultant.consultantId}`, {
          cookie: cookies.get("staff"),
          form: { intent: "checklist", itemId: otherStep!.id, done: "yes" },
        }),
        { id: world.own.consultant.consultantId },
      );
      expect(result.status).toBe(404);
    });
  });

  describe("another organization's engagements and programs", () => {
    const detail = () => modules.get("_staff.engagements.$id._index.tsx")!;
    const edit = () => modules.get("_staff.engagements.$id.edit.tsx")!;

    it.each(["admin", "staff"] as const)("%s cannot open or change one by its id", async (actor) => {
      const id = world.other.engagementId;
      const before = db.select().from(engagements).where(eq(engagements.id, id)).get();
      for (const mod of [detail(), edit()]) {
        const opened = await callRoute(mod.loader, makeRequest(`/engagements/${id}`, { cookie: cookies.get(actor) }), {
          id,
        });
        expect(opened.status).toBe(404);
      }
      const changed = await callRoute(
        detail().action,
        makeRequest(`/engagements/${id}`, {
          cookie: cookies.get(actor),
          form: { status: "cancelled", cancellationReason: "x" },
        }),
        { id },
      );
      expect(changed.status).toBe(404);
      expect(db.select().from(engagements).where(eq(engagements.id, id)).get()).toEqual(before);
    });

    it("a new engagement cannot name another organization's consultant or program", async () => {
      const create = modules.get("_staff.engagements.new.tsx")!.action;
      const base = {
        creationKey: crypto.randomUUID(),
        stage: "design",
        level: "consult",
        title: "Cross-organization attempt",
        scopeWhat: "Nothing",
        rateKind: "hourly",
        rate: "60",
      };
      const count = () => db.select().from(engagements).all().length;
      const before = count();
      for (const form of [
        { ...base, consultantId: world.other.consultant.consultantId, programId: world.own.programId },
        {
          ...base,
          creationKey: crypto.randomUUID(),
          consultantId: world.own.consultant.consultantId,
          programId: world.other.programId,
        },
      ]) {
        const result = await callRoute(create, makeRequest("/engagements/new", { cookie: cookies.get("staff"), form }));
        expect(result.status).toBe(400);
      }
      expect(count()).toBe(before);
    });

    it("the engagement list never shows them", async () => {
      const list = await callRoute(
        modules.get("_staff.engagements._index.tsx")!.loader,
        makeRequest("/engagements", { cookie: cookies.get("admin") }),
      );
      const ids = (list.data as { engagements: { id: string }[] }).engagements.map((e) => e.id);
      expect(ids).toContain(world.own.engagementId);
      expect(ids).not.toContain(world.other.engagementId);
    });
  });

  describe("payments: money moves only with the right role, in the right organization", () => {
    const detail = () => modules.get("_staff.payments.$id.tsx")!;
    const statusOf = (id: string) => db.select().from(payments).where(eq(payments.id, id)).get()?.status;

    it("staff cannot approve, pay, mark not paid or void; an admin can approve", async () => {
      const id = world.own.paymentId;
      const forms: Record<string, string>[] = [
        { intent: "approve" },
        { intent: "mark-paid", paidDate: "2026-11-01", method: "check", confirmed: "yes" },
        { intent: "reverse-paid", reason: "x" },
        { intent: "void", reason: "x" },
      ];
      for (const form of forms) {
        const result = await callRoute(
          detail().action,
          makeRequest(`/payments/${id}`, { cookie: cookies.get("staff"), form }),
          { id },
        );
        expect(result.status).toBe(403);
      }
      expect(statusOf(id)).toBe("pending");
      const approved = await callRoute(
        detail().action,
        makeRequest(`/payments/${id}`, { cookie: cookies.get("admin"), form: { intent: "approve" } }),
        { id },
      );
      expect(approved.status).toBe(302);
      expect(statusOf(id)).toBe("approved");
    });

    it("a paid payment is marked not paid only by an admin of its organization, with a reason", async () => {
      const paid = (side: World["own"]) =>
        db
          .insert(payments)
          .values({
            organizationId: side.org.id,
            engagementId: side.engagementId,
            consultantId: side.consultant.consultantId,
            feeCents: 5000,
            method: "check",
            status: "paid",
            paidDate: "2026-11-02",
          })
          .returning()
          .get().id;
      const id = paid(world.own);
      const form = { intent: "reverse-paid", reason: "The check bounced" };
      const tries: [string | undefined, number][] = [
        [cookies.get("staff"), 403],
        [otherOrgCookies.get("admin"), 404],
        [otherOrgCookies.get("staff"), 403],
        [otherOrgCookies.get("consultant"), 403],
        [cookies.get("consultant"), 403],
      ];
      for (const [cookie, status] of tries) {
        const before = snapshot();
        const result = await callRoute(detail().action, makeRequest(`/payments/${id}`, { cookie, form }), { id });
        expect(result.status).toBe(status);
        expect(changedTables(before, snapshot())).toEqual([]);
      }
      expect(statusOf(id)).toBe("paid");
      const reversed = await callRoute(
        detail().action,
        makeRequest(`/payments/${id}`, { cookie: cookies.get("admin"), form }),
        { id },
      );
      expect(reversed.status).toBe(302);
      expect(statusOf(id)).toBe("approved");
    });

    it("a consultant's own payment choices are theirs: another consultant of this or another organization changes nothing", async () => {
      const id = world.own.paymentId;
      const pay = modules.get("portal.pay.tsx")!;
      const decline = modules.get("portal.pay_.$id.decline.tsx")!;
      for (const cookie of [otherConsultantCookie, otherOrgCookies.get("consultant")]) {
        const before = snapshot();
        for (const intent of ["need-now", "defer", "undo"]) {
          const result = await callRoute(
            pay.action,
            makeRequest("/portal/pay", { cookie, form: { intent, paymentId: id } }),
          );
          expect(result.status).toBe(404);
        }
        const page = await callRoute(decline.loader, makeRequest(`/portal/pay/${id}/decline`, { cookie }), { id });
        expect(page.status).toBe(404);
        const declined = await callRoute(
          decline.action,
          makeRequest(`/portal/pay/${id}/decline`, { cookie, form: { confirm: "yes" } }),
          { id },
        );
        expect(declined.status).toBe(404);
        expect(changedTables(before, snapshot())).toEqual([]);
      }
    });

    it.each(["admin", "staff"] as const)("%s cannot open or change another organization's payment", async (actor) => {
      const id = world.other.paymentId;
      const opened = await callRoute(detail().loader, makeRequest(`/payments/${id}`, { cookie: cookies.get(actor) }), {
        id,
      });
      expect(opened.status).toBe(404);
      const changed = await callRoute(
        detail().action,
        makeRequest(`/payments/${id}`, { cookie: cookies.get(actor), form: { intent: "choice", choice: "declined" } }),
        { id },
      );
      expect(changed.status).toBe(404);
      const newForOther = await callRoute(
        modules.get("_staff.payments.new.tsx")!.loader,
        makeRequest(`/payments/new?engagement=${world.other.engagementId}`, { cookie: cookies.get(actor) }),
      );
      expect(newForOther.status).toBe(404);
      expect(statusOf(id)).toBe("pending");
    });
  });

  describe("another organization's consent uses", () => {
    it.each(["admin", "staff"] as const)("%s cannot open or change one by its id", async (actor) => {
      const page = modules.get("_staff.consent.uses.$id.tsx")!;
      const otherUse = createConsentUseRecord(world.other.org.id, world.other.consultant.consultantId);
      const before = db.select().from(consentUses).where(eq(consentUses.id, otherUse.id)).get();
      const opened = await callRoute(
        page.loader,
        makeRequest(`/consent/uses/${otherUse.id}`, { cookie: cookies.get(actor) }),
        { id: otherUse.id },
      );
      expect(opened.status).toBe(404);
      const forms: Record<string, string>[] = [
        { intent: "status", status: "ended" },
        { intent: "resolve", actionTaken: "taken_down" },
      ];
      for (const form of forms) {
        const changed = await callRoute(
          page.action,
          makeRequest(`/consent/uses/${otherUse.id}`, { cookie: cookies.get(actor), form }),
          { id: otherUse.id },
        );
        expect(changed.status).toBe(404);
      }
      expect(db.select().from(consentUses).where(eq(consentUses.id, otherUse.id)).get()).toEqual(before);
    });
  });

  describe("another organization's program input (“you said, we did”)", () => {
    it.each(["admin", "staff"] as const)("%s cannot open, record into or move it along", async (actor) => {
      const inputPage = modules.get("_staff.programs.$id.input.tsx")!;
      const itemPage = modules.get("_staff.program-inputs.$id.tsx")!;
      const otherItem = recordInput(world.other).id;
      const otherProgram = world.other.programId;
      const snapshot = () =>
        db.select().from(programInputs).where(eq(programInputs.organizationId, world.other.org.id)).all();
      const before = snapshot();
      const opened = await Promise.all([
        callRoute(inputPage.loader, makeRequest(`/programs/${otherProgram}/input`, { cookie: cookies.get(actor) }), {
          id: otherProgram,
        }),
        callRoute(itemPage.loader, makeRequest(`/program-inputs/${otherItem}`, { cookie: cookies.get(actor) }), {
          id: otherItem,
        }),
      ]);
      for (const result of opened) expect(result.status).toBe(404);
      const recorded = await callRoute(
        inputPage.action,
        makeRequest(`/programs/${otherProgram}/input`, {
          cookie: cookies.get(actor),
          form: {
            creationKey: crypto.randomUUID(),
            consultantId: world.other.consultant.consultantId,
            stage: "design",
            summary: "Cross-organization attempt",
            receivedOn: organizationToday(world.other.org.id),
          },
        }),
        { id: otherProgram },
      );
      expect(recorded.status).toBe(404);
      const forms: Record<string, string>[] = [
        { intent: "start-review" },
        { intent: "decide", decision: "adopted", response: "x" },
        { intent: "report-back", reportedBackOn: organizationToday(world.other.org.id), reportedBackHow: "by phone" },
      ];
      for (const form of forms) {
        const changed = await callRoute(
          itemPage.action,
          makeRequest(`/program-inputs/${otherItem}`, { cookie: cookies.get(actor), form }),
          { id: otherItem },
        );
        expect(changed.status).toBe(404);
      }
      expect(snapshot()).toEqual(before);
    });

    it("an own program's input cannot name another organization's consultant, or another consultant's engagement", async () => {
      const inputPage = modules.get("_staff.programs.$id.input.tsx")!;
      const othersWork = createEngagementRecord(
        world.own.org.id,
        world.own.otherConsultant.consultantId,
        world.own.programId,
      );
      const count = () => db.select().from(programInputs).all().length;
      const before = count();
      const base = { stage: "design", summary: "x", receivedOn: organizationToday(world.own.org.id) };
      for (const form of [
        { ...base, creationKey: crypto.randomUUID(), consultantId: world.other.consultant.consultantId },
        {
          ...base,
          creationKey: crypto.randomUUID(),
          consultantId: world.own.consultant.consultantId,
          engagementId: othersWork.id,
        },
        {
          ...base,
          creationKey: crypto.randomUUID(),
          consultantId: world.own.consultant.consultantId,
          engagementId: world.other.engagementId,
        },
      ]) {
        const result = await callRoute(
          inputPage.action,
          makeRequest(`/programs/${world.own.programId}/input`, { cookie: cookies.get("staff"), form }),
          { id: world.own.programId },
        );
        expect(result.status).toBe(400);
      }
      expect(count()).toBe(before);
    });
  });

  describe("the funder report", () => {
    it.each(["admin", "staff"] as const)(
      "%s asking for another organization's program gets their own figures",
      async (actor) => {
        const cookie = cookies.get(actor);
        const query = `program=${world.other.programId}`;
        const page = await callRoute(
          modules.get("_staff.reports.engagement.tsx")!.loader,
          makeRequest(`/reports/engagement?${query}`, { cookie }),
        );
        expect(page.status).toBe(200);
        const data = page.data as {
          period: { programId?: string };
          errors: { program?: string };
          programs: { id: string }[];
        };
        expect(data.period.programId).toBeUndefined();
        expect(data.errors.program).toBeTruthy();
        expect(data.programs.map((p) => p.id)).not.toContain(world.other.programId);
        const csv = await callRoute(
          modules.get("_staff.reports.engagement[.csv].tsx")!.loader,
          makeRequest(`/reports/engagement.csv?table=stages&${query}`, { cookie }),
        );
        expect(csv.status).toBe(200);
        // Their program is ignored: the figures are those of every program of ours.
        const ours = await callRoute(
          modules.get("_staff.reports.engagement[.csv].tsx")!.loader,
          makeRequest("/reports/engagement.csv?table=stages", { cookie }),
        );
        expect(csv.data).toBe(ours.data);
      },
    );
  });

  describe("another organization's assessments", () => {
    it.each(["admin", "staff"] as const)("%s cannot open, answer, complete or reopen one", async (actor) => {
      const templateId = listLatestTemplates()[0]!.id;
      const otherId = startAssessment({
        organizationId: world.other.org.id,
        actorUserId: world.other.staff.userId,
        templateId,
        title: "Theirs",
        creationKey: crypto.randomUUID(),
        // One per role, each beside the one before.
        alongsideDraftId: openDraftFrom(world.other.org.id, templateId)?.id,
      });
      const before = db.select().from(assessments).where(eq(assessments.id, otherId)).get();
      for (const file of [
        "_staff.assessments.$id._index.tsx",
        "_staff.assessments.$id.results.tsx",
        "_staff.assessments.$id.actions.tsx",
      ]) {
        const opened = await callRoute(
          modules.get(file)!.loader,
          makeRequest(`/assessments/${otherId}`, { cookie: cookies.get(actor) }),
          { id: otherId },
        );
        expect(opened.status).toBe(404);
      }
      const forms: Record<string, string>[] = [
        { intent: "save", section: "fundraising", "item.budget-line": "3" },
        { intent: "complete" },
        { intent: "reopen" },
      ];
      for (const form of forms) {
        const changed = await callRoute(
          modules.get("_staff.assessments.$id._index.tsx")!.action,
          makeRequest(`/assessments/${otherId}`, { cookie: cookies.get(actor), form }),
          { id: otherId },
        );
        expect(changed.status).toBe(404);
      }
      expect(db.select().from(assessments).where(eq(assessments.id, otherId)).get()).toEqual(before);
      expect(db.select().from(assessmentAnswers).where(eq(assessmentAnswers.assessmentId, otherId)).all()).toEqual([]);
    });
  });

  describe("a consultant's work is theirs alone", () => {
    it("another consultant of the same organization cannot open, accept or log time on it", async () => {
      const work = modules.get("portal.work.$id.tsx")!;
      const id = world.own.engagementId; // belongs to world.own.consultant
      const cookie = await cookieFor(world.own.otherConsultant.userId);
      const opened = await callRoute(work.loader, makeRequest(`/portal/work/${id}`, { cookie }), { id });
      expect(opened.status).toBe(404);
      const before = db.select().from(engagements).where(eq(engagements.id, id)).get();
      const forms: Record<string, string>[] = [
        { intent: "accept", termsVersion: "1" },
        { intent: "log-time", workDate: "2026-11-01", hours: "2", kind: "session" },
      ];
      for (const form of forms) {
        const result = await callRoute(work.action, makeRequest(`/portal/work/${id}`, { cookie, form }), { id });
        expect(result.status).toBe(404);
      }
      expect(db.select().from(engagements).where(eq(engagements.id, id)).get()).toEqual(before);
    });
  });

  describe("a consultant's consent is theirs alone", () => {
    const receipt = () => modules.get("portal.consent.$id.tsx")!;
    const choices = () => modules.get("portal.consent._index.tsx")!;
    const eventCount = () => db.select().from(consentEvents).all().length;

    it("another consultant, of this or another organization, cannot open a receipt or see it listed", async () => {
      for (const person of [world.own.otherConsultant, world.other.consultant]) {
        const cookie = await cookieFor(person.userId);
        const opened = await callRoute(receipt().loader, makeRequest(`/portal/consent/${ownReceiptId}`, { cookie }), {
          id: ownReceiptId,
        });
        expect(opened.status).toBe(404);
        const page = await callRoute(choices().loader, makeRequest("/portal/consent", { cookie }));
        const ids = (page.data as { receipts: { id: string }[] }).receipts.map((r) => r.id);
        expect(ids).not.toContain(ownReceiptId);
      }
    });

    it("a purpose of another organization cannot be decided on", async () => {
      const before = eventCount();
      const result = await callRoute(
        choices().action,
        makeRequest("/portal/consent", {
          cookie: cookies.get("consultant"),
          form: {
            intent: "decide",
            purposeId: listConsentPurposes(world.other.org.id)[0]!.id,
            decision: "granted",
            creationKey: crypto.randomUUID(),
          },
        }),
      );
      expect(result.status).toBe(400);
      expect(eventCount()).toBe(before);
    });
  });

  describe("a consultant's feedback is theirs alone", () => {
    const form = () => modules.get("portal.feedback.$id.tsx")!;
    const list = () => modules.get("portal.feedback._index.tsx")!;
    const answers = () => db.select().from(feedbackSubmissions).all().length;
    const scores = {
      meaningful: "4",
      respected: "4",
      fairPay: "4",
      onTime: "4",
      clearScope: "4",
      safe: "4",
      again: "4",
    };

    it("another consultant, of this or another organization, cannot open or answer for my work", async () => {
      db.update(engagements)
        .set({ status: "completed", completedAt: new Date() })
        .where(eq(engagements.id, world.other.engagementId))
        .run();
      const before = answers();
      for (const [person, engagementId] of [
        [world.own.otherConsultant, world.own.engagementId],
        [world.other.consultant, world.own.engagementId],
        [world.own.consultant, world.other.engagementId],
      ] as const) {
        const cookie = await cookieFor(person.userId);
        const path = `/portal/feedback/${engagementId}`;
        const opened = await callRoute(form().loader, makeRequest(path, { cookie }), { id: engagementId });
        expect(opened.status).toBe(404);
        const sent = await callRoute(form().action, makeRequest(path, { cookie, form: scores }), { id: engagementId });
        expect(sent.status).toBe(404);
        const page = await callRoute(list().loader, makeRequest("/portal/feedback", { cookie }));
        const ids = (page.data as { items: { engagementId: string }[] }).items.map((i) => i.engagementId);
        expect(ids).not.toContain(engagementId);
      }
      expect(answers()).toBe(before);
    });

    it("staff record meeting feedback only about their own organization's programs and consultants", async () => {
      const before = db.select().from(experienceFeedback).all().length;
      for (const [programId, consultantId] of [
        [world.other.programId, world.own.consultant.consultantId],
        [world.own.programId, world.other.consultant.consultantId],
      ]) {
        const result = await callRoute(
          modules.get("_staff.feedback.new.tsx")!.action,
          makeRequest("/feedback/new", {
            cookie: cookies.get("staff"),
            form: {
              ...scores,
              creationKey: crypto.randomUUID(),
              programId: programId!,
              stage: "design",
              heardOn: "2026-01-05",
              who: "named",
              consultantId: consultantId!,
            },
          }),
        );
        expect(result.status).toBe(400);
      }
      expect(db.select().from(experienceFeedback).all().length).toBe(before);
    });
  });
});

// --- Generated from the route list: every route, every loader and action, from the other side ------

/** The route's id param (`$id`, `$token`...), if its path carries one. */
const idParamOf = (file: string) => /(?:^|\.)\$([A-Za-z]+)/.exec(file)?.[1];

// The path segment before the id names the record: `_staff.payments.$id` is a payment.
const RESOURCE_BY_SEGMENT: Record<string, Resource> = {
  engagements: "engagement",
  payments: "payment",
  consultants: "consultant",
  programs: "program",
  "program-inputs": "programInput",
  uses: "consentUse",
  assessments: "assessment",
  work: "engagement",
  feedback: "engagement",
  consent: "consentReceipt",
};

function resourceOf(file: string, spec: RouteSpec): Resource | undefined {
  if (spec.resource) return spec.resource;
  const parts = file.replace(/\.tsx?$/, "").split(".");
  const at = parts.findIndex((p) => p.startsWith("$"));
  return at > 0 ? RESOURCE_BY_SEGMENT[parts[at - 1]!] : undefined;
}

/** Each side's record of each kind: the generated checks swap one side's id for the other's. */
function resourceIds(side: "own" | "other"): Record<Resource, string> {
  const s = world[side];
  const fx = fixtures[side];
  return {
    engagement: s.engagementId,
    payment: s.paymentId,
    consultant: s.consultant.consultantId,
    program: s.programId,
    consentUse: side === "own" ? ownUseId : fx.useId,
    assessment: side === "own" ? ownAssessmentId : fx.assessmentId,
    programInput: side === "own" ? ownInputId : fx.inputId,
    consentReceipt: side === "own" ? ownReceiptId : fx.receiptId,
    experienceLetter: fx.issuedLetterId,
    assessmentInvitation: fx.assessmentInvitationId,
  };
}

/** Names of the organization's consultants, programs and people: never shown to another organization. */
function namesOfOrganization(organizationId: string) {
  const rows = [
    ...db.$client
      .prepare("SELECT preferred_name AS a, legal_name AS b FROM consultants WHERE organization_id = ?")
      .all(organizationId),
    ...db.$client.prepare("SELECT name AS a, NULL AS b FROM programs WHERE organization_id = ?").all(organizationId),
    ...db.$client
      .prepare(
        "SELECT u.preferred_name AS a, u.email AS b FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.organization_id = ?",
      )
      .all(organizationId),
  ] as { a: string | null; b: string | null }[];
  return new Set(rows.flatMap((r) => [r.a, r.b]).filter((v): v is string => Boolean(v)));
}

/** The ids of `ids` found in what a loader or action returned, leaving out those the request itself sent. */
function leakedIds(result: { data: unknown }, ids: Set<string>, sent: string) {
  const body = typeof result.data === "string" ? result.data : JSON.stringify(result.data ?? null);
  return [...ids].filter((id) => !sent.includes(id) && body.includes(id));
}

/** The record-owning ids of world.own.consultant: another consultant must never reach them. */
function consultantOwnedIds() {
  const fx = fixtures.own;
  return new Set([
    world.own.consultant.consultantId,
    world.own.engagementId,
    world.own.paymentId,
    ownReceiptId,
    fx.receiptId,
    fx.openEngagementId,
    fx.completedEngagementId,
    fx.spareEngagementId,
    fx.timeEntryId,
    fx.requestedLetterId,
    fx.issuedLetterId,
    fx.revocableLetterId,
    fx.ideaId,
    fx.assessmentInvitationId,
  ]);
}

/**
 * The forms to try on a route's action: every intent the module accepts, each with plausible
 * fields (a bare empty form is refused as invalid before any record is looked up, which would hide
 * a missing ownership check). A route without an entry in route-forms.ts still gets each intent
 * from its source, with no other field.
 */
function actionForms(file: string): { intent: string; form: (c: FormContext) => FormValues; target?: ActionTarget }[] {
  const entry = ACTION_FORMS[file];
  if (!entry) {
    const intents = intentsInSource(fs.readFileSync(path.join(routeDir, file), "utf8"));
    return [
      { intent: "(empty)", form: () => ({}) },
      ...intents.map((intent) => ({ intent, form: () => ({ intent }) })),
    ];
  }
  return [
    { intent: "(empty)", form: () => ({}) },
    ...Object.keys(entry.intents).map((intent) => ({
      intent: intent || "(form)",
      form: (c: FormContext) => formFor(entry, intent, c),
      target: (c: FormContext) => targetOf(entry, intent, c),
    })),
  ];
}
type ActionTarget = (c: FormContext) => { path: string; params?: Record<string, string> };

const ctx = (side: "own" | "other"): FormContext => ({ side: world[side], fx: fixtures[side] });
const NOT_YOURS = [403, 404];
const REFUSED = [400, 403, 404];

const roleRoutes = Object.entries(ROUTES).filter(([, spec]) => spec.access.kind === "roles");
const idRoutes = roleRoutes.filter(([file]) => idParamOf(file));

describe("every route with an id says what the id points at", () => {
  it.each(idRoutes)("%s", (file, spec) => {
    const resource = resourceOf(file, spec);
    expect(
      resource,
      `${file}: cannot tell what its $${idParamOf(file)} points at. Add \`resource: "…"\` to its ROUTES entry ` +
        `(one of ${Object.keys(resourceIds("own")).join(", ")}), or add a record kind to resourceIds().`,
    ).toBeDefined();
    expect(paramsOf(spec)?.[idParamOf(file)!], `${file}: its ROUTES entry needs params with the own record's id`).toBe(
      resourceIds("own")[resource!],
    );
  });
});

describe("every action has forms with each intent its module accepts", () => {
  it.each(routeFiles.filter((f) => modules.get(f)?.action))("%s", (file) => {
    const entry = ACTION_FORMS[file];
    expect(entry, `${file}: add an entry to ACTION_FORMS in tests/support/route-forms.ts`).toBeDefined();
    const accepted = intentsInSource(fs.readFileSync(path.join(routeDir, file), "utf8"));
    const covered = Object.keys(entry!.intents).filter(Boolean);
    expect(
      accepted.filter((i) => !covered.includes(i)),
      `${file}: intents without a form in ACTION_FORMS`,
    ).toEqual([]);
  });
});

describe.each(roleRoutes)("the other organization: %s", (file, spec) => {
  const access = spec.access as { kind: "roles"; roles: Role[] };
  const idParam = idParamOf(file);
  const roles = access.roles;
  const mod = () => modules.get(file)!;

  it.each(roles)("its %s never sees this organization's records", async (role) => {
    const cookie = otherOrgCookies.get(role)!;
    const ownIds = idsOfOrganization(world.own.org.id);
    const ownPath = pathOf(spec);
    if (idParam) {
      const resource = resourceOf(file, spec)!;
      const ownId = resourceIds("own")[resource];
      const theirId = resourceIds("other")[resource];
      const opened = await callRoute(mod().loader, makeRequest(ownPath, { cookie }), {
        ...paramsOf(spec),
        [idParam]: ownId,
      });
      expect(NOT_YOURS, `${file} loader answered ${opened.status} for our ${resource}`).toContain(opened.status);
      // Their own record opens, so the 404 above is about ownership, not a broken page.
      const theirPath = ownPath.replaceAll(ownId, theirId);
      const theirs = await callRoute(mod().loader, makeRequest(theirPath, { cookie }), {
        ...paramsOf(spec),
        [idParam]: theirId,
      });
      expect(theirs.status, `${file} loader for their own ${resource}`).toBe(200);
      expect(leakedIds(theirs, ownIds, theirPath), `${file} shows our ids on their page`).toEqual([]);
    } else {
      const page = await callRoute(mod().loader, makeRequest(ownPath, { cookie }));
      expect(page.status).toBeLessThan(500);
      expect(leakedIds(page, ownIds, ownPath), `${file} shows our ids to the other organization`).toEqual([]);
      // Our ids in the filters pages read from the address must not bring up our records either.
      const probe = `${ownPath}${ownPath.includes("?") ? "&" : "?"}${new URLSearchParams({
        consultant: world.own.consultant.consultantId,
        program: world.own.programId,
        engagement: world.own.engagementId,
        names: "1",
      })}`;
      const filtered = await callRoute(mod().loader, makeRequest(probe, { cookie }));
      expect(filtered.status).toBeLessThan(500);
      expect(leakedIds(filtered, ownIds, probe), `${file} shows our ids for ids in its address`).toEqual([]);
      expect(leakedIds(filtered, namesOfOrganization(world.own.org.id), ""), `${file} shows our names`).toEqual([]);
    }
  });

  if (!modules.get(file)?.action) return;

  it.each(roles)("its %s cannot change this organization's records through the action", async (role) => {
    const cookie = otherOrgCookies.get(role)!;
    const failures: string[] = [];
    for (const { intent, form, target } of actionForms(file)) {
      // With their own ids (a form that passes validation) and with ours (ids lifted from a page).
      for (const formSide of ["other", "own"] as const) {
        const values = form(ctx(formSide));
        const ownIds = idsOfOrganization(world.own.org.id);
        const sentOwnIds = Object.values(values)
          .flat()
          .some((v) => ownIds.has(v));
        let request: { path: string; params?: Record<string, string> };
        if (idParam) {
          // Always aimed at our record, whatever the form holds.
          request = target ? target(ctx("own")) : { path: pathOf(spec), params: paramsOf(spec) };
        } else if (sentOwnIds) {
          request = target ? target(ctx("other")) : { path: pathOf(spec), params: paramsOf(spec) };
        } else continue; // their own organization's business
        const before = snapshot();
        const result = await callRoute(
          mod().action,
          makeRequest(request.path, { cookie, form: values }),
          request.params,
        );
        const changes = changedTables(before, snapshot());
        const allowed = idParam && intent !== "(empty)" ? NOT_YOURS : REFUSED;
        const label = `${intent} with ${formSide === "own" ? "our" : "their"} ids → ${result.status}`;
        if (!allowed.includes(result.status)) failures.push(`${label}, expected ${allowed.join("/")}`);
        if (changes.length) failures.push(`${label} changed ${changes.join("; ")}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe.each(roleRoutes.filter(([, spec]) => (spec.access as { roles: Role[] }).roles.includes("consultant")))(
  "another consultant: %s",
  (file, spec) => {
    const idParam = idParamOf(file);
    const mod = () => modules.get(file)!;

    it("never shows them another consultant's records", async () => {
      const cookie = otherConsultantCookie;
      const ownPath = pathOf(spec);
      const result = await callRoute(mod().loader, makeRequest(ownPath, { cookie }), paramsOf(spec));
      if (idParam) expect(NOT_YOURS).toContain(result.status);
      expect(leakedIds(result, consultantOwnedIds(), idParam ? "" : ownPath)).toEqual([]);
    });

    if (!modules.get(file)?.action) return;

    it("lets them change nothing of another consultant's", async () => {
      const failures: string[] = [];
      for (const { intent, form, target } of actionForms(file)) {
        const values = form(ctx("own"));
        const mine = consultantOwnedIds();
        const namesTheirs = Object.values(values)
          .flat()
          .some((v) => mine.has(v));
        if (!idParam && !namesTheirs) continue; // their own choices, profile...
        const request = target ? target(ctx("own")) : { path: pathOf(spec), params: paramsOf(spec) };
        const before = snapshot();
        const result = await callRoute(
          mod().action,
          makeRequest(request.path, { cookie: otherConsultantCookie, form: values }),
          request.params,
        );
        const changes = changedTables(before, snapshot());
        const allowed = idParam && intent !== "(empty)" ? NOT_YOURS : REFUSED;
        const label = `${intent} → ${result.status}`;
        if (!allowed.includes(result.status)) failures.push(`${label}, expected ${allowed.join("/")}`);
        if (changes.length) failures.push(`${label} changed ${changes.join("; ")}`);
      }
      expect(failures).toEqual([]);
    });
  },
);

// Two-step sign-in is a property of the session: a session that passed only the password reaches
// no page of an organization that requires two-step sign-in, whatever the route or the person.
describe("an organization that requires two-step sign-in", () => {
  const staffRoutes = roleRoutes.filter(([, spec]) =>
    (spec.access as { roles: Role[] }).roles.some((role) => role !== "consultant"),
  );
  const people = new Map<string, { userId: string; role: "admin" | "staff"; hasTwoFactor: boolean }>();
  const passwordOnly = new Map<string, string>();
  const passedBoth = new Map<string, string>();

  beforeAll(async () => {
    const org = createOrganization();
    for (const role of ["admin", "staff"] as const) {
      for (const hasTwoFactor of [true, false]) {
        const member = await createMember({ organizationId: org.id, role });
        if (hasTwoFactor) {
          db.insert(twoFactorCredentials)
            .values({
              userId: member.userId,
              secret: sealTotpSecret(member.userId, "JBSWY3DPEHPK3PXP"),
              confirmedAt: new Date(),
            })
            .run();
        }
        const key = `${role} ${hasTwoFactor ? "with" : "without"} two-step set up`;
        people.set(key, { userId: member.userId, role, hasTwoFactor });
        passwordOnly.set(key, await cookieFor(member.userId, "password"));
        passedBoth.set(key, await cookieFor(member.userId, "second-factor"));
      }
    }
    setTwoFactorRequirement({ organizationId: org.id, actorUserId: [...people.values()][0]!.userId, required: true });
  });

  describe.each(staffRoutes)("%s", (file, spec) => {
    const roles = (spec.access as { roles: Role[] }).roles;
    const handlers = (["loader", "action"] as const).filter((fn) => modules.get(file)?.[fn]);
    it.each([
      "admin with two-step set up",
      "staff with two-step set up",
      "admin without two-step set up",
      "staff without two-step set up",
    ])("a session of the %s that passed only the password reaches nothing", async (key) => {
      const person = people.get(key)!;
      if (!roles.includes(person.role)) return;
      for (const fn of handlers) {
        const before = snapshot();
        const result = await callRoute(
          modules.get(file)![fn],
          makeRequest(pathOf(spec), {
            method: fn === "action" ? "POST" : "GET",
            cookie: passwordOnly.get(key),
            form: fn === "action" ? {} : undefined,
          }),
          paramsOf(spec),
        );
        const isSetupPage = pathOf(spec) === TWO_FACTOR_SETUP_PATH;
        if (person.hasTwoFactor) {
          // That session does not count at all: sign in again, with the code.
          expect(result.status, `${fn}`).toBe(302);
          expect(result.location, `${fn}`).toMatch(/^\/login/);
        } else if (!isSetupPage) {
          expect(result.status, `${fn}`).toBe(302);
          expect(result.location, `${fn}`).toBe(`${TWO_FACTOR_SETUP_PATH}?required=1`);
        }
        expect(changedTables(before, snapshot()), `${fn} wrote`).toEqual([]);
      }
    });

    it.each(["admin with two-step set up", "staff with two-step set up"])(
      "a session of the %s that passed both steps is let in",
      async (key) => {
        const person = people.get(key)!;
        if (!roles.includes(person.role) || !modules.get(file)?.loader) return;
        const result = await callRoute(
          modules.get(file)!.loader,
          makeRequest(pathOf(spec), { cookie: passedBoth.get(key) }),
          paramsOf(spec),
        );
        // Let in: the page opens, or (for a record of another organization) is not found.
        expect([200, 404]).toContain(result.status);
      },
    );
  });
});

describe("an invitation link and an existing account", () => {
  it.each(["admin", "staff", "consultant"] as const)(
    "never starts a session for the other organization's %s, whatever the form says",
    async (role) => {
      const person = world.other[role];
      const token = `invite-${crypto.randomUUID()}`;
      const invitationId = db
        .insert(invitations)
        .values({
          organizationId: world.own.org.id,
          email: person.email,
          role: "staff",
          tokenHash: sha256(token),
          invitedByUserId: world.own.admin.userId,
          expiresAt: new Date(Date.now() + 86_400_000),
        })
        .returning()
        .get().id;
      const sessionsBefore = db.select().from(sessions).where(eq(sessions.userId, person.userId)).all().length;
      const forms: FormValues[] = [
        { intent: "create", preferredName: "Link holder", password: TEST_PASSWORD, confirm: TEST_PASSWORD },
        {
          intent: "create",
          preferredName: "Link holder",
          password: "another passphrase",
          confirm: "another passphrase",
        },
        { intent: "sign-in" },
        { password: TEST_PASSWORD },
      ];
      for (const form of forms) {
        const result = await callRoute(
          modules.get("invite.$token.tsx")!.action,
          makeRequest(`/invite/${token}`, { form }),
          { token },
        );
        const sessionCookie = result.headers
          .getSetCookie()
          .find((c) => c.startsWith("seh_session=") && !c.startsWith("seh_session=;"));
        expect(sessionCookie, JSON.stringify(form)).toBeUndefined();
      }
      expect(db.select().from(sessions).where(eq(sessions.userId, person.userId)).all()).toHaveLength(sessionsBefore);
      expect(
        db
          .select()
          .from(memberships)
          .where(eq(memberships.userId, person.userId))
          .all()
          .map((m) => m.organizationId),
      ).not.toContain(world.own.org.id);
      expect(db.select().from(invitations).where(eq(invitations.id, invitationId)).get()!.acceptedAt).toBeNull();
    },
  );
});
// --- Reading never writes ----------------------------------------------------------------------

describe("opening a page changes nothing", () => {
  /** A named portal answer staff have not read: reading the report once marked answers read. */
  let unreadAnswerId = "";
  /** A use resting on a grant whose end date has passed, with no "expired" event recorded yet. */
  let lapsedUseId = "";
  const lapsingPurpose = () => listConsentPurposes(world.own.org.id).find((p) => p.systemKey === "fundraising")!;
  /** A default purpose the organization lacks, as for one made before that purpose existed. */
  const MISSING_DEFAULT = "feedback_reports";
  /**
   * The one thing a read may add: the record that it happened. Who opened a consultant's record or
   * what they said they need for a piece of work, and a consultant looking at their own data, are
   * kept in the audit log on purpose.
   */
  const ACCESS_RECORDS = ["consultant.viewed", "support.details_viewed", "consultant.data_exported"];
  const lastAuditRowid = () =>
    (db.$client.prepare("SELECT coalesce(max(rowid), 0) FROM audit_events").pluck().get() as number) ?? 0;
  const auditActionsSince = (rowid: number) =>
    db.$client.prepare("SELECT action FROM audit_events WHERE rowid > ? ORDER BY rowid").pluck().all(rowid) as string[];

  /** Puts back the situations that used to make a page write, if a page wrote them away. */
  function setTheTraps() {
    const organizationId = world.own.org.id;
    const consultantId = world.own.consultant.consultantId;
    db.update(experienceFeedback).set({ readAt: null }).where(eq(experienceFeedback.id, unreadAnswerId)).run();
    const purposeId = lapsingPurpose().id;
    const latest = db
      .select({ kind: consentEvents.kind })
      .from(consentEvents)
      .where(and(eq(consentEvents.consultantId, consultantId), eq(consentEvents.purposeId, purposeId)))
      .orderBy(desc(sql`rowid`))
      .get();
    if (latest?.kind !== "granted") {
      // Given long ago with an end date since passed: the decision's own `today` is back then.
      const grant = recordConsentDecision({
        organizationId,
        consultantId,
        purposeId,
        decision: "granted",
        actor: { kind: "staff", userId: world.own.staff.userId, role: "staff" },
        method: "written_form",
        givenOn: "2020-01-01",
        formKeptAt: "Consent binder",
        expiresOn: "2020-06-01",
        creationKey: crypto.randomUUID(),
        today: "2020-01-01",
      });
      const values = { status: "published" as const, basisEventId: grant.eventId, flaggedAt: null, flagEventId: null };
      if (lapsedUseId) db.update(consentUses).set(values).where(eq(consentUses.id, lapsedUseId)).run();
      else
        lapsedUseId = createConsentUseRecord(organizationId, consultantId, { purposeKey: "fundraising", ...values }).id;
    }
    const missing = db
      .select({ id: consentPurposes.id })
      .from(consentPurposes)
      .where(and(eq(consentPurposes.organizationId, organizationId), eq(consentPurposes.systemKey, MISSING_DEFAULT)))
      .get();
    // Its key cleared, the purpose reads as one the organization added itself (versions cannot be deleted).
    if (missing) db.update(consentPurposes).set({ systemKey: null }).where(eq(consentPurposes.id, missing.id)).run();
  }

  beforeAll(() => {
    const engagementId = createEngagementRecord(
      world.own.org.id,
      world.own.consultant.consultantId,
      world.own.programId,
      {
        status: "completed",
        completedAt: new Date(),
        title: "Work with unread feedback",
      },
    ).id;
    submitExperienceFeedback({
      organizationId: world.own.org.id,
      consultantId: world.own.consultant.consultantId,
      userId: world.own.consultant.userId,
      engagementId,
      scores: Object.fromEntries(EXPERIENCE_QUESTIONS.map((q) => [q, 4])) as Record<
        (typeof EXPERIENCE_QUESTIONS)[number],
        number
      >,
      comment: "Not read by staff yet.",
      anonymous: false,
    });
    unreadAnswerId = db
      .select({ id: feedbackSubmissions.feedbackId })
      .from(feedbackSubmissions)
      .where(eq(feedbackSubmissions.engagementId, engagementId))
      .get()!.id;
    setTheTraps();
  });

  const withLoaders = Object.entries(ROUTES).filter(([file]) => modules.get(file)?.loader);

  it("a live invitation or password reset link opens without being spent", async () => {
    const invitation = `invite-${crypto.randomUUID()}`;
    const reset = `reset-${crypto.randomUUID()}`;
    db.insert(invitations)
      .values({
        organizationId: world.own.org.id,
        email: `opened-${crypto.randomUUID().slice(0, 8)}@example.test`,
        role: "staff",
        tokenHash: sha256(invitation),
        invitedByUserId: world.own.admin.userId,
        expiresAt: new Date(Date.now() + 86_400_000),
      })
      .run();
    db.insert(passwordResetTokens)
      .values({ userId: world.own.staff.userId, tokenHash: sha256(reset), expiresAt: new Date(Date.now() + 3_600_000) })
      .run();
    const before = snapshot();
    const opened = [
      await callRoute(modules.get("invite.$token.tsx")!.loader, makeRequest(`/invite/${invitation}`), {
        token: invitation,
      }),
      await callRoute(modules.get("reset-password.tsx")!.loader, makeRequest(`/reset-password?token=${reset}`)),
    ];
    expect(opened.map((o) => (o.data as { state?: string; usable?: boolean }).state ?? o.data)).toEqual([
      "valid",
      { token: reset, usable: true },
    ]);
    expect(changedTables(before, snapshot())).toEqual([]);
  });

  describe.each(withLoaders)("%s", (file, spec) => {
    it.each(ACTORS)("its loader, opened by %s, writes nothing", async (actor) => {
      setTheTraps();
      const before = snapshot();
      const lastAudit = lastAuditRowid();
      await callRoute(
        modules.get(file)!.loader,
        makeRequest(pathOf(spec), { cookie: cookies.get(actor) }),
        paramsOf(spec),
      );
      // Sessions are left out of the snapshot: a session's expiry slides forward on use.
      const after = snapshot();
      expect(changedTables(before, after, ["audit_events"])).toEqual([]);
      const audit = { before: before.get("audit_events")!, after: after.get("audit_events")! };
      expect(audit.after.slice(0, audit.before.length)).toEqual(audit.before);
      expect(auditActionsSince(lastAudit).filter((action) => !ACCESS_RECORDS.includes(action))).toEqual([]);
    });
  });
});
