// Realistic forms for every route action, shared by the access matrix (another organization or another
// consultant sends them against our records) and the fuzz test (which starts from them and swaps in
// hostile values). One entry per route file with an action; the tests fail when one is missing.
import { LanguageSchema, OwnLanguageSchema } from "~/utils/language-schema";
import { randomUUID } from "node:crypto";
import { and, eq, notInArray } from "drizzle-orm";
import type { ZodType } from "zod";
import {
  assessmentActions,
  assessmentInvitations,
  assessmentRespondents,
  consultants,
  engagements,
  EXPERIENCE_QUESTIONS,
  experienceLetters,
  invitations,
  passwordResetTokens,
  payments,
  programs,
  supportItems,
  timeEntries,
  type Role,
  type SupportKind,
  type SupportStatus,
} from "../../db/schema";
import { listActivityTypes } from "../../app/models/activity-type.server";
import { openDraftFrom, saveSection, startAssessment } from "../../app/models/assessment/drafting.server";
import { listLatestTemplates } from "../../app/models/assessment/records.server";
import { listChecklistItems } from "../../app/models/checklist.server";
import { recordConsentDecision } from "../../app/models/consent/decisions.server";
import { listConsentPurposes } from "../../app/models/consent/purposes.server";
import { feedbackReport } from "../../app/models/feedback/report.server";
import { decideInput, recordProgramInput, reportBack } from "../../app/models/program-input/steps.server";
import { sendIdea } from "../../app/models/program-input/consultant-ideas.server";
import { organizationToday, setTwoFactorRequirement, signInSecuritySettings } from "../../app/models/settings.server";
import {
  CodeSchema,
  ForgotSchema,
  InvitationFormSchema,
  LoginSchema,
  ResetSchema,
  SessionsActionSchema,
  SwitchSchema,
  TwoStepActionSchema,
  UsersActionSchema,
} from "../../app/utils/account-schema";
import {
  ActionPlanSchema,
  AssessmentIntentSchema,
  ConsultantAnswersSchema,
  InviteConsultantsSchema,
  StartAssessmentSchema,
} from "../../app/utils/assessment-schema";
import {
  PortalDecisionSchema,
  ReconfirmSchema,
  shownVersionsValue,
  staffDecisionSchema,
} from "../../app/utils/consent-decision-schema";
import { RecordUseSchema, UseActionSchema } from "../../app/utils/consent-use-schema";
import {
  ConsultantPageSchema,
  DirectoryQuerySchema,
  EditConsultantSchema,
  EraseSchema,
  MyProfileSchema,
  NewConsultantSchema,
} from "../../app/utils/consultant-schema";
import {
  EngagementSchema,
  EngagementStatusSchema,
  NewEngagementSchema,
  OfflineAnswerSchema,
  PortalWorkIntentSchema,
  TermsDecisionSchema,
} from "../../app/utils/engagement-schema";
import {
  ExperienceFeedbackSchema,
  MarkFeedbackReadSchema,
  MeetingFeedbackSchema,
} from "../../app/utils/feedback-schema";
import {
  DeclinePaymentSchema,
  NewPaymentSchema,
  PaymentPageSchema,
  PortalPayChoiceSchema,
} from "../../app/utils/payment-schema";
import { InputStepSchema, RecordInputSchema } from "../../app/utils/program-input-options";
import { IdeasActionSchema } from "../../app/utils/idea-schema";
import {
  AvailabilitySchema,
  CheckInSchema,
  CheckInSettingsSchema,
  PayLimitSchema,
} from "../../app/utils/capacity-schema";
import { EditProgramSchema, NewProgramSchema } from "../../app/utils/program-schema";
import {
  ActivityActionSchema,
  ChecklistActionSchema,
  PaySettingsSchema,
  SecuritySettingsSchema,
  TimeZoneSchema,
  WordingActionSchema,
} from "../../app/utils/settings-schema";
import {
  ApproveAllSchema,
  PortalLogTimeSchema,
  StaffTimeIntentSchema,
  TimeEntryIdSchema,
  TimeEntrySchema,
} from "../../app/utils/time-schema";
import { TERMS_WORDS_FIELDS, TRANSLATION_LANGUAGES } from "../../app/utils/terms-words";
import { supportedTimeZones } from "../../app/utils/time-zone";
import { db } from "../../app/utils/db.server";
import { experienceStatement, NO_CHOICES } from "../../app/models/experience/record.server";
import {
  LetterAdminSchema,
  LetterCheckSchema,
  OwnLetterCopySchema,
  OwnLettersSchema,
} from "../../app/utils/experience-schema";
import { isoDay } from "../../app/utils/day";
import { PortalSupportSchema, StaffSupportSchema } from "../../app/utils/support-schema.server";
import { sha256 } from "../../app/utils/tokens.server";
import {
  createConsultantRecord,
  createConsentUseRecord,
  createEngagementRecord,
  createMember,
  createTwoOrganizations,
  TEST_PASSWORD,
} from "./factories";
import { fieldsOfSchema, type FieldKind } from "./schema-fields";

export type World = Awaited<ReturnType<typeof createTwoOrganizations>>;
export type Side = World["own"];
export type Actor = "anonymous" | Role;

/** The records of one side (organization) that route addresses and forms point at. */
export type Fixtures = Awaited<ReturnType<typeof createFixtures>>;
export type FormContext = { side: Side; fx: Fixtures };
export type FormValues = Record<string, string | string[]>;

