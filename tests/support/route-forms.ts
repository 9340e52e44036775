// Realistic forms for every route action, shared by the access matrix (another organization or another
// consultant sends them against our records) and the fuzz test (which starts from them and swaps in
// hostile values). One entry per route file with an action; the tests fail when one is missing.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import {
  assessmentActions,
  CONSULTANT_STATUSES,
  CONTACT_SAFETY,
  engagements,
  ENGAGEMENT_LEVELS,
  invitations,
  NAME_CHOICES,
  passwordResetTokens,
  PAYMENT_METHODS,
  payments,
  RATE_KINDS,
  STAGES,
  TIME_KINDS,
  timeEntries,
  type Role,
} from "../../db/schema";
import { listActivityTypes } from "../../app/models/activity-type.server";
import { openDraftFrom, saveSection, startAssessment } from "../../app/models/assessment/drafting.server";
import { listLatestTemplates } from "../../app/models/assessment/records.server";
import { listChecklistItems } from "../../app/models/checklist.server";
import { recordConsentDecision } from "../../app/models/consent/decisions.server";
import { listConsentPurposes } from "../../app/models/consent/purposes.server";
import { feedbackReport } from "../../app/models/feedback/report.server";
import { recordProgramInput } from "../../app/models/program-input/steps.server";
import { organizationToday, setTwoFactorRequirement, signInSecuritySettings } from "../../app/models/settings.server";
import { COMMENT_MAX } from "../../app/utils/feedback-options";
import { PAID_METHODS } from "../../app/utils/payment-schema";
import { supportedTimeZones } from "../../app/utils/time-zone";
import { db } from "../../app/utils/db.server";
import { sha256 } from "../../app/utils/tokens.server";
import {
  createConsultantRecord,
  createConsentUseRecord,
  createEngagementRecord,
  createMember,
  createTwoOrganizations,
  TEST_PASSWORD,
} from "./factories";

export type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
export type Side = World["own"];
export type Actor = "anonymous" | Role;

/** The records of one side (organization) that route addresses and forms point at. */
export type Fixtures = Awaited<ReturnType<typeof createFixtures>>;
export type FormContext = { side: Side; fx: Fixtures };
export type FormValues = Record<string, string | string[]>;

const today = () => new Date().toISOString().slice(0, 10);

/** The engagement's current terms version, as the portal page puts it in its forms. */
const termsVersionOf = (engagementId: string) =>
  String(db.select().from(engagements).where(eq(engagements.id, engagementId)).get()!.termsVersion);

/** Everything a route of one side can be pointed at, made through the models where that is cheap. */
export async function createFixtures(side: Side) {
  const organizationId = side.org.id;
  const staff = { organizationId, actorUserId: side.staff.userId };
  const purposeId = listConsentPurposes(organizationId)[0]!.id;
  const template = listLatestTemplates().find((t) => t.key === "survivor-informed-readiness")!;
  const assessmentId = startAssessment({
    ...staff,
    templateId: template.id,
    title: "Readiness",
    creationKey: randomUUID(),
  });
  // Two items answered "not yet": one is offered for the action plan, one already has an action.
  const answers = new FormData();
  answers.set("item.mission-statement", "0");
  answers.set("item.leadership-support", "0");
  saveSection({ ...staff, assessmentId, sectionKey: "mission", form: answers });
  const assessmentActionId = db
    .insert(assessmentActions)
    .values({ organizationId, assessmentId, itemKey: "leadership-support", title: "Talk to the board" })
    .returning()
    .get().id;
  const input = recordProgramInput({
    ...staff,
    programId: side.programId,
    creationKey: randomUUID(),
    input: {
      consultantId: side.consultant.consultantId,
      engagementId: null,
      stage: "design",
      summary: "Shorter sessions, please.",
      receivedOn: today(),
    },
  });
  const receiptId = recordConsentDecision({
    organizationId,
    consultantId: side.consultant.consultantId,
    purposeId,
    decision: "declined",
    actor: { kind: "consultant", userId: side.consultant.userId },
    method: "portal",
    creationKey: randomUUID(),
  }).eventId;
  // Work the consultant has agreed to, so time can be logged on it, with one entry waiting for approval.
  const openEngagementId = createEngagementRecord(organizationId, side.consultant.consultantId, side.programId, {
    status: "agreed",
  }).id;
  const timeEntryId = db
    .insert(timeEntries)
    .values({
      organizationId,
      engagementId: openEngagementId,
      workDate: today(),
      hundredths: 100,
      kind: "session",
      loggedByUserId: side.consultant.userId,
    })
    .returning()
    .get().id;
  // A second entry for each removal form (staff page, portal): approving the first locks it.
  const entry = () =>
    db
      .insert(timeEntries)
      .values({
        organizationId,
        engagementId: openEngagementId,
        workDate: today(),
        hundredths: 50,
        kind: "preparation",
        loggedByUserId: side.consultant.userId,
      })
      .returning()
      .get().id;
  const removableEntryId = entry();
  const portalEntryId = entry();
  // Proposed work with its current terms, for the portal's accept and decline forms.
  const proposedEngagementId = createEngagementRecord(organizationId, side.consultant.consultantId, side.programId).id;
  const payment = () =>
    db
      .insert(payments)
      .values({
        organizationId,
        engagementId: openEngagementId,
        consultantId: side.consultant.consultantId,
        feeCents: 5000,
        method: "check",
      })
      .returning()
      .get().id;
  const completedEngagementId = createEngagementRecord(organizationId, side.consultant.consultantId, side.programId, {
    status: "completed",
    completedAt: new Date(),
  }).id;
  // Proposed work whose answer staff record as given on paper or out loud.
  const offlineAnswerEngagementId = createEngagementRecord(
    organizationId,
    side.consultant.consultantId,
    side.programId,
  ).id;
  // A proposed engagement only for status changes, so cancelling it leaves the others usable.
  const spareEngagementId = createEngagementRecord(organizationId, side.consultant.consultantId, side.programId).id;
  const spare = await createMember({ organizationId, role: "staff" });
  const invite = (token: string, consultantId?: string) =>
    db
      .insert(invitations)
      .values({
        organizationId,
        email: `invited-${randomUUID().slice(0, 8)}@example.test`,
        role: consultantId ? "consultant" : "staff",
        tokenHash: sha256(token),
        invitedByUserId: side.admin.userId,
        consultantId,
        expiresAt: new Date(Date.now() + 86_400_000),
      })
      .returning()
      .get().id;
  const invitationId = invite(randomUUID());
  // A portal invitation for the consultant's record, for its "revoke" form.
  const portalInvitationId = invite(randomUUID(), side.consultant.consultantId);
  // Links as emailed: only their hash is stored, so the test keeps the token itself.
  const invitationToken = `invite-${randomUUID()}`;
  invite(invitationToken);
  const resetToken = `reset-${randomUUID()}`;
  db.insert(passwordResetTokens)
    .values({ userId: spare.userId, tokenHash: sha256(resetToken), expiresAt: new Date(Date.now() + 3_600_000) })
    .run();
  // A purpose the consultant said yes to, so a use of it can be recorded.
  const grantedPurposeId = listConsentPurposes(organizationId)[1]!.id;
  recordConsentDecision({
    organizationId,
    consultantId: side.consultant.consultantId,
    purposeId: grantedPurposeId,
    decision: "granted",
    actor: { kind: "consultant", userId: side.consultant.userId },
    method: "portal",
    nameChoice: "anonymous",
    creationKey: randomUUID(),
  });
  return {
    purposeId,
    templateId: template.id,
    assessmentId,
    assessmentActionId,
    inputId: input.id,
    receiptId,
    useId: createConsentUseRecord(organizationId, side.consultant.consultantId).id,
    checklistItemId: listChecklistItems(organizationId)[0]!.id,
    activityTypeId: listActivityTypes(organizationId)[0]!.id,
    openEngagementId,
    timeEntryId,
    completedEngagementId,
    spareEngagementId,
    spareMembershipId: spare.membershipId,
    invitationId,
    portalInvitationId,
    invitationToken,
    resetToken,
    grantedPurposeId,
    removableEntryId,
    portalEntryId,
    proposedEngagementId,
    offlineAnswerEngagementId,
    voidablePaymentId: payment(),
    portalPaymentId: payment(),
    declinablePaymentId: payment(),
  };
}

