// The signed-in consultant's own record, the one home for finding it: its id (the lookup every
// portal action starts from) and the full record, side by side, then what the consultant does with
// it (correct their profile, take a copy of their data). A person reaches only the record linked to
// their own account in the organization they are signed in to.
import { and, eq } from "drizzle-orm";
import { consultants } from "../../../db/schema";
import { db, type Executor } from "../../utils/db.server";
import { recordAudit } from "../../utils/audit.server";
import type { SelfProfileInput } from "../../utils/consultant-schema";
import { consultantChecklist } from "../checklist.server";
import { DEFAULT_LANGUAGE, type Language } from "~/i18n/config";
import { openConsultantFields, sealConsultantFields, sealedConsultantColumns } from "../consultant-fields.server";
import { NotFoundError } from "../errors";
import { recordCheckIn } from "../capacity/last-check-in.server";
import { organizationToday } from "../settings.server";
import { forgetDirectoryFilterOptions } from "./directory.server";
import { listStatusChanges } from "./record.server";
import { supportPlansOfConsultant } from "../engagement/support-plan.server";
import { myIdeas } from "../program-input/consultant-ideas.server";
import { lettersOfConsultant } from "../experience/letters.server";
import { myAssessmentRecords } from "../assessment/consultant-answers.server";
import { assertEmailFree, assertNotStale, changedFieldNames, selfColumns } from "./shared.server";

/** A catalog key: the consultant reads it on any portal page that needs their record. */
export const NO_PROFILE_MESSAGE = "common:consultantRules.noProfile";

/** The row that is the signed-in person's own record in the organization. */
const ownRecord = (organizationId: string, userId: string) =>
  and(eq(consultants.organizationId, organizationId), eq(consultants.userId, userId));

/** The id of the signed-in person's consultant record in the organization, if they have one. */
export function findOwnConsultantId(tx: Executor, organizationId: string, userId: string): string | undefined {
  return tx.select({ id: consultants.id }).from(consultants).where(ownRecord(organizationId, userId)).get()?.id;
}

/** As `findOwnConsultantId`, refusing with "not set up yet" when there is no record. */
export function requireOwnConsultantId(tx: Executor, organizationId: string, userId: string): string {
  const id = findOwnConsultantId(tx, organizationId, userId);
  if (!id) throw new NotFoundError(NO_PROFILE_MESSAGE);
  return id;
}

function selectOwn(tx: Executor, organizationId: string, userId: string) {
  const row = tx.select(selfColumns).from(consultants).where(ownRecord(organizationId, userId)).get();
  return row && openConsultantFields(row, { organizationId, consultantId: row.id });
}

/** The full record of the signed-in person in their active organization, as they may see it. */
export function findOwnConsultant(organizationId: string, userId: string) {
  return selectOwn(db, organizationId, userId);
}

/** As `findOwnConsultant`, refusing with "not set up yet" when there is no record. */
export function requireOwnConsultant(organizationId: string, userId: string) {
  const own = findOwnConsultant(organizationId, userId);
  if (!own) throw new NotFoundError(NO_PROFILE_MESSAGE);
  return own;
}

export function updateOwnProfile(args: {
  organizationId: string;
  userId: string;
  input: SelfProfileInput;
  expectedVersion?: number;
}) {
  forgetDirectoryFilterOptions(args.organizationId);
  db.transaction((tx) => {
    const before = selectOwn(tx, args.organizationId, args.userId);
    if (!before) throw new NotFoundError(NO_PROFILE_MESSAGE);
    assertNotStale(before, args.expectedVersion);
    assertEmailFree(tx, args.organizationId, args.input.email, before.id);
    // Saving their contact details, safe channels and support needs is also their check-in: they
    // have looked at them, changed or not.
    recordCheckIn(tx, {
      organizationId: args.organizationId,
      consultantId: before.id,
      userId: args.userId,
      today: organizationToday(args.organizationId),
    });
    const changed = changedFieldNames(before, args.input);
    if (changed.length === 0) return;
    tx.update(consultants)
      .set({
        ...sealConsultantFields(args.input, { organizationId: args.organizationId, consultantId: before.id }),
        updatedAt: new Date(),
      })
      .where(eq(consultants.id, before.id))
      .run();
    recordAudit(tx, {
      actorUserId: args.userId,
      organizationId: args.organizationId,
      action: "consultant.updated_own_profile",
      subjectType: "consultant",
      subjectId: before.id,
      changedFields: changed,
    });
  });
}

/**
 * Everything the organization holds about the signed-in consultant, for "my data". Staff notes
 * are left out (they are the organization's working notes); later features add their records.
 * Onboarding steps, work titles and the questions they answered are in the consultant's `language`
 * where the organization wrote it. Ideas and answers sent without their name are linked to nobody,
 * so they are not theirs to list: only what is linked to their record is here.
 */
export function exportOwnData(args: {
  organizationId: string;
  userId: string;
  organizationName: string;
  language?: Language;
}) {
  return db.transaction((tx) => {
    const sealed = tx
      .select({
        ...selfColumns,
        ...sealedConsultantColumns("legalName"),
        expertise: consultants.expertise,
        createdAt: consultants.createdAt,
      })
      .from(consultants)
      .where(ownRecord(args.organizationId, args.userId))
      .get();
    if (!sealed) throw new NotFoundError(NO_PROFILE_MESSAGE);
    const own = openConsultantFields(sealed, { organizationId: args.organizationId, consultantId: sealed.id });
    const language = args.language ?? DEFAULT_LANGUAGE;
    recordAudit(tx, {
      actorUserId: args.userId,
      organizationId: args.organizationId,
      action: "consultant.data_exported",
      subjectType: "consultant",
      subjectId: own.id,
    });
    // Whether a legal name is held, not the name itself: this page may be open on a shared phone,
    // and the consultant can ask an admin to see or correct it.
    const { legalName, ...profile } = own;
    return {
      organization: args.organizationName,
      exportedAt: new Date().toISOString(),
      profile: { ...profile, legalNameOnFile: Boolean(legalName) },
      statusHistory: listStatusChanges(args.organizationId, own.id).map(({ id: _id, ...change }) => change),
      // Each step with the language its name is in: the reader's where the organization wrote it.
      onboarding: consultantChecklist(args.organizationId, own.id, language).map(
        ({ itemId: _itemId, labelFallback, ...step }) => ({
          ...step,
          labelLanguage: labelFallback ? DEFAULT_LANGUAGE : language,
        }),
      ),
      supportPlans: supportPlansOfConsultant(tx, args.organizationId, own.id, language),
      ideas: myIdeas(args.organizationId, own.id).map(({ id: _id, newAnswer: _newAnswer, ...idea }) => idea),
      letters: lettersOfConsultant(tx, args.organizationId, own.id).map(({ id: _id, ...letter }) => letter),
      assessments: myAssessmentRecords(tx, args.organizationId, own.id, language),
    };
  });
}