// "Today" where the organization is: the rules judge days there, and near midnight UTC it is not
// the UTC day.
const today = (organizationId: string) => organizationToday(organizationId);

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
  // An active consultant with a portal account, whom staff may ask to answer the assessment.
  const invitee = await createMember({ organizationId, role: "consultant" });
  const invitableConsultantId = createConsultantRecord(organizationId, {
    userId: invitee.userId,
    status: "active",
  }).id;
  // The side's consultant was asked, and chose to answer with their name.
  const assessmentInvitationId = db
    .insert(assessmentInvitations)
    .values({
      organizationId,
      assessmentId,
      consultantId: side.consultant.consultantId,
      invitedByUserId: side.staff.userId,
      answerAs: "named",
    })
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
      receivedOn: today(organizationId),
    },
  });
  // The consultant's own named idea, answered and reported back, for the "I have read it" form.
  const ideaId = sendIdea({
    organizationId,
    consultantId: side.consultant.consultantId,
    userId: side.consultant.userId,
    kind: "idea",
    programId: side.programId,
    summary: "A quiet room before each session.",
    anonymous: false,
    creationKey: randomUUID(),
  }).id!;
  decideInput({ ...staff, itemId: ideaId, decision: "adopted", response: "There is one now." });
  reportBack({ ...staff, itemId: ideaId, reportedBackOn: today(organizationId), reportedBackHow: "in the portal" });
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
      workDate: today(organizationId),
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
        workDate: today(organizationId),
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
  // Letters of experience as an admin issued them: one to print copies of, one to revoke.
  const issuedLetter = () =>
    db
      .insert(experienceLetters)
      .values({
        organizationId,
        consultantId: side.consultant.consultantId,
        status: "issued",
        requestedByUserId: side.consultant.userId,
        issuedByUserId: side.admin.userId,
        issuedAt: new Date(),
        issuedOn: today(organizationId),
        signerName: "Dana",
        signerTitle: "Program Director",
        statement: experienceStatement(db, organizationId, side.consultant.consultantId, NO_CHOICES),
      })
      .returning()
      .get().id;
  // A request for a letter, waiting for an admin.
  const requestedLetterId = db
    .insert(experienceLetters)
    .values({ organizationId, consultantId: side.consultant.consultantId, requestedByUserId: side.consultant.userId })
    .returning()
    .get().id;
  // Support plans: proposed work the consultant asks for support on (with one request of theirs to take
  // back), and agreed work whose requests staff arrange, decline and record costs for.
  const supportAskEngagementId = createEngagementRecord(
    organizationId,
    side.consultant.consultantId,
    side.programId,
  ).id;
  const supportEngagementId = createEngagementRecord(organizationId, side.consultant.consultantId, side.programId, {
    status: "agreed",
  }).id;
  const supportItem = (engagementId: string, kind: SupportKind, status: SupportStatus, id?: string) =>
    db
      .insert(supportItems)
      .values({
        ...(id ? { id } : {}),
        organizationId,
        engagementId,
        kind,
        status,
        source: "consultant",
        language: kind === "interpreter" ? "Spanish" : null,
        arrangement: status === "arranged" ? "A bus pass" : null,
      })
      .returning({ id: supportItems.id })
      .get().id;
  const withdrawableSupportItemId = supportItem(supportAskEngagementId, "debrief", "requested");
  const interpreterItemId = supportItem(supportEngagementId, "interpreter", "requested");
  const childcareItemId = supportItem(supportEngagementId, "childcare", "requested");
  const transportItemId = supportItem(supportEngagementId, "transport", "arranged");
  return {
    supportAskEngagementId,
    supportEngagementId,
    withdrawableSupportItemId,
    interpreterItemId,
    childcareItemId,
    transportItemId,
    /** Puts the consultant's request to take back where it was, with nothing else asked for. */
    resetSupportRequests: () => {
      db.delete(supportItems).where(eq(supportItems.engagementId, supportAskEngagementId)).run();
      supportItem(supportAskEngagementId, "debrief", "requested", withdrawableSupportItemId);
    },
    requestedLetterId,
    issuedLetterId: issuedLetter(),
    revocableLetterId: issuedLetter(),
    purposeId,
    templateId: template.id,
    assessmentId,
    assessmentActionId,
    invitableConsultantId,
    assessmentInvitationId,
    inputId: input.id,
    ideaId,
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

export type { FieldKind } from "./schema-fields";

/**
 * By hand, what a schema cannot say about one of its fields; merged over what the schema says.
 * `t` replaces the kind (keeping whether the field may be left out).
 */
export type Hand = {
  t?: FieldKind["t"];
  stored?: boolean;
  sealed?: boolean;
  values?: readonly string[];
  trimmed?: boolean;
  unknownIgnored?: boolean;
  onlyIf?: { field: string; is: string };
};

/** One intent's form, as written here: its schema (when not the route's), what only a person knows, a valid form. */
type IntentSpec = {
  /** The schema this intent's form is parsed with, when it is not the route's `schema`. */
  schema?: ZodType;
  /** By hand, per field of the schema: what the schema cannot say. */
  hand?: Record<string, Hand>;
  /** Fields the action reads apart from its schema, by hand (the check test finds them in the source). */
  outside?: Record<string, FieldKind>;
  /** A form a person of the route's role would send, for the side `c`. */
  valid: (c: FormContext) => FormValues;
  /** Why this form is refused even as it is (its fixture cannot make it valid), if it is. */
  refused?: string;
  /** The status it is refused with, when not 400 (a session that is not on the person's list is a 404). */
  refusedStatus?: number;
  /** The address, when this intent is sent from another page than the route's usual one. */
  path?: (c: FormContext) => string;
};

export type IntentForm = IntentSpec & {
  /** The fields the form sends (the `intent` field is added from the key): the schema's, with the notes by hand. */
  fields: Record<string, FieldKind>;
};

type FormsSpec = {
  /** Who sends these forms in the fuzz test. */
  actor: Actor;
  path: (c: FormContext) => string;
  /** Route params, when the path carries one. */
  params?: (c: FormContext) => Record<string, string>;
  /** The schema the action parses with, split by its `intent` field. */
  schema?: ZodType;
  /** The factory that made `schema`, when the action builds it per request (with today's date). */
  madeBy?: (...args: never[]) => ZodType;
  /** Schemas the action also parses that hold nothing but the intent (to answer an unknown one). */
  intentOnly?: ZodType[];
  /** Why the action parses no schema, when it does not. */
  noSchema?: string;
  /** Keyed by intent value; "" for a form without an `intent` field. */
  intents: Record<string, IntentSpec>;
  /** Why a tampered value may still be accepted (a search that drops malformed filters), if it may. */
  lenient?: string;
  /** Tables a refused request may still write to, with the reason (security logs, not partial writes). */
  writesOnRefusal?: Record<string, string>;
  /** Puts back, after each fuzz case, an accepted change that would turn every later request away. */
  reset?: (c: FormContext) => void;
};

export type ActionForms = Omit<FormsSpec, "intents"> & {
  intents: Record<string, IntentForm>;
  /** Fields that take several values (a list of checkboxes), from the schemas. */
  lists: string[];
};

/** The schema an intent's form is parsed with, or null for a form read without one. */
export const schemaOf = (forms: FormsSpec, intent: string) => forms.intents[intent]?.schema ?? forms.schema ?? null;

/** Every schema the forms of a route are parsed with. */
export function schemasOf(forms: FormsSpec): ZodType[] {
  const all = [forms.schema, ...Object.values(forms.intents).map((i) => i.schema), ...(forms.intentOnly ?? [])];
  return [...new Set(all.filter((s): s is ZodType => Boolean(s)))];
}

/** The fields of one intent: read from its schema, with the notes by hand on top and the fields read apart. */
function fieldsOf(forms: FormsSpec, intent: string) {
  const schema = schemaOf(forms, intent);
  const derived = schema ? fieldsOfSchema(schema, intent) : {};
  const spec = forms.intents[intent]!;
  const fields: Record<string, FieldKind> = {};
  for (const [name, { kind, optional, trims }] of Object.entries(derived)) {
    const hand = spec.hand?.[name];
    if (!hand) fields[name] = kind;
    // A kind given by hand keeps what the schema says: whether the field may be left out, and trimming.
    else if (hand.t && hand.t !== kind.t)
      fields[name] = {
        ...hand,
        ...(optional ? { optional } : {}),
        ...(trims && (hand.t === "ref" || hand.t === "enum") ? { trimmed: true } : {}),
      } as FieldKind;
    else fields[name] = { ...kind, ...hand } as FieldKind;
  }
  const lists = Object.entries(derived)
    .filter(([, field]) => field.list)
    .map(([name]) => name);
  return { fields: { ...fields, ...spec.outside }, lists };
}

function formsFrom(spec: FormsSpec): ActionForms {
  const intents: Record<string, IntentForm> = {};
  const lists = new Set<string>();
  for (const [intent, form] of Object.entries(spec.intents)) {
    const { fields, lists: listed } = fieldsOf(spec, intent);
    intents[intent] = { ...form, fields };
    for (const name of listed) lists.add(name);
  }
  return { ...spec, intents, lists: [...lists] };
}

// --- What a schema cannot say ------------------------------------------------------------------------

/** The id of a record: only the real one is plausible; the fuzz test sends the other organization's. */
const REF: Hand = { t: "ref" };
/** An id the action skips when it is not one of the records it shows (a filter, a list it approves). */
const UNKNOWN_IGNORED: Hand = { t: "ref", unknownIgnored: true };
/** A password or a link's token: checked, never kept as typed. */
const SECRET: Hand = { t: "secret" };
/** Text that is only checked or searched for, or changed before it is kept: never stored as sent. */
const NOT_STORED: Hand = { stored: false };
/** Sealed at rest (ADR 008): the fuzz test finds it by opening the sealed cells. */
const SEALED: Hand = { sealed: true };
/** Read only when another field has this value. */
const onlyIf = (field: string, is: string): Hand => ({ onlyIf: { field, is } });
/** The choices a form offers where the schema takes any short text (they come from a record). */
const oneOf = (values: readonly string[]): Hand => ({ t: "enum", values });

const key = () => randomUUID();

/** The wording versions a consent page opened now shows, as the page sends them back. */
const shownNow = (organizationId: string) => shownVersionsValue(listConsentPurposes(organizationId));
/** The version of one purpose's wording a page opened now shows. */
const versionNow = (organizationId: string, purposeId: string) =>
  listConsentPurposes(organizationId).find((p) => p.id === purposeId)!.version;

const scoreValues = Object.fromEntries(EXPERIENCE_QUESTIONS.map((q) => [q, "4"]));

/** The profile fields a schema cannot describe: the sealed ones, and the phone number. */
const profileHand: Record<string, Hand> = {
  phone: NOT_STORED, // digits and + ( ) - . only, sealed as typed
  accessNeeds: SEALED,
  supportPerson: SEALED,
};
/** The staff form's profile adds its notes, sealed, and two fields kept apart from the text sent. */
const staffProfileHand: Record<string, Hand> = {
  ...profileHand,
  staffNotes: SEALED,
  // Only an admin's form has it; the model ignores it from anyone else (these forms are sent by staff).
  legalName: NOT_STORED,
  roleTags: NOT_STORED, // kept as a list
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

// "The Spanish still says the same": a box per language, read to allow a save, never kept.
const stillSameHand: Record<string, Hand> = Object.fromEntries(
  TRANSLATION_LANGUAGES.map((language) => [`stillSame.${language}`, NOT_STORED]),
);
// Ticked in the valid forms: whatever wording other actions left, a save with new English goes through.
const stillSameTicked = Object.fromEntries(TRANSLATION_LANGUAGES.map((language) => [`stillSame.${language}`, "on"]));

const engagementHand: Record<string, Hand> = {
  consultantId: REF,
  programId: REF,
  activityTypeId: REF,
  // The terms' words in other languages are kept together in one JSON cell, not each in its own.
  ...Object.fromEntries(
    TRANSLATION_LANGUAGES.flatMap((language) =>
      TERMS_WORDS_FIELDS.map((field) => [`translations.${language}.${field}`, NOT_STORED]),
    ),
  ),
  ...stillSameHand,
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
  startDate: today(c.side.org.id),
  expensesPolicy: "Travel is paid back",
  coversTravel: "on",
  belowFairRateAccepted: "on",
  // The same words in Spanish, all of them: a translation is whole or empty.
  "translations.es.title": "Cofacilitar una capacitación",
  "translations.es.scopeWhat": "Dos sesiones",
  "translations.es.scopeWhen": "Marzo",
  "translations.es.scopeWhere": "En línea",
  "translations.es.expensesPolicy": "Se reembolsa el transporte",
  ...stillSameTicked,
});

// The day where the organization is: time for a day not yet begun there is refused.
const timeValues = (c: FormContext) => ({
  workDate: organizationToday(c.side.org.id),
  hours: "1.5",
  kind: "session",
  note: "Prepared the slides",
  creationKey: key(),
});

const wordingValues = () => ({
  label: "Photos",
  text: "We may use photos of you at events in our newsletter.",
  defaultExpiryMonths: "12",
  // The same wording in Spanish: both fields or neither.
  "translations.es.label": "Fotos",
  "translations.es.text": "Podemos usar fotos suyas de eventos en nuestro boletín.",
  ...stillSameTicked,
});

const twoStepHand: Record<string, Hand> = { password: SECRET, code: NOT_STORED };
const twoStepIntents: Record<string, IntentSpec> = {
  start: { hand: { password: SECRET }, valid: () => ({ password: TEST_PASSWORD }) },
  cancel: { valid: () => ({}) },
  confirm: {
    hand: twoStepHand,
    valid: () => ({ code: "000000", password: "not the password" }),
    refused: "turning it on needs the password again and a code from the person's app, which a fixture does not have",
  },
  "new-codes": {
    hand: twoStepHand,
    valid: () => ({ code: "000000", password: "not the password" }),
    refused: "new codes need the password again and a code from the person's app, which a fixture does not have",
  },
  "turn-off": {
    hand: twoStepHand,
    valid: () => ({ code: "000000", password: "not the password" }),
    refused: "turning it off needs the person's password and a code; a wrong one is refused",
  },
};

const sessionIntents: Record<string, IntentSpec> = {
  "sign-out-others": { valid: () => ({}) },
  "sign-out-one": {
    hand: { handle: NOT_STORED },
    valid: () => ({ handle: "0".repeat(64) }),
    refused: "a session's handle is shown only to its owner; a made-up one is not on the list",
    refusedStatus: 404,
  },
};

/** A self-assessment answer on the readiness scale: trimmed, and blank clears it. */
const answer: FieldKind = {
  t: "enum",
  values: ["0", "1", "2", "3"],
  optional: true,
  trimmed: true,
  onlyIf: { field: "section", is: "mission" }, // another section's form ignores it
};
/** The page's sections; the schema takes any short key. */
const assessmentHand: Record<string, Hand> = { section: oneOf(["mission", "programs"]), next: NOT_STORED };

/** A consultant record of its own per organization, so erasing it leaves the shared fixtures alone. */
const erasable = new Map<string, string>();
const erasableOf = (c: FormContext) => {
  if (!erasable.has(c.side.org.id)) erasable.set(c.side.org.id, createConsultantRecord(c.side.org.id).id);
  return erasable.get(c.side.org.id)!;
};

/** The consultant's waiting request for a letter of experience, asked for now if none waits. */
const waitingLetterOf = (c: FormContext) => {
  const theirs = and(
    eq(experienceLetters.consultantId, c.side.consultant.consultantId),
    eq(experienceLetters.status, "requested"),
  );
  const waiting = db.select({ id: experienceLetters.id }).from(experienceLetters).where(theirs).get();
  if (waiting) return waiting.id;
  return db
    .insert(experienceLetters)
    .values({
      organizationId: c.side.org.id,
      consultantId: c.side.consultant.consultantId,
      requestedByUserId: c.side.consultant.userId,
    })
    .returning()
    .get().id;
};

const FORMS: Record<string, FormsSpec> = {
  "_staff.account.two-step.tsx": {
    actor: "staff",
    writesOnRefusal: {
      login_failures: "a wrong code counts toward the lockout, as a wrong password does",
      audit_events: "a failed or locked second step is a security event",
    },
    path: () => "/account/two-step",
    schema: TwoStepActionSchema,
    intents: twoStepIntents,
  },
  "portal.two-step.tsx": {
    actor: "consultant",
    writesOnRefusal: {
      login_failures: "a wrong code counts toward the lockout, as a wrong password does",
      audit_events: "a failed or locked second step is a security event",
    },
    path: () => "/portal/two-step",
    schema: TwoStepActionSchema,
    intents: twoStepIntents,
  },
  "_staff.account.sessions.tsx": {
    actor: "staff",
    path: () => "/account/sessions",
    schema: SessionsActionSchema,
    intents: sessionIntents,
  },
  // A member of staff's own language: "" follows their browser.
  "_staff.account.language.tsx": {
    actor: "staff",
    path: () => "/account/language",
    schema: OwnLanguageSchema,
    intents: { language: { hand: { language: oneOf(["", "en", "es"]) }, valid: () => ({ language: "en" }) } },
  },
  "portal.sessions.tsx": {
    actor: "consultant",
    path: () => "/portal/sessions",
    schema: SessionsActionSchema,
    intents: sessionIntents,
  },
  "_staff.settings.security.tsx": {
    actor: "admin",
    path: () => "/settings/security",
    schema: SecuritySettingsSchema,
    // "On" is accepted, and then sends the fixture's admins and staff (none has two-step sign-in) to its
    // setup page, as designed: every later request of theirs would be that redirect.
    reset: (c) => {
      if (signInSecuritySettings(c.side.org.id).requireTwoFactorForStaff) {
        setTwoFactorRequirement({ organizationId: c.side.org.id, actorUserId: c.side.admin.userId, required: false });
      }
    },
    intents: {
      // Off: turning it on would send every staff member of the fixture to the setup page.
      "": { valid: () => ({ requireTwoFactorForStaff: "off" }) },
    },
  },
  "_staff.settings.check-ins.tsx": {
    actor: "admin",
    path: () => "/settings/check-ins",
    schema: CheckInSettingsSchema,
    intents: {
      "": { valid: () => ({ checkInIntervalDays: "60", benefitsGuidanceUrl: "https://example.org/benefits" }) },
    },
  },
  "_staff.settings.organization.tsx": {
    actor: "admin",
    path: () => "/settings/organization",
    schema: TimeZoneSchema,
    intents: {
      "": {
        hand: { timeZone: oneOf(supportedTimeZones()) },
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
    schema: CodeSchema,
    intents: {
      "": {
        hand: { code: NOT_STORED },
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
    schema: EraseSchema,
    intents: { "": { hand: { confirm: NOT_STORED }, valid: () => ({ confirm: "DELETE", channel: "other" }) } },
  },
  "portal.my-data.delete.tsx": {
    actor: "consultant",
    path: () => "/portal/my-data/delete",
    noSchema: "a single ticked box, compared with its value",
    intents: { "": { outside: { confirm: { t: "enum", values: ["yes"] } }, valid: () => ({ confirm: "yes" }) } },
  },
  "_staff.admin.users.tsx": {
    actor: "admin",
    path: () => "/admin/users",
    schema: UsersActionSchema,
    intents: {
      invite: { valid: () => ({ email: `new-${randomUUID().slice(0, 8)}@example.test`, role: "staff" }) },
      "change-role": {
        hand: { membershipId: REF },
        valid: (c) => ({ membershipId: c.fx.spareMembershipId, role: "staff" }),
      },
      deactivate: { hand: { membershipId: REF }, valid: (c) => ({ membershipId: c.fx.spareMembershipId }) },
      reactivate: { hand: { membershipId: REF }, valid: (c) => ({ membershipId: c.fx.spareMembershipId }) },
      "revoke-invitation": { hand: { invitationId: REF }, valid: (c) => ({ invitationId: c.fx.invitationId }) },
      "sign-out-everywhere": {
        hand: { membershipId: REF },
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
    schema: AssessmentIntentSchema,
    intents: {
      // The answers are read apart from the schema, one field per item of the section ("item.<key>").
      save: {
        hand: assessmentHand,
        outside: { "item.mission-statement": answer },
        valid: () => ({ section: "mission", "item.mission-statement": "0" }),
      },
      autosave: {
        hand: assessmentHand,
        outside: { "item.story-belongs": answer },
        // A section is saved whole: an item left out loses its answer.
        valid: () => ({ section: "mission", "item.mission-statement": "0", "item.story-belongs": "2" }),
      },
      complete: {
        valid: () => ({}),
        refused: "the fixture's draft has 2 of its 26 items answered: too few to mark it complete",
      },
      reopen: { valid: () => ({}) },
    },
  },
  "_staff.assessments.$id.invite.tsx": {
    actor: "staff",
    path: (c) => `/assessments/${c.fx.assessmentId}/invite`,
    params: (c) => ({ id: c.fx.assessmentId }),
    schema: InviteConsultantsSchema,
    intents: {
      "": {
        // The program and amount are read only when "paid" is ticked (the amount as cents, never as typed).
        hand: { consultantIds: REF, programId: UNKNOWN_IGNORED, amount: NOT_STORED },
        // Asked once; the same form again asks nobody twice.
        valid: (c) => ({
          consultantIds: [c.fx.invitableConsultantId],
          paid: "on",
          programId: c.side.programId,
          amount: "75.00",
          // Whatever pause or pay limit other actions left on the consultant, the form stays valid.
          askAnyway: "on",
        }),
      },
    },
  },
  "_staff.assessments.$id.actions.tsx": {
    actor: "staff",
    path: (c) => `/assessments/${c.fx.assessmentId}/actions`,
    params: (c) => ({ id: c.fx.assessmentId }),
    schema: ActionPlanSchema,
    intents: {
      add: {
        // The items of the template that are not done yet; the schema takes any short key.
        hand: { itemKey: oneOf(["mission-statement"]), ownerUserId: REF },
        valid: (c) => ({
          itemKey: "mission-statement",
          title: "Write the mission statement",
          ownerUserId: c.side.staff.userId,
          dueDate: "2027-03-31",
        }),
      },
      status: {
        hand: { actionId: REF },
        valid: (c) => ({ actionId: c.fx.assessmentActionId, status: "in_progress" }),
      },
    },
  },
  "_staff.assessments._index.tsx": {
    actor: "staff",
    path: () => "/assessments",
    schema: StartAssessmentSchema,
    intents: {
      "": {
        // Started beside the open draft, as after "Start a new one anyway" (the fixture's draft, or a newer one).
        hand: { templateId: REF, alongsideDraftId: UNKNOWN_IGNORED },
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
    schema: UseActionSchema,
    intents: {
      status: {
        // The reason is kept only with an admin's override of a missing consent.
        hand: { overrideReason: NOT_STORED },
        valid: () => ({ status: "ended" }),
      },
      resolve: {
        valid: () => ({ actionTaken: "taken_down", actionNote: "Removed from the website" }),
        refused: "the fixture's use is not flagged (no consent was withdrawn), so there is nothing to resolve",
      },
    },
  },
  "_staff.consent.uses._index.tsx": {
    actor: "staff",
    path: () => "/consent/uses",
    schema: RecordUseSchema,
    intents: {
      "": {
        // The reason is kept only with an admin's override of a missing consent.
        hand: { consultantId: REF, purposeId: REF, overrideReason: NOT_STORED },
        valid: (c) => ({
          creationKey: key(),
          consultantId: c.side.consultant.consultantId,
          purposeId: c.fx.grantedPurposeId,
          description: "Quote in the annual report",
          place: "Annual report",
          useDate: today(c.side.org.id),
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
    schema: ConsultantPageSchema,
    intents: {
      "change-status": { valid: () => ({ status: "active", reason: "Finished onboarding" }) },
      checklist: {
        hand: { itemId: REF },
        valid: (c) => ({ itemId: c.fx.checklistItemId, done: "yes", note: "Signed" }),
      },
      "invite-portal": {
        valid: () => ({}),
        refused: "the fixture's consultant already has a portal account",
      },
      "revoke-invitation": {
        hand: { invitationId: REF },
        valid: (c) => ({ invitationId: c.fx.portalInvitationId }),
      },
    },
  },
  "_staff.consultants.$id.consent.tsx": {
    actor: "staff",
    path: (c) => `/consultants/${c.side.consultant.consultantId}/consent`,
    params: (c) => ({ id: c.side.consultant.consultantId }),
    // Built per request with today and the consultant's earlier choices; the fields are the same.
    schema: staffDecisionSchema(isoDay(new Date())),
    madeBy: staffDecisionSchema,
    intents: {
      "": {
        hand: {
          purposeId: REF,
          formKeptAt: onlyIf("method", "written_form"),
          scopeNotes: onlyIf("decision", "granted"),
          shownVersions: NOT_STORED,
          // Who asked for a withdrawal, and when: kept with a withdrawal only.
          requestedBy: onlyIf("decision", "withdrawn"),
          requestedOn: onlyIf("decision", "withdrawn"),
        },
        valid: (c) => ({
          creationKey: key(),
          purposeId: c.fx.purposeId,
          decision: "granted",
          method: "written_form",
          givenOn: today(c.side.org.id),
          witnessName: "Sam",
          formKeptAt: "Locked cabinet, office 2",
          scopeNotes: "Quotes only",
          nameChoice: "anonymous",
          // The language of the form they signed: English, which every wording has.
          language: "en",
          shownVersions: shownNow(c.side.org.id),
        }),
      },
    },
  },
  "_staff.consultants.$id.edit.tsx": {
    actor: "staff",
    path: (c) => `/consultants/${c.side.consultant.consultantId}/edit`,
    params: (c) => ({ id: c.side.consultant.consultantId }),
    schema: EditConsultantSchema,
    intents: {
      "": {
        hand: staffProfileHand,
        valid: () => ({
          ...profileValues(),
          preferredLanguage: "es",
          staffNotes: "Prefers email",
          otherExpertise: "Housing",
        }),
      },
    },
  },
  "_staff.consultants._index.tsx": {
    actor: "staff",
    lenient: "a search: malformed filters are dropped, never an error, and nothing is stored",
    path: () => "/consultants",
    schema: DirectoryQuerySchema,
    intents: {
      "": { valid: () => ({ q: "Alex", status: "active", language: "", sort: "name", page: "1" }) },
    },
  },
  "_staff.consultants.new.tsx": {
    actor: "staff",
    path: () => "/consultants/new",
    schema: NewConsultantSchema,
    intents: {
      "": {
        hand: staffProfileHand,
        valid: () => ({
          ...profileValues(),
          preferredLanguage: "es",
          staffNotes: "Met at the fair",
          creationKey: key(),
        }),
      },
    },
  },
  "_staff.engagements.$id._index.tsx": {
    actor: "staff",
    path: (c) => `/engagements/${c.fx.spareEngagementId}`,
    params: (c) => ({ id: c.fx.spareEngagementId }),
    schema: EngagementStatusSchema,
    intents: {
      "": {
        valid: () => ({ status: "cancelled", cancellationReason: "The event was called off", cancellationFee: "10" }),
      },
    },
  },
  "_staff.engagements.$id.agreement.tsx": {
    actor: "staff",
    path: (c) => `/engagements/${c.fx.offlineAnswerEngagementId}/agreement`,
    params: (c) => ({ id: c.fx.offlineAnswerEngagementId }),
    schema: OfflineAnswerSchema,
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
        hand: {
          witnessUserId: REF,
          paperFormLocation: onlyIf("method", "paper_form"),
          methodDetail: onlyIf("method", "other"),
        },
        valid: (c) => ({
          termsVersion: termsVersionOf(c.fx.offlineAnswerEngagementId),
          decision: "declined",
          method: "paper_form",
          agreedOn: today(c.side.org.id),
          witnessUserId: c.side.admin.userId,
          paperFormLocation: "Office cabinet",
          message: "Not at this rate",
          language: "en",
        }),
      },
    },
  },
  "_staff.engagements.$id.support.tsx": {
    actor: "staff",
    path: (c) => `/engagements/${c.fx.supportEngagementId}/support`,
    params: (c) => ({ id: c.fx.supportEngagementId }),
    schema: StaffSupportSchema,
    // Staff add one kind at a time: what a case added is taken off again, so the next can add it.
    reset: (c) => {
      db.delete(supportItems)
        .where(
          and(
            eq(supportItems.engagementId, c.fx.supportEngagementId),
            notInArray(supportItems.id, [c.fx.interpreterItemId, c.fx.childcareItemId, c.fx.transportItemId]),
          ),
        )
        .run();
    },
    intents: {
      add: {
        hand: { details: SEALED, language: onlyIf("kind", "interpreter") },
        valid: () => ({ kind: "debrief", details: "Would like a call the day after" }),
      },
      arrange: {
        hand: { itemId: REF },
        valid: (c) => ({ itemId: c.fx.interpreterItemId, arrangement: "Booked for the whole session" }),
      },
      decline: {
        hand: { itemId: REF },
        valid: (c) => ({ itemId: c.fx.childcareItemId, reason: "There is no budget left this quarter" }),
      },
      cost: {
        hand: { itemId: REF },
        valid: (c) => ({ itemId: c.fx.transportItemId, creationKey: key(), amount: "12.50" }),
      },
    },
  },
  "_staff.engagements.$id.edit.tsx": {
    actor: "staff",
    path: (c) => `/engagements/${c.side.engagementId}/edit`,
    params: (c) => ({ id: c.side.engagementId }),
    schema: EngagementSchema,
    intents: { "": { hand: engagementHand, valid: engagementValues } },
  },
  "_staff.engagements.$id.time.tsx": {
    actor: "staff",
    path: (c) => `/engagements/${c.fx.openEngagementId}/time`,
    params: (c) => ({ id: c.fx.openEngagementId }),
    intentOnly: [StaffTimeIntentSchema],
    intents: {
      "log-time": { schema: TimeEntrySchema, hand: { correctsEntryId: REF }, valid: timeValues },
      approve: { schema: TimeEntryIdSchema, hand: { entryId: REF }, valid: (c) => ({ entryId: c.fx.timeEntryId }) },
      // "Approve all" approves what the page showed; an entry removed since then is left out.
      "approve-all": {
        schema: ApproveAllSchema,
        hand: { entryIds: UNKNOWN_IGNORED },
        valid: (c) => ({ entryIds: [c.fx.timeEntryId] }),
      },
      "remove-time": {
        schema: TimeEntryIdSchema,
        hand: { entryId: REF },
        valid: (c) => ({ entryId: c.fx.removableEntryId }),
      },
    },
  },
  "_staff.engagements.new.tsx": {
    actor: "staff",
    path: () => "/engagements/new",
    schema: NewEngagementSchema,
    intents: { "": { hand: engagementHand, valid: (c) => ({ ...engagementValues(c), creationKey: key() }) } },
  },
  "_staff.feedback._index.tsx": {
    actor: "staff",
    path: () => "/feedback?index",
    schema: MarkFeedbackReadSchema,
    intents: {
      // "Mark as read": the report's filters and the value that signs the unread answers it showed.
      "": {
        hand: { shown: NOT_STORED, program: UNKNOWN_IGNORED, quarter: NOT_STORED },
        valid: (c) => ({ shown: feedbackReport(c.side.org.id).shown, program: "", stage: "", quarter: "" }),
      },
    },
  },
  "_staff.feedback.new.tsx": {
    actor: "staff",
    path: () => "/feedback/new",
    schema: MeetingFeedbackSchema,
    intents: {
      "": {
        // Anonymous means the row names nobody, whatever was picked in the list.
        hand: { programId: REF, consultantId: { ...REF, ...onlyIf("who", "named") } },
        valid: (c) => ({
          creationKey: key(),
          programId: c.side.programId,
          stage: "design",
          heardOn: today(c.side.org.id),
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
    schema: PaymentPageSchema,
    intents: {
      choice: { valid: () => ({ choice: "deferred" }) },
      approve: { valid: () => ({}) },
      "mark-paid": {
        valid: (c) => ({ paidDate: today(c.side.org.id), method: "check", reference: "Check 1001", confirmed: "yes" }),
      },
      // After "mark-paid" above: the payment it marked paid is marked not paid again.
      "reverse-paid": { valid: () => ({ reason: "The check was never sent" }) },
      void: {
        valid: () => ({ reason: "Entered twice" }),
        path: (c) => `/payments/${c.fx.voidablePaymentId}`,
      },
    },
  },
  "_staff.payments.new.tsx": {
    actor: "staff",
    path: () => "/payments/new",
    schema: NewPaymentSchema,
    intents: {
      "": {
        hand: { engagementId: REF },
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
    schema: InputStepSchema,
    intents: {
      "start-review": { valid: () => ({}) },
      decide: { valid: () => ({ decision: "adopted", response: "Sessions are now an hour long." }) },
      "report-back": {
        valid: (c) => ({ reportedBackOn: today(c.side.org.id), reportedBackHow: "At the advisory meeting" }),
      },
    },
  },
  "_staff.programs.$id._index.tsx": {
    actor: "staff",
    path: (c) => `/programs/${c.side.programId}`,
    params: (c) => ({ id: c.side.programId }),
    schema: EditProgramSchema,
    // A paused or closed program takes no new work: the engagement forms, sent later, name this one.
    reset: (c) => {
      db.update(programs).set({ status: "active" }).where(eq(programs.id, c.side.programId)).run();
    },
    intents: {
      "": {
        valid: () => ({ name: `Program ${randomUUID().slice(0, 8)}`, description: "Peer support", status: "active" }),
      },
    },
  },
  "_staff.programs.$id.input.tsx": {
    actor: "staff",
    path: (c) => `/programs/${c.side.programId}/input`,
    params: (c) => ({ id: c.side.programId }),
    schema: RecordInputSchema,
    intents: {
      "": {
        hand: { consultantId: REF, engagementId: REF },
        valid: (c) => ({
          creationKey: key(),
          consultantId: c.side.consultant.consultantId,
          engagementId: c.side.engagementId,
          stage: "design",
          summary: "Shorter sessions, please.",
          receivedOn: today(c.side.org.id),
        }),
      },
    },
  },
  "_staff.programs._index.tsx": {
    actor: "staff",
    path: () => "/programs",
    schema: NewProgramSchema,
    intents: {
      "": {
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
    schema: ActivityActionSchema,
    intents: {
      add: {
        valid: () => ({
          stage: "design",
          label: `Focus group ${randomUUID().slice(0, 4)}`,
          "translations.es.label": "Grupo focal",
        }),
      },
      archive: { hand: { activityTypeId: REF }, valid: (c) => ({ activityTypeId: c.fx.activityTypeId }) },
      restore: { hand: { activityTypeId: REF }, valid: (c) => ({ activityTypeId: c.fx.activityTypeId }) },
      translate: {
        hand: { activityTypeId: REF },
        valid: (c) => ({ activityTypeId: c.fx.activityTypeId, "translations.es.label": "Grupo focal" }),
      },
    },
  },
  "_staff.settings.checklist.tsx": {
    actor: "admin",
    path: () => "/settings/checklist",
    schema: ChecklistActionSchema,
    intents: {
      add: {
        valid: () => ({ label: "Send the welcome pack", "translations.es.label": "Enviar el paquete de bienvenida" }),
      },
      rename: {
        hand: { itemId: REF },
        valid: (c) => ({
          itemId: c.fx.checklistItemId,
          label: "Sign the agreement",
          "translations.es.label": "Firmar el acuerdo",
        }),
      },
      move: {
        hand: { itemId: REF },
        valid: (c) => ({ itemId: c.fx.checklistItemId, direction: "down" }),
      },
      archive: { hand: { itemId: REF }, valid: (c) => ({ itemId: c.fx.checklistItemId }) },
    },
  },
  "_staff.settings.consent.tsx": {
    actor: "admin",
    path: () => "/settings/consent",
    schema: WordingActionSchema,
    intents: {
      revise: {
        hand: { purposeId: REF, ...stillSameHand },
        valid: (c) => ({ purposeId: c.fx.purposeId, ...wordingValues() }),
      },
      add: { hand: stillSameHand, valid: () => ({ ...wordingValues(), label: `Photos ${randomUUID().slice(0, 6)}` }) },
    },
  },
  "_staff.settings.pay.tsx": {
    actor: "admin",
    path: () => "/settings/pay",
    schema: PaySettingsSchema,
    intents: {
      pay: { valid: () => ({ defaultHourlyRate: "60", paymentDueDays: "30" }) },
      threshold: { valid: () => ({ taxYear: String(new Date().getUTCFullYear()), threshold: "600" }) },
    },
  },
  "forgot-password.tsx": {
    actor: "anonymous",
    path: () => "/forgot-password",
    schema: ForgotSchema,
    intents: { "": { valid: (c) => ({ email: c.side.staff.email }) } },
    writesOnRefusal: { login_failures: "every submission is counted for the per-address limit" },
  },
  "invite.$token.tsx": {
    actor: "anonymous",
    path: (c) => `/invite/${c.fx.invitationToken}`,
    params: (c) => ({ token: c.fx.invitationToken }),
    schema: InvitationFormSchema,
    intents: {
      create: {
        hand: { password: SECRET, confirm: SECRET },
        valid: () => ({ preferredName: "Alex", password: TEST_PASSWORD, confirm: TEST_PASSWORD }),
      },
      "sign-in": { valid: () => ({}) },
    },
    writesOnRefusal: {
      login_failures: "each answer to the page is counted per address before anything else, refused or not",
    },
  },
  "login.tsx": {
    actor: "anonymous",
    path: () => "/login",
    schema: LoginSchema,
    intents: {
      "": { hand: { password: SECRET }, valid: (c) => ({ email: c.side.staff.email, password: TEST_PASSWORD }) },
    },
    writesOnRefusal: {
      login_failures: "a failed sign-in is counted for the lockout",
      audit_events: "a failed or locked sign-in is a security event",
    },
  },
  // The language switch before sign-in: a cookie, nothing in the database.
  "language.tsx": {
    actor: "anonymous",
    path: () => "/language",
    schema: LanguageSchema,
    intents: {
      "": {
        hand: { language: oneOf(["en", "es"]), returnTo: NOT_STORED },
        valid: () => ({ language: "es", returnTo: "/login" }),
      },
    },
  },
  "logout.tsx": {
    actor: "anonymous",
    path: () => "/logout",
    noSchema: "a button: the post itself is the request",
    intents: { "": { valid: () => ({}) } },
  },
  "quick-exit.tsx": {
    actor: "anonymous",
    path: () => "/quick-exit",
    noSchema: "sent by quick exit as the page is left: the post itself is the request",
    intents: { "": { valid: () => ({}) } },
  },
  // "Stay signed in": counts as a use of the session (the sessions table only).
  "session.tsx": {
    actor: "staff",
    path: () => "/session",
    noSchema: "a button: the post itself is the request",
    intents: { "": { valid: () => ({}) } },
  },
  "reset-password.tsx": {
    actor: "anonymous",
    path: () => "/reset-password",
    schema: ResetSchema,
    intents: {
      "": {
        hand: { token: SECRET, password: SECRET, confirm: SECRET },
        valid: (c) => ({ token: c.fx.resetToken, password: TEST_PASSWORD, confirm: TEST_PASSWORD }),
      },
    },
    writesOnRefusal: { login_failures: "every submission is counted for the per-address limit" },
  },
  "switch-organization.tsx": {
    actor: "staff",
    path: () => "/switch-organization",
    schema: SwitchSchema,
    intents: { "": { hand: { organizationId: REF }, valid: (c) => ({ organizationId: c.side.org.id }) } },
  },
  "portal.consent._index.tsx": {
    actor: "consultant",
    path: () => "/portal/consent",
    intents: {
      decide: {
        schema: PortalDecisionSchema,
        hand: { purposeId: REF, scopeNotes: onlyIf("decision", "granted"), shownVersion: NOT_STORED },
        valid: (c) => ({
          purposeId: c.fx.purposeId,
          decision: "granted",
          creationKey: key(),
          scopeNotes: "Quotes only",
          nameChoice: "anonymous",
          // The page says which language and version it showed the words in; the server checks both.
          shownLanguage: "en",
          shownVersion: String(versionNow(c.side.org.id, c.fx.purposeId)),
        }),
      },
      reconfirm: {
        schema: ReconfirmSchema,
        hand: { shownVersions: NOT_STORED },
        valid: (c) => ({ creationKey: key(), shownVersions: shownNow(c.side.org.id) }),
      },
    },
  },
  // Asking again replaces a waiting request with the new choices.
  "portal.experience._index.tsx": {
    actor: "consultant",
    path: () => "/portal/experience",
    schema: OwnLettersSchema,
    intents: {
      ask: { valid: () => ({ includePay: "on", includeOrganization: "on" }) },
      withdraw: { hand: { letterId: REF }, valid: (c) => ({ letterId: waitingLetterOf(c) }) },
    },
  },
  // A copy to print, with a code of its own: the address names the letter, the button is the form.
  "portal.experience.$id.tsx": {
    actor: "consultant",
    path: (c) => `/portal/experience/${c.fx.issuedLetterId}`,
    params: (c) => ({ id: c.fx.issuedLetterId }),
    schema: OwnLetterCopySchema,
    intents: { copy: { valid: () => ({}) } },
  },
  "_staff.consultants.$id.letters.tsx": {
    actor: "admin",
    path: (c) => `/consultants/${c.side.consultant.consultantId}/letters`,
    params: (c) => ({ id: c.side.consultant.consultantId }),
    schema: LetterAdminSchema,
    intents: {
      issue: {
        hand: { letterId: REF },
        valid: (c) => ({ letterId: waitingLetterOf(c), signerName: "Dana", signerTitle: "Program Director" }),
      },
      copy: { hand: { letterId: REF }, valid: (c) => ({ letterId: c.fx.issuedLetterId }) },
      revoke: {
        hand: { letterId: REF },
        valid: (c) => ({ letterId: c.fx.revocableLetterId, reason: "Signed by mistake" }),
      },
    },
  },
  // Anyone may check a letter's code; a made-up one is "not found", which is an answer, not a refusal.
  "verify.tsx": {
    actor: "anonymous",
    path: () => "/verify",
    schema: LetterCheckSchema,
    intents: { "": { hand: { code: NOT_STORED }, valid: () => ({ code: "ABCD-EFGH-JKMN-PQRS-TVWX" }) } },
    writesOnRefusal: { login_failures: "every check is counted for the per-address limit" },
  },
  "portal.feedback.$id.tsx": {
    actor: "consultant",
    path: (c) => `/portal/feedback/${c.fx.completedEngagementId}`,
    params: (c) => ({ id: c.fx.completedEngagementId }),
    schema: ExperienceFeedbackSchema,
    intents: { "": { valid: () => ({ ...scoreValues, comment: "Well organised" }) } },
  },
  "portal.assessments.$id.tsx": {
    actor: "consultant",
    path: (c) => `/portal/assessments/${c.fx.assessmentInvitationId}`,
    params: (c) => ({ id: c.fx.assessmentInvitationId }),
    schema: ConsultantAnswersSchema,
    writesOnRefusal: {
      assessment_answers: "a section keeps the answers that fit and reports the rest, as on the staff form",
      assessment_respondents: "the consultant's own draft, made at the first answer saved",
      audit_events: "the section save of a consultant answering with their name",
    },
    intents: {
      begin: { valid: () => ({ answerAs: "named" }) },
      // The answers are read apart from the schema, one field per item of the section ("item.<key>").
      save: {
        hand: assessmentHand,
        outside: { "item.mission-statement": answer },
        valid: () => ({ section: "mission", "item.mission-statement": "2" }),
      },
      send: {
        hand: assessmentHand,
        outside: { "item.mission-statement": answer },
        valid: () => ({ section: "mission", "item.mission-statement": "2" }),
      },
    },
    // Sent answers are final: put the invitation back to "answering, with a name" for the next case.
    reset: (c) => {
      db.update(assessmentInvitations)
        .set({ answered: false, answerAs: "named" })
        .where(eq(assessmentInvitations.id, c.fx.assessmentInvitationId))
        .run();
      db.update(assessmentRespondents)
        .set({ sentAt: null })
        .where(eq(assessmentRespondents.consultantId, c.side.consultant.consultantId))
        .run();
    },
  },
  "portal.ideas.tsx": {
    actor: "consultant",
    path: () => "/portal/ideas",
    schema: IdeasActionSchema,
    intents: {
      send: {
        // A program the consultant worked on (the side's engagement), or "general".
        hand: { about: REF },
        valid: (c) => ({
          creationKey: key(),
          kind: "concern",
          about: c.side.programId,
          summary: "The sessions start too early for parents.",
          who: "named",
        }),
      },
      read: { hand: { itemId: REF }, valid: (c) => ({ itemId: c.fx.ideaId }) },
      // A code that matches nothing is refused next to its field; no fixture can know a real one.
      follow: { hand: { code: SECRET }, valid: () => ({ code: "K7QM-4RTX-9PZD" }), refused: "no idea has this code" },
    },
  },
  "portal.availability.tsx": {
    actor: "consultant",
    path: () => "/portal/availability",
    schema: AvailabilitySchema,
    // A pause or a limit left on would make every later offer of work to this consultant a warning.
    reset: (c) => {
      db.update(consultants)
        .set({
          availabilityState: "open",
          monthlyLimitHundredths: null,
          pausedFrom: null,
          pausedUntil: null,
          yearlyPayLimitCents: null,
        })
        .where(eq(consultants.id, c.side.consultant.consultantId))
        .run();
    },
    intents: {
      // The note to staff is sealed at rest, like the profile's other words about the person.
      availability: {
        hand: { note: SEALED },
        valid: () => ({ state: "limited", monthlyHours: "5", pausedUntil: "", note: "Evenings only." }),
      },
      "pay-limit": { schema: PayLimitSchema, valid: () => ({ yearlyLimit: "2000" }) },
    },
  },
  "portal.check-in.tsx": {
    actor: "consultant",
    path: () => "/portal/check-in",
    schema: CheckInSchema,
    intents: { "still-right": { valid: () => ({}) } },
  },
  "portal.pay.tsx": {
    actor: "consultant",
    path: () => "/portal/pay",
    schema: PortalPayChoiceSchema,
    intents: {
      "need-now": { hand: { paymentId: REF }, valid: (c) => ({ paymentId: c.fx.portalPaymentId }) },
      defer: { hand: { paymentId: REF }, valid: (c) => ({ paymentId: c.fx.portalPaymentId }) },
      undo: { hand: { paymentId: REF }, valid: (c) => ({ paymentId: c.fx.portalPaymentId }) },
    },
  },
  // The confirmation page before giving up a payment: the address names it, the button is the answer.
  "portal.pay_.$id.decline.tsx": {
    actor: "consultant",
    path: (c) => `/portal/pay/${c.fx.declinablePaymentId}/decline`,
    params: (c) => ({ id: c.fx.declinablePaymentId }),
    schema: DeclinePaymentSchema,
    intents: { "": { valid: () => ({ confirm: "yes" }) } },
  },
  "portal.profile.tsx": {
    actor: "consultant",
    path: () => "/portal/profile",
    schema: MyProfileSchema,
    intents: {
      "": { hand: profileHand, valid: profileValues },
      // Their own language, kept on their account (and in a cookie); blank follows their browser.
      language: { schema: OwnLanguageSchema, valid: () => ({ language: "es" }) },
    },
  },
  "portal.work_.$id.support.tsx": {
    actor: "consultant",
    path: (c) => `/portal/work/${c.fx.supportAskEngagementId}/support`,
    params: (c) => ({ id: c.fx.supportAskEngagementId }),
    schema: PortalSupportSchema,
    // A kind asked for once cannot be asked for again: each case starts from the same plan.
    reset: (c) => c.fx.resetSupportRequests(),
    intents: {
      ask: {
        hand: { supportPerson: SEALED, accessNeeds: SEALED },
        valid: () => ({
          kinds: ["interpreter", "support_person", "access_needs"],
          language: "Spanish",
          supportPerson: "My sister",
          accessNeeds: "Step-free access and large print",
        }),
      },
      withdraw: { hand: { itemId: REF }, valid: (c) => ({ itemId: c.fx.withdrawableSupportItemId }) },
    },
  },
  "portal.work.$id.tsx": {
    actor: "consultant",
    path: (c) => `/portal/work/${c.side.engagementId}`,
    params: (c) => ({ id: c.side.engagementId }),
    intentOnly: [PortalWorkIntentSchema],
    intents: {
      // Declined first: after a yes, a no is refused (they talk to their contact person instead).
      decline: {
        schema: TermsDecisionSchema,
        valid: (c) => ({ termsVersion: termsVersionOf(c.fx.proposedEngagementId), message: "Not now", language: "en" }),
        path: (c) => `/portal/work/${c.fx.proposedEngagementId}`,
      },
      accept: {
        schema: TermsDecisionSchema,
        valid: (c) => ({
          termsVersion: termsVersionOf(c.fx.proposedEngagementId),
          message: "Happy to",
          language: "en",
        }),
        path: (c) => `/portal/work/${c.fx.proposedEngagementId}`,
      },
      "log-time": {
        schema: PortalLogTimeSchema,
        valid: timeValues,
        path: (c) => `/portal/work/${c.fx.openEngagementId}`,
      },
      "remove-time": {
        schema: TimeEntryIdSchema,
        hand: { entryId: REF },
        valid: (c) => ({ entryId: c.fx.portalEntryId }),
        path: (c) => `/portal/work/${c.fx.openEngagementId}`,
      },
    },
  },
};

/** The forms of every route action, each field's kind read from the schema its action parses with. */
export const ACTION_FORMS: Record<string, ActionForms> = Object.fromEntries(
  Object.entries(FORMS).map(([file, spec]) => [file, formsFrom(spec)]),
);

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
 * `intent: z.enum([...])`, `intent === "x"` and `name="intent" value="x"` buttons. The intents of
 * the schemas it imports are checked against ACTION_FORMS in route-forms-schemas.test.ts.
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