/** Both organizations of `createTwoOrganizations`, each with its fixtures. */
export async function createRouteWorld() {
  const world = await createTwoOrganizations();
  const fixtures = { own: await createFixtures(world.own), other: await createFixtures(world.other) };
  return { world, fixtures };
}

/**
 * What a field accepts, for the fuzz test's oracle: a request that succeeds must have sent a
 * plausible value for each field it changed.
 * - text: free text, stored as sent after trimming (`stored: false` when it is only searched or checked)
 * - enum: one of `values` (`trimmed`: after trimming; `optional`: or blank)
 * - ref: the id of a record (only the real one is plausible; `unknownIgnored`: an unknown id is skipped)
 * - uuid, date, number, bool (a checkbox: "on"), email, secret (a password), tags (a comma list)
 */
export type FieldKind = (
  | { t: "text"; max: number; min?: number; stored?: boolean; sealed?: boolean }
  | { t: "enum"; values: readonly string[]; optional?: boolean; trimmed?: boolean }
  | { t: "ref"; optional?: boolean; unknownIgnored?: boolean }
  | { t: "uuid" }
  | { t: "date"; optional?: boolean }
  | { t: "number"; optional?: boolean }
  | { t: "bool" }
  | { t: "email"; optional?: boolean }
  | { t: "secret" }
  | { t: "tags" }
) & {
  /** Read only when another field has this value (notes that go with a yes, a witness for a spoken choice). */
  onlyIf?: { field: string; is: string };
};

export type IntentForm = {
  /** The fields the form sends (the `intent` field is added from the key). */
  fields: Record<string, FieldKind>;
  /** A form a person of the route's role would send, for the side `c`. */
  valid: (c: FormContext) => FormValues;
  /** Why this form is refused even as it is (its fixture cannot make it valid), if it is. */
  refused?: string;
  /** The status it is refused with, when not 400 (a session that is not on the person's list is a 404). */
  refusedStatus?: number;
  /** The address, when this intent is sent from another page than the route's usual one. */
  path?: (c: FormContext) => string;
};

export type ActionForms = {
  /** Who sends these forms in the fuzz test. */
  actor: Actor;
  path: (c: FormContext) => string;
  /** Route params, when the path carries one. */
  params?: (c: FormContext) => Record<string, string>;
  /** Keyed by intent value; "" for a form without an `intent` field. */
  intents: Record<string, IntentForm>;
  /** Fields that take several values (a list of checkboxes). */
  lists?: string[];
  /** Why a tampered value may still be accepted (a search that drops malformed filters), if it may. */
  lenient?: string;
  /** Tables a refused request may still write to, with the reason (security logs, not partial writes). */
  writesOnRefusal?: Record<string, string>;
  /** Puts back, after each fuzz case, an accepted change that would turn every later request away. */
  reset?: (c: FormContext) => void;
};

const text = (max: number, min = 0): FieldKind => ({ t: "text", max, min });
const searchText = (max: number): FieldKind => ({ t: "text", max, stored: false });
const oneOf = (values: readonly string[], optional = false): FieldKind => ({ t: "enum", values, optional });
const ref: FieldKind = { t: "ref" };
const optionalRef: FieldKind = { t: "ref", optional: true };
const uuid: FieldKind = { t: "uuid" };
const date: FieldKind = { t: "date" };
const optionalDate: FieldKind = { t: "date", optional: true };
const number: FieldKind = { t: "number" };
const optionalNumber: FieldKind = { t: "number", optional: true };
const bool: FieldKind = { t: "bool" };
const key = () => randomUUID();
/** A self-assessment answer on the readiness scale: trimmed, and blank clears it. */
const answer: FieldKind = {
  t: "enum",
  values: ["0", "1", "2", "3"],
  optional: true,
  trimmed: true,
  onlyIf: { field: "section", is: "mission" }, // another section's form ignores it
};

const SCORES = ["1", "2", "3", "4", "5", "skip"] as const;
const scoreFields = Object.fromEntries(
  ["meaningful", "respected", "fairPay", "onTime", "clearScope", "safe", "again"].map((q) => [q, oneOf(SCORES)]),
);
const scoreValues = Object.fromEntries(Object.keys(scoreFields).map((q) => [q, "4"]));

const profileFields = {
  preferredName: text(100, 1),
  pronouns: text(40),
  phone: { t: "text", max: 40, stored: false } as FieldKind, // digits and + ( ) - . only
  location: text(100),
  availability: text(500),
  // Sealed at rest (ADR 008): the fuzz test finds them by opening the sealed cells.
  accessNeeds: { ...text(1000), sealed: true } as FieldKind,
  supportPerson: { ...text(200), sealed: true } as FieldKind,
  languages: { t: "tags" } as FieldKind,
  emailSafety: oneOf(CONTACT_SAFETY, true),
  paymentMethod: oneOf(PAYMENT_METHODS, true),
  needsChildcare: bool,
};
const profileValues = () => ({
  preferredName: "Alex",
  pronouns: "they/them",
  phone: "+1 (555) 010-0000",
  location: "Springfield",
  availability: "Weekday mornings",
  accessNeeds: "Large print",
  supportPerson: "A friend",
  languages: "Spanish, ASL",
  emailSafety: "safe",
  paymentMethod: "check",
  needsChildcare: "on",
});

const engagementFields = {
  consultantId: ref,
  programId: ref,
  stage: oneOf(STAGES),
  level: oneOf(ENGAGEMENT_LEVELS),
  title: text(120, 1),
  scopeWhat: text(4000, 1),
  scopeWhen: text(500),
  scopeWhere: text(500),
  rateKind: oneOf(RATE_KINDS),
  rate: number,
  estimatedHours: optionalNumber,
  estimatedDays: optionalNumber,
  paymentDueDays: optionalNumber,
  startDate: optionalDate,
  expensesPolicy: text(2000),
  coversTravel: bool,
  belowFairRateAccepted: bool,
};
// "Save anyway" is ticked: other actions (the fuzzing of the organization's settings among them) may
// raise the fair rate above this one, and this form must stay valid whatever they left behind.
const engagementValues = (c: FormContext) => ({
  consultantId: c.side.consultant.consultantId,
  programId: c.side.programId,
  stage: "delivery",
  level: "consult",
  title: "Co-facilitate a training",
  scopeWhat: "Two sessions",
  scopeWhen: "March",
  scopeWhere: "Online",
  rateKind: "hourly",
  rate: "60",
  estimatedHours: "4",
  paymentDueDays: "30",
  startDate: today(),
  expensesPolicy: "Travel is paid back",
  coversTravel: "on",
  belowFairRateAccepted: "on",
});

const timeFields = { workDate: date, hours: number, kind: oneOf(TIME_KINDS), note: text(500), creationKey: uuid };
// The day where the organization is: time for a day not yet begun there is refused.
const timeValues = (c: FormContext) => ({
  workDate: organizationToday(c.side.org.id),
  hours: "1.5",
  kind: "session",
  note: "Prepared the slides",
  creationKey: key(),
});

const wordingFields = { label: text(80, 2), text: text(2000, 20), defaultExpiryMonths: optionalNumber };
const wordingValues = () => ({
  label: "Photos",
  text: "We may use photos of you at events in our newsletter.",
  defaultExpiryMonths: "12",
});

const twoStepIntents: Record<string, IntentForm> = {
  start: { fields: { password: { t: "secret" } }, valid: () => ({ password: TEST_PASSWORD }) },
  cancel: { fields: {}, valid: () => ({}) },
  confirm: {
    fields: { code: searchText(40), password: { t: "secret" } },
    valid: () => ({ code: "000000", password: "not the password" }),
    refused: "turning it on needs the password again and a code from the person's app, which a fixture does not have",
  },
  "new-codes": {
    fields: { code: searchText(40), password: { t: "secret" } },
    valid: () => ({ code: "000000", password: "not the password" }),
    refused: "new codes need the password again and a code from the person's app, which a fixture does not have",
  },
  "turn-off": {
    fields: { code: searchText(40), password: { t: "secret" } },
    valid: () => ({ code: "000000", password: "not the password" }),
    refused: "turning it off needs the person's password and a code; a wrong one is refused",
  },
};

const sessionIntents: Record<string, IntentForm> = {
  "sign-out-others": { fields: {}, valid: () => ({}) },
  "sign-out-one": {
    fields: { handle: searchText(64) },
    valid: () => ({ handle: "0".repeat(64) }),
    refused: "a session's handle is shown only to its owner; a made-up one is not on the list",
    refusedStatus: 404,
  },
};

/** A consultant record of its own per organization, so erasing it leaves the shared fixtures alone. */
const erasable = new Map<string, string>();
const erasableOf = (c: FormContext) => {
  if (!erasable.has(c.side.org.id)) erasable.set(c.side.org.id, createConsultantRecord(c.side.org.id).id);
  return erasable.get(c.side.org.id)!;
};

export const ACTION_FORMS: Record<string, ActionForms> = {
  "_staff.account.two-step.tsx": {
    actor: "staff",
    writesOnRefusal: {
      login_failures: "a wrong code counts toward the lockout, as a wrong password does",
      audit_events: "a failed or locked second step is a security event",
    },
    path: () => "/account/two-step",
    intents: twoStepIntents,
  },
  "portal.two-step.tsx": {
    actor: "consultant",
    writesOnRefusal: {
      login_failures: "a wrong code counts toward the lockout, as a wrong password does",
      audit_events: "a failed or locked second step is a security event",
    },
    path: () => "/portal/two-step",
    intents: twoStepIntents,
  },
  "_staff.account.sessions.tsx": { actor: "staff", path: () => "/account/sessions", intents: sessionIntents },
  "portal.sessions.tsx": { actor: "consultant", path: () => "/portal/sessions", intents: sessionIntents },
  "_staff.settings.security.tsx": {
    actor: "admin",
    path: () => "/settings/security",
    // "On" is accepted, and then sends the fixture's admins and staff (none has two-step sign-in) to its
    // setup page, as designed: every later request of theirs would be that redirect.
    reset: (c) => {
      if (signInSecuritySettings(c.side.org.id).requireTwoFactorForStaff) {
        setTwoFactorRequirement({ organizationId: c.side.org.id, actorUserId: c.side.admin.userId, required: false });
      }
    },
    intents: {
      "": {
        fields: { requireTwoFactorForStaff: oneOf(["on", "off"]) },
        // Off: turning it on would send every staff member of the fixture to the setup page.
        valid: () => ({ requireTwoFactorForStaff: "off" }),
      },
    },
  },
  "_staff.settings.organization.tsx": {
    actor: "admin",
    path: () => "/settings/organization",
    intents: {
      "": {
        fields: { timeZone: { t: "enum", values: supportedTimeZones(), trimmed: true } },
        valid: () => ({ timeZone: "America/Chicago" }),
      },
    },
  },
  "login_.verify.tsx": {
    actor: "anonymous",
    lenient:
      "without a pending sign-in every form goes back to the sign-in page (a redirect); nothing is read or stored",
    writesOnRefusal: {
      login_failures: "a wrong code counts toward the lockout, as a wrong password does",
      audit_events: "a failed or locked second step is a security event",
    },

    path: () => "/login/verify",
    intents: {
      "": {
        fields: { code: searchText(40) },
        valid: () => ({ code: "123456" }),
        refused: "without a pending sign-in (a password checked a moment ago) there is nothing to verify",
        refusedStatus: 302,
      },
    },
  },
  "_staff.consultants.$id.erase.tsx": {
    actor: "admin",
    path: (c) => `/consultants/${erasableOf(c)}/erase`,
    params: (c) => ({ id: erasableOf(c) }),
    intents: {
      "": {
        fields: { confirm: searchText(20), channel: oneOf(["portal", "other"], true) },
        valid: () => ({ confirm: "DELETE", channel: "other" }),
      },
    },
  },
  "portal.my-data.delete.tsx": {
    actor: "consultant",
    path: () => "/portal/my-data/delete",
    intents: { "": { fields: { confirm: oneOf(["yes"]) }, valid: () => ({ confirm: "yes" }) } },
  },
  "_staff.admin.users.tsx": {
    actor: "admin",
    path: () => "/admin/users",
    intents: {
      invite: {
        fields: { email: { t: "email" }, role: oneOf(["staff", "admin"]) },
        valid: () => ({ email: `new-${randomUUID().slice(0, 8)}@example.test`, role: "staff" }),
      },
      "change-role": {
        fields: { membershipId: ref, role: oneOf(["admin", "staff", "consultant"]) },
        valid: (c) => ({ membershipId: c.fx.spareMembershipId, role: "staff" }),
      },
      deactivate: { fields: { membershipId: ref }, valid: (c) => ({ membershipId: c.fx.spareMembershipId }) },
      reactivate: { fields: { membershipId: ref }, valid: (c) => ({ membershipId: c.fx.spareMembershipId }) },
      "revoke-invitation": { fields: { invitationId: ref }, valid: (c) => ({ invitationId: c.fx.invitationId }) },
      "sign-out-everywhere": {
        fields: { membershipId: ref },
        valid: (c) => ({ membershipId: c.fx.spareMembershipId }),
      },
    },
  },
  "_staff.assessments.$id._index.tsx": {
    actor: "staff",
    writesOnRefusal: {
      assessment_answers:
        "a section keeps the answers that fit and reports the rest (by design, see 'keeps the answers that fit' " +
        "in assessments.test.ts), so autosave loses at most the answer being fixed",
      assessments: "the assessment's last-change time, with those answers",
      audit_events: "the section save, with those answers",
    },
    path: (c) => `/assessments/${c.fx.assessmentId}`,
    params: (c) => ({ id: c.fx.assessmentId }),
    intents: {
      save: {
        fields: { section: oneOf(["mission", "programs"]), "item.mission-statement": answer },
        valid: () => ({ section: "mission", "item.mission-statement": "0" }),
      },
      autosave: {
        fields: { section: oneOf(["mission", "programs"]), "item.story-belongs": answer },
        // A section is saved whole: an item left out loses its answer.
        valid: () => ({ section: "mission", "item.mission-statement": "0", "item.story-belongs": "2" }),
      },
      complete: { fields: {}, valid: () => ({}) },
      reopen: { fields: {}, valid: () => ({}) },
    },
  },
  "_staff.assessments.$id.actions.tsx": {
    actor: "staff",
    path: (c) => `/assessments/${c.fx.assessmentId}/actions`,
    params: (c) => ({ id: c.fx.assessmentId }),
    intents: {
      add: {
        fields: {
          itemKey: oneOf(["mission-statement"]),
          title: text(200, 2),
          ownerUserId: optionalRef,
          dueDate: optionalDate,
        },
        valid: (c) => ({
          itemKey: "mission-statement",
          title: "Write the mission statement",
          ownerUserId: c.side.staff.userId,
          dueDate: "2027-03-31",
        }),
      },
      status: {
        fields: { actionId: ref, status: oneOf(["open", "in_progress", "done"]) },
        valid: (c) => ({ actionId: c.fx.assessmentActionId, status: "in_progress" }),
      },
    },
  },
  "_staff.assessments._index.tsx": {
    actor: "staff",
    path: () => "/assessments",
    intents: {
      "": {
        // Started beside the open draft, as after "Start a new one anyway" (the fixture's draft, or a newer one).
        fields: {
          templateId: ref,
          title: text(120, 2),
          creationKey: uuid,
          alongsideDraftId: { t: "ref", optional: true, unknownIgnored: true },
        },
        valid: (c) => ({
          templateId: c.fx.templateId,
          title: "Readiness 2027",
          creationKey: key(),
          alongsideDraftId: openDraftFrom(c.side.org.id, c.fx.templateId)?.id ?? "",
        }),
      },
    },
  },
  "_staff.consent.uses.$id.tsx": {
    actor: "staff",
    path: (c) => `/consent/uses/${c.fx.useId}`,
    params: (c) => ({ id: c.fx.useId }),
    intents: {
      status: {
        // The reason is kept only with an admin's override of a missing consent.
        fields: { status: oneOf(["published", "ended"]), overrideReason: { t: "text", max: 1000, stored: false } },
        valid: () => ({ status: "ended" }),
      },
      resolve: {
        fields: { actionTaken: oneOf(["taken_down", "stopped", "not_retrievable", "other"]), actionNote: text(1000) },
        valid: () => ({ actionTaken: "taken_down", actionNote: "Removed from the website" }),
        refused: "the fixture's use is not flagged (no consent was withdrawn), so there is nothing to resolve",
      },
    },
  },
  "_staff.consent.uses._index.tsx": {
    actor: "staff",
    path: () => "/consent/uses",
    intents: {
      "": {
        fields: {
          creationKey: uuid,
          consultantId: ref,
          purposeId: ref,
          description: text(200, 1),
          place: text(200, 1),
          useDate: optionalDate,
          reference: text(300),
          status: oneOf(["planned", "published"]),
        },
        valid: (c) => ({
          creationKey: key(),
          consultantId: c.side.consultant.consultantId,
          purposeId: c.fx.grantedPurposeId,
          description: "Quote in the annual report",
          place: "Annual report",
          useDate: today(),
          reference: "p. 4",
          status: "planned",
        }),
      },
    },
  },
  "_staff.consultants.$id._index.tsx": {
    actor: "staff",
    path: (c) => `/consultants/${c.side.consultant.consultantId}`,
    params: (c) => ({ id: c.side.consultant.consultantId }),
    intents: {
      "change-status": {
        fields: { status: oneOf(CONSULTANT_STATUSES), reason: text(500) },
        valid: () => ({ status: "active", reason: "Finished onboarding" }),
      },
      checklist: {
        fields: { itemId: ref, done: oneOf(["yes", "no"]), note: text(500) },
        valid: (c) => ({ itemId: c.fx.checklistItemId, done: "yes", note: "Signed" }),
      },
      "invite-portal": {
        fields: {},
        valid: () => ({}),
        refused: "the fixture's consultant already has a portal account",
      },
      "revoke-invitation": {
        fields: { invitationId: ref },
        valid: (c) => ({ invitationId: c.fx.portalInvitationId }),
      },
    },
  },
  "_staff.consultants.$id.consent.tsx": {
    actor: "staff",
    path: (c) => `/consultants/${c.side.consultant.consultantId}/consent`,
    params: (c) => ({ id: c.side.consultant.consultantId }),
    intents: {
      "": {
        fields: {
          creationKey: uuid,
          purposeId: ref,
          decision: oneOf(["granted", "declined", "withdrawn"]),
          method: oneOf(["written_form", "verbal_with_witness"]),
          givenOn: date,
          witnessName: text(200),
          formKeptAt: { ...text(200), onlyIf: { field: "method", is: "written_form" } },
          scopeNotes: { ...text(1000), onlyIf: { field: "decision", is: "granted" } },
          nameChoice: oneOf(NAME_CHOICES, true),
          expiresOn: optionalDate,
        },
        valid: (c) => ({
          creationKey: key(),
          purposeId: c.fx.purposeId,
          decision: "granted",
          method: "written_form",
          givenOn: today(),
          witnessName: "Sam",
          formKeptAt: "Locked cabinet, office 2",
          scopeNotes: "Quotes only",
          nameChoice: "anonymous",
        }),
      },
    },
  },
  "_staff.consultants.$id.edit.tsx": {
    actor: "staff",
    path: (c) => `/consultants/${c.side.consultant.consultantId}/edit`,
    params: (c) => ({ id: c.side.consultant.consultantId }),
    intents: {
      "": {
        fields: {
          ...profileFields,
          staffNotes: { ...text(5000), sealed: true } as FieldKind,
          otherExpertise: { t: "tags" },
        },
        valid: () => ({ ...profileValues(), staffNotes: "Prefers email", otherExpertise: "Housing" }),
      },
    },
  },
  "_staff.consultants._index.tsx": {
    actor: "staff",
    lenient: "a search: malformed filters are dropped, never an error, and nothing is stored",
    path: () => "/consultants",
    intents: {
      "": {
        fields: {
          q: searchText(100),
          status: oneOf(CONSULTANT_STATUSES, true),
          language: searchText(60),
          sort: oneOf(["name", "status", "progress", "updated"]),
          page: optionalNumber,
        },
        valid: () => ({ q: "Alex", status: "active", language: "", sort: "name", page: "1" }),
      },
    },
  },
  "_staff.consultants.new.tsx": {
    actor: "staff",
    path: () => "/consultants/new",
    intents: {
      "": {
        fields: { ...profileFields, staffNotes: { ...text(5000), sealed: true } as FieldKind, creationKey: uuid },
        valid: () => ({ ...profileValues(), staffNotes: "Met at the fair", creationKey: key() }),
      },
    },
  },
  "_staff.engagements.$id._index.tsx": {
    actor: "staff",
    path: (c) => `/engagements/${c.fx.spareEngagementId}`,
    params: (c) => ({ id: c.fx.spareEngagementId }),
    intents: {
      "": {
        fields: {
          status: oneOf(["proposed", "agreed", "in_progress", "completed", "cancelled"]),
          cancellationReason: text(500),
          cancellationFee: optionalNumber,
        },
        valid: () => ({ status: "cancelled", cancellationReason: "The event was called off", cancellationFee: "10" }),
      },
    },
  },
  "_staff.engagements.$id.agreement.tsx": {
    actor: "staff",
    path: (c) => `/engagements/${c.fx.offlineAnswerEngagementId}/agreement`,
    params: (c) => ({ id: c.fx.offlineAnswerEngagementId }),
    // A recorded "yes" leaves nothing more to answer: new terms (as after an edit) wait for one again.
    reset: (c) => {
      const id = c.fx.offlineAnswerEngagementId;
      const e = db.select().from(engagements).where(eq(engagements.id, id)).get()!;
      if (e.status !== "proposed") {
        db.update(engagements)
          .set({ status: "proposed", termsVersion: e.termsVersion + 1 })
          .where(eq(engagements.id, id))
          .run();
      }
    },
    intents: {
      // A "no", so the terms still wait for an answer after each accepted case.
      "": {
        fields: {
          termsVersion: number,
          decision: oneOf(["accepted", "declined"]),
          method: oneOf(["paper_form", "out_loud", "other"]),
          agreedOn: date,
          witnessUserId: optionalRef,
          paperFormLocation: { ...text(300), onlyIf: { field: "method", is: "paper_form" } },
          methodDetail: { ...text(300), onlyIf: { field: "method", is: "other" } },
          message: text(1000),
        },
        valid: (c) => ({
          termsVersion: termsVersionOf(c.fx.offlineAnswerEngagementId),
          decision: "declined",
          method: "paper_form",
          agreedOn: today(),
          witnessUserId: c.side.admin.userId,
          paperFormLocation: "Office cabinet",
          message: "Not at this rate",
        }),
      },
    },
  },
  "_staff.engagements.$id.edit.tsx": {
    actor: "staff",
    path: (c) => `/engagements/${c.side.engagementId}/edit`,
    params: (c) => ({ id: c.side.engagementId }),
    intents: { "": { fields: engagementFields, valid: engagementValues } },
  },
  "_staff.engagements.$id.time.tsx": {
    actor: "staff",
    lists: ["entryIds"],
    path: (c) => `/engagements/${c.fx.openEngagementId}/time`,
    params: (c) => ({ id: c.fx.openEngagementId }),
    intents: {
      "log-time": { fields: { ...timeFields, correctsEntryId: optionalRef }, valid: timeValues },
      approve: { fields: { entryId: ref }, valid: (c) => ({ entryId: c.fx.timeEntryId }) },
      // "Approve all" approves what the page showed; an entry removed since then is left out.
      "approve-all": {
        fields: { entryIds: { t: "ref", unknownIgnored: true } },
        valid: (c) => ({ entryIds: [c.fx.timeEntryId] }),
      },
      "remove-time": { fields: { entryId: ref }, valid: (c) => ({ entryId: c.fx.removableEntryId }) },
    },
  },
  "_staff.engagements.new.tsx": {
    actor: "staff",
    path: () => "/engagements/new",
    intents: {
      "": {
        fields: { ...engagementFields, creationKey: uuid },
        valid: (c) => ({ ...engagementValues(c), creationKey: key() }),
      },
    },
  },
  "_staff.feedback._index.tsx": {
    actor: "staff",
    path: () => "/feedback?index",
    intents: {
      // "Mark as read": the report's filters and the value that signs the unread answers it showed.
      "": {
        fields: {
          shown: searchText(100),
          program: { t: "ref", optional: true, unknownIgnored: true },
          stage: oneOf(STAGES, true),
          quarter: searchText(7),
        },
        valid: (c) => ({ shown: feedbackReport(c.side.org.id).shown, program: "", stage: "", quarter: "" }),
      },
    },
  },
  "_staff.feedback.new.tsx": {
    actor: "staff",
    path: () => "/feedback/new",
    intents: {
      "": {
        fields: {
          creationKey: uuid,
          programId: ref,
          stage: oneOf(STAGES),
          heardOn: date,
          who: oneOf(["anonymous", "named"]),
          // Anonymous means the row names nobody, whatever was picked in the list.
          consultantId: { ...optionalRef, onlyIf: { field: "who", is: "named" } },
          ...scoreFields,
          comment: text(COMMENT_MAX),
        },
        valid: (c) => ({
          creationKey: key(),
          programId: c.side.programId,
          stage: "design",
          heardOn: today(),
          who: "named",
          consultantId: c.side.consultant.consultantId,
          ...scoreValues,
          comment: "Loved the new format",
        }),
      },
    },
  },
  "_staff.payments.$id.tsx": {
    actor: "admin",
    path: (c) => `/payments/${c.side.paymentId}`,
    params: (c) => ({ id: c.side.paymentId }),
    intents: {
      choice: { fields: { choice: oneOf(["deferred", "declined", "none"]) }, valid: () => ({ choice: "deferred" }) },
      approve: { fields: {}, valid: () => ({}) },
      "mark-paid": {
        fields: {
          paidDate: date,
          method: oneOf(PAID_METHODS),
          reference: text(100),
          confirmed: oneOf(["yes", "no"], true),
        },
        valid: () => ({ paidDate: today(), method: "check", reference: "Check 1001", confirmed: "yes" }),
      },
      // After "mark-paid" above: the payment it marked paid is marked not paid again.
      "reverse-paid": {
        fields: { reason: text(500, 1) },
        valid: () => ({ reason: "The check was never sent" }),
      },
      void: {
        fields: { reason: text(500, 1) },
        valid: () => ({ reason: "Entered twice" }),
        path: (c) => `/payments/${c.fx.voidablePaymentId}`,
      },
    },
  },
  "_staff.payments.new.tsx": {
    actor: "staff",
    path: () => "/payments/new",
    intents: {
      "": {
        fields: {
          engagementId: ref,
          creationKey: uuid,
          fee: number,
          expenses: optionalNumber,
          method: oneOf(PAYMENT_METHODS),
        },
        valid: (c) => ({
          engagementId: c.fx.openEngagementId,
          creationKey: key(),
          fee: "120",
          expenses: "15.50",
          method: "check",
        }),
      },
    },
  },
  "_staff.program-inputs.$id.tsx": {
    actor: "staff",
    path: (c) => `/program-inputs/${c.fx.inputId}`,
    params: (c) => ({ id: c.fx.inputId }),
    intents: {
      "start-review": { fields: {}, valid: () => ({}) },
      decide: {
        fields: { decision: oneOf(["adopted", "partly_adopted", "not_adopted"]), response: text(2000) },
        valid: () => ({ decision: "adopted", response: "Sessions are now an hour long." }),
      },
      "report-back": {
        fields: { reportedBackOn: date, reportedBackHow: text(200, 1) },
        valid: () => ({ reportedBackOn: today(), reportedBackHow: "At the advisory meeting" }),
      },
    },
  },
  "_staff.programs.$id._index.tsx": {
    actor: "staff",
    path: (c) => `/programs/${c.side.programId}`,
    params: (c) => ({ id: c.side.programId }),
    intents: {
      "": {
        fields: { name: text(120, 1), description: text(2000), status: oneOf(["active", "paused", "closed"], true) },
        valid: () => ({ name: `Program ${randomUUID().slice(0, 8)}`, description: "Peer support", status: "active" }),
      },
    },
  },
  "_staff.programs.$id.input.tsx": {
    actor: "staff",
    path: (c) => `/programs/${c.side.programId}/input`,
    params: (c) => ({ id: c.side.programId }),
    intents: {
      "": {
        fields: {
          creationKey: uuid,
          consultantId: ref,
          engagementId: optionalRef,
          stage: oneOf(STAGES),
          summary: text(2000, 1),
          receivedOn: date,
        },
        valid: (c) => ({
          creationKey: key(),
          consultantId: c.side.consultant.consultantId,
          engagementId: c.side.engagementId,
          stage: "design",
          summary: "Shorter sessions, please.",
          receivedOn: today(),
        }),
      },
    },
  },
  "_staff.programs._index.tsx": {
    actor: "staff",
    path: () => "/programs",
    intents: {
      "": {
        fields: {
          name: text(120, 1),
          description: text(2000),
          status: oneOf(["active", "paused", "closed"], true),
          creationKey: uuid,
        },
        valid: () => ({
          name: `Program ${randomUUID().slice(0, 8)}`,
          description: "Peer support",
          status: "active",
          creationKey: key(),
        }),
      },
    },
  },
  "_staff.settings.activities.tsx": {
    actor: "admin",
    path: () => "/settings/activities",
    intents: {
      add: {
        fields: { stage: oneOf(STAGES), label: text(80, 2) },
        valid: () => ({ stage: "design", label: `Focus group ${randomUUID().slice(0, 4)}` }),
      },
      archive: { fields: { activityTypeId: ref }, valid: (c) => ({ activityTypeId: c.fx.activityTypeId }) },
      restore: { fields: { activityTypeId: ref }, valid: (c) => ({ activityTypeId: c.fx.activityTypeId }) },
    },
  },
  "_staff.settings.checklist.tsx": {
    actor: "admin",
    path: () => "/settings/checklist",
    intents: {
      add: { fields: { label: text(120, 1) }, valid: () => ({ label: "Send the welcome pack" }) },
      rename: {
        fields: { itemId: ref, label: text(120, 1) },
        valid: (c) => ({ itemId: c.fx.checklistItemId, label: "Sign the agreement" }),
      },
      move: {
        fields: { itemId: ref, direction: oneOf(["up", "down"]) },
        valid: (c) => ({ itemId: c.fx.checklistItemId, direction: "down" }),
      },
      archive: { fields: { itemId: ref }, valid: (c) => ({ itemId: c.fx.checklistItemId }) },
    },
  },
  "_staff.settings.consent.tsx": {
    actor: "admin",
    path: () => "/settings/consent",
    intents: {
      revise: {
        fields: { purposeId: ref, ...wordingFields },
        valid: (c) => ({ purposeId: c.fx.purposeId, ...wordingValues() }),
      },
      add: {
        fields: wordingFields,
        valid: () => ({ ...wordingValues(), label: `Photos ${randomUUID().slice(0, 6)}` }),
      },
    },
  },
  "_staff.settings.pay.tsx": {
    actor: "admin",
    path: () => "/settings/pay",
    intents: {
      pay: {
        fields: { defaultHourlyRate: number, paymentDueDays: number },
        valid: () => ({ defaultHourlyRate: "60", paymentDueDays: "30" }),
      },
      threshold: {
        fields: { taxYear: number, threshold: number },
        valid: () => ({ taxYear: String(new Date().getUTCFullYear()), threshold: "600" }),
      },
    },
  },
  "forgot-password.tsx": {
    actor: "anonymous",
    path: () => "/forgot-password",
    intents: { "": { fields: { email: { t: "email" } }, valid: (c) => ({ email: c.side.staff.email }) } },
    writesOnRefusal: { login_failures: "every submission is counted for the per-address limit" },
  },
  "invite.$token.tsx": {
    actor: "anonymous",
    path: (c) => `/invite/${c.fx.invitationToken}`,
    params: (c) => ({ token: c.fx.invitationToken }),
    intents: {
      create: {
        fields: { preferredName: text(100, 1), password: { t: "secret" }, confirm: { t: "secret" } },
        valid: () => ({ preferredName: "Alex", password: TEST_PASSWORD, confirm: TEST_PASSWORD }),
      },
      "sign-in": { fields: {}, valid: () => ({}) },
    },
    writesOnRefusal: {
      login_failures: "each answer to the page is counted per address before anything else, refused or not",
    },
  },
  "login.tsx": {
    actor: "anonymous",
    path: () => "/login",
    intents: {
      "": {
        fields: { email: { t: "email" }, password: { t: "secret" } },
        valid: (c) => ({ email: c.side.staff.email, password: TEST_PASSWORD }),
      },
    },
    writesOnRefusal: {
      login_failures: "a failed sign-in is counted for the lockout",
      audit_events: "a failed or locked sign-in is a security event",
    },
  },
  "logout.tsx": { actor: "anonymous", path: () => "/logout", intents: { "": { fields: {}, valid: () => ({}) } } },
  // "Stay signed in": counts as a use of the session (the sessions table only).
  "session.tsx": { actor: "staff", path: () => "/session", intents: { "": { fields: {}, valid: () => ({}) } } },
  "reset-password.tsx": {
    actor: "anonymous",
    path: () => "/reset-password",
    intents: {
      "": {
        fields: { token: { t: "secret" }, password: { t: "secret" }, confirm: { t: "secret" } },
        valid: (c) => ({ token: c.fx.resetToken, password: TEST_PASSWORD, confirm: TEST_PASSWORD }),
      },
    },
    writesOnRefusal: { login_failures: "every submission is counted for the per-address limit" },
  },
  "switch-organization.tsx": {
    actor: "staff",
    path: () => "/switch-organization",
    intents: { "": { fields: { organizationId: ref }, valid: (c) => ({ organizationId: c.side.org.id }) } },
  },
  "portal.consent._index.tsx": {
    actor: "consultant",
    path: () => "/portal/consent",
    intents: {
      decide: {
        fields: {
          purposeId: ref,
          decision: oneOf(["granted", "declined", "withdrawn"]),
          creationKey: uuid,
          scopeNotes: { ...text(500), onlyIf: { field: "decision", is: "granted" } },
          nameChoice: oneOf(NAME_CHOICES, true),
          expiresOn: optionalDate,
        },
        valid: (c) => ({
          purposeId: c.fx.purposeId,
          decision: "granted",
          creationKey: key(),
          scopeNotes: "Quotes only",
          nameChoice: "anonymous",
        }),
      },
      reconfirm: { fields: { creationKey: uuid }, valid: () => ({ creationKey: key() }) },
    },
  },
  "portal.feedback.$id.tsx": {
    actor: "consultant",
    path: (c) => `/portal/feedback/${c.fx.completedEngagementId}`,
    params: (c) => ({ id: c.fx.completedEngagementId }),
    intents: {
      "": {
        fields: { ...scoreFields, comment: text(COMMENT_MAX), anonymous: oneOf(["on"], true) },
        valid: () => ({ ...scoreValues, comment: "Well organised" }),
      },
    },
  },
  "portal.pay.tsx": {
    actor: "consultant",
    path: () => "/portal/pay",
    intents: {
      "need-now": { fields: { paymentId: ref }, valid: (c) => ({ paymentId: c.fx.portalPaymentId }) },
      defer: { fields: { paymentId: ref }, valid: (c) => ({ paymentId: c.fx.portalPaymentId }) },
      undo: { fields: { paymentId: ref }, valid: (c) => ({ paymentId: c.fx.portalPaymentId }) },
    },
  },
  // The confirmation page before giving up a payment: the address names it, the button is the answer.
  "portal.pay_.$id.decline.tsx": {
    actor: "consultant",
    path: (c) => `/portal/pay/${c.fx.declinablePaymentId}/decline`,
    params: (c) => ({ id: c.fx.declinablePaymentId }),
    intents: { "": { fields: { confirm: oneOf(["yes"]) }, valid: () => ({ confirm: "yes" }) } },
  },
  "portal.profile.tsx": {
    actor: "consultant",
    path: () => "/portal/profile",
    intents: { "": { fields: profileFields, valid: profileValues } },
  },
  "portal.work.$id.tsx": {
    actor: "consultant",
    path: (c) => `/portal/work/${c.side.engagementId}`,
    params: (c) => ({ id: c.side.engagementId }),
    intents: {
      // Declined first: after a yes, a no is refused (they talk to their contact person instead).
      decline: {
        fields: { termsVersion: number, message: text(1000) },
        valid: (c) => ({ termsVersion: termsVersionOf(c.fx.proposedEngagementId), message: "Not now" }),
        path: (c) => `/portal/work/${c.fx.proposedEngagementId}`,
      },
      accept: {
        fields: { termsVersion: number, message: text(1000) },
        valid: (c) => ({ termsVersion: termsVersionOf(c.fx.proposedEngagementId), message: "Happy to" }),
        path: (c) => `/portal/work/${c.fx.proposedEngagementId}`,
      },
      "log-time": {
        fields: timeFields,
        valid: timeValues,
        path: (c) => `/portal/work/${c.fx.openEngagementId}`,
      },
      "remove-time": {
        fields: { entryId: ref },
        valid: (c) => ({ entryId: c.fx.portalEntryId }),
        path: (c) => `/portal/work/${c.fx.openEngagementId}`,
      },
    },
  },
};

/** The address and params an intent's form is sent to, for side `c`. */
export function targetOf(forms: ActionForms, intent: string, c: FormContext) {
  const own = forms.intents[intent]?.path;
  const path = (own ?? forms.path)(c);
  const params = forms.params?.(c);
  // An intent sent from another page carries that page's id, the last part of its address.
  if (own && params && "id" in params)
    return { path, params: { ...params, id: path.split("?")[0]!.split("/").at(-1)! } };
  return { path, params };
}

/** The form for `intent` with the intent field itself, as the page's button or hidden field sends it. */
export function formFor(forms: ActionForms, intent: string, c: FormContext): FormValues {
  const values = forms.intents[intent]!.valid(c);
  return intent ? { intent, ...values } : values;
}

/**
 * The intent values a route module accepts, read from its source: `intent: z.literal("x")`,
 * `intent: z.enum([...])`, `intent === "x"` and `name="intent" value="x"` buttons.
 */
export function intentsInSource(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/intent:\s*z\.literal\(\s*"([^"]+)"/g)) found.add(m[1]!);
  for (const m of source.matchAll(/intent:\s*z\.enum\(\s*\[([^\]]*)\]/g)) {
    for (const v of m[1]!.matchAll(/"([^"]+)"/g)) found.add(v[1]!);
  }
  for (const m of source.matchAll(/intent\)?\s*===\s*"([^"]+)"/g)) found.add(m[1]!);
  for (const m of source.matchAll(/name="intent"\s+value="([^"]+)"/g)) found.add(m[1]!);
  return [...found].sort();
}
