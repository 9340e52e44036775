// The consultant's side of a readiness self-assessment (portal): the invitations waiting for them,
// choosing to answer with their name or without it, answering section by section, and sending.
//
// Anonymity is the point. While they answer, their draft is theirs (found through their invitation).
// Sending without their name moves the answers into a respondent that holds nothing but the
// assessment: no person, no invitation, no time, nothing in the audit log. The assessment's
// anonymous respondents are then written again in a shuffled order with new ids, so neither an id
// nor a row's place in the table tells which came when; staff see them only in whole groups
// (anonymous-groups.server.ts). The invitation keeps only "answered", for the consultant's own
// portal; no staff-facing function reads it.
import { randomInt, randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import {
  assessmentAnswers,
  assessmentInvitations,
  assessmentRespondents,
  assessments,
  type AnswerMode,
} from "../../../db/schema";
import { recordAudit } from "../../utils/audit.server";
import { answersFromForm, listAnswerFields } from "../../utils/assessment-answers";
import { db, type Executor } from "../../utils/db.server";
import { repeatedField } from "../../utils/form-data.server";
import { localizeTemplate } from "../../utils/template-translations";
import { DEFAULT_LANGUAGE, type Language } from "~/i18n/config";
import { NotFoundError, RuleError } from "../errors";
import { groupWaitingSets } from "./anonymous-groups.server";
import { writeAnswer } from "./drafting.server";
import { progressOf, respondentAnswers, templateOf } from "./records.server";

type Mine = { organizationId: string; consultantId: string; invitationId: string };

/** One of my invitations, with its assessment; a 404 for anyone else's, in any organization. */
function findMyInvitation(tx: Executor, mine: Mine) {
  const row = tx
    .select({
      id: assessmentInvitations.id,
      assessmentId: assessmentInvitations.assessmentId,
      engagementId: assessmentInvitations.engagementId,
      answerAs: assessmentInvitations.answerAs,
      answered: assessmentInvitations.answered,
      templateId: assessments.templateId,
      status: assessments.status,
    })
    .from(assessmentInvitations)
    .innerJoin(assessments, eq(assessments.id, assessmentInvitations.assessmentId))
    .where(
      and(
        eq(assessmentInvitations.id, mine.invitationId),
        eq(assessmentInvitations.organizationId, mine.organizationId),
        eq(assessmentInvitations.consultantId, mine.consultantId),
      ),
    )
    .get();
  if (!row) throw new NotFoundError();
  return row;
}

/** My draft answers while I answer: found through my own consultant record, never anyone else's. */
function myDraft(tx: Executor, assessmentId: string, consultantId: string) {
  return tx
    .select({ id: assessmentRespondents.id })
    .from(assessmentRespondents)
    .where(
      and(
        eq(assessmentRespondents.assessmentId, assessmentId),
        eq(assessmentRespondents.consultantId, consultantId),
        eq(assessmentRespondents.kind, "consultant"),
      ),
    )
    .get();
}

/** The invitations waiting for my answers, for the portal home. */
export function myWaitingAssessments(organizationId: string, consultantId: string) {
  return db
    .select({ id: assessmentInvitations.id, paid: assessmentInvitations.engagementId })
    .from(assessmentInvitations)
    .innerJoin(assessments, eq(assessments.id, assessmentInvitations.assessmentId))
    .where(
      and(
        eq(assessmentInvitations.organizationId, organizationId),
        eq(assessmentInvitations.consultantId, consultantId),
        eq(assessmentInvitations.answered, false),
        eq(assessments.status, "draft"),
      ),
    )
    .orderBy(asc(assessmentInvitations.createdAt))
    .all()
    .map((r) => ({ id: r.id, paid: r.paid !== null }));
}

/**
 * One of my invitations as the portal shows it: the checklist in my language, how I chose to answer,
 * my draft answers and progress, or that I have answered.
 */
export function myAssessmentInvitation(mine: Mine, language: Language = DEFAULT_LANGUAGE) {
  const invitation = findMyInvitation(db, mine);
  const { template, ...shown } = localizeTemplate(templateOf(db, invitation.templateId), language);
  const draft = invitation.answered ? undefined : myDraft(db, invitation.assessmentId, mine.consultantId);
  const answers = draft ? respondentAnswers(db, draft.id) : {};
  return {
    id: invitation.id,
    paid: invitation.engagementId !== null,
    engagementId: invitation.engagementId,
    answerAs: invitation.answerAs,
    answered: invitation.answered,
    open: invitation.status === "draft",
    template,
    shown,
    answers,
    progress: progressOf(template, answers),
  };
}

/**
 * Every invitation I was sent, for "My data": when I was asked, whether it was paid, whether I
 * answered, and my answers where they are linked to me (a draft not sent yet, or answers sent with my
 * name), each statement with my answer in my language. Answers sent without my name are linked to
 * nobody (see the top of this file): all that is known of them is that I answered.
 */
export function myAssessmentRecords(
  exec: Executor,
  organizationId: string,
  consultantId: string,
  language: Language = DEFAULT_LANGUAGE,
) {
  return exec
    .select({
      assessmentId: assessmentInvitations.assessmentId,
      templateId: assessments.templateId,
      engagementId: assessmentInvitations.engagementId,
      answered: assessmentInvitations.answered,
      invitedAt: assessmentInvitations.createdAt,
    })
    .from(assessmentInvitations)
    .innerJoin(assessments, eq(assessments.id, assessmentInvitations.assessmentId))
    .where(
      and(
        eq(assessmentInvitations.organizationId, organizationId),
        eq(assessmentInvitations.consultantId, consultantId),
      ),
    )
    .orderBy(asc(assessmentInvitations.createdAt), asc(assessmentInvitations.id))
    .all()
    .map((invitation) => {
      const { template } = localizeTemplate(templateOf(exec, invitation.templateId), language);
      const mine = exec
        .select({ id: assessmentRespondents.id, sentAt: assessmentRespondents.sentAt })
        .from(assessmentRespondents)
        .where(
          and(
            eq(assessmentRespondents.assessmentId, invitation.assessmentId),
            eq(assessmentRespondents.consultantId, consultantId),
            eq(assessmentRespondents.kind, "consultant"),
          ),
        )
        .get();
      const answers = mine ? respondentAnswers(exec, mine.id) : {};
      return {
        title: template.title,
        invitedAt: invitation.invitedAt,
        paid: invitation.engagementId !== null,
        answered: invitation.answered,
        // Sent with my name: my answers are mine to see. Sent without it: nothing links them to me.
        answeredWithName: invitation.answered ? Boolean(mine?.sentAt) : null,
        sentAt: mine?.sentAt ?? null,
        answers: template.sections.flatMap((section) =>
          section.items.flatMap((item) => {
            const value = answers[item.key];
            if (item.type !== "scale" || value === undefined || value === null) return [];
            const notApplicable = value === "na";
            const option = template.scales[item.scale]?.options.find((o) => o.value === value);
            return [
              {
                section: section.title,
                statement: item.text,
                answer: notApplicable ? null : (option?.label ?? String(value)),
                notApplicable,
              },
            ];
          }),
        ),
      };
    });
}

/** Refuses anything once I have sent my answers, or once staff have closed the assessment. */
function assertStillAnswering(invitation: { answered: boolean; status: string }) {
  if (invitation.answered) throw new RuleError(null, "portal:assessTogether.errors.alreadySent");
  if (invitation.status !== "draft") throw new RuleError(null, "portal:assessTogether.errors.closed");
}

/**
 * I choose to answer with my name or without it. I may change my mind until I send: nothing of my
 * answers is stored differently until then. Nothing about a draft goes to the audit log, where its
 * times and sections could later be matched to an anonymous set; only a named send is audited.
 */
export function chooseHowToAnswer(mine: Mine & { userId: string; answerAs: AnswerMode }) {
  db.transaction((tx) => {
    const invitation = findMyInvitation(tx, mine);
    assertStillAnswering(invitation);
    if (invitation.answerAs === mine.answerAs) return;
    tx.update(assessmentInvitations)
      .set({ answerAs: mine.answerAs })
      .where(eq(assessmentInvitations.id, invitation.id))
      .run();
  });
}

/**
 * Saves one section of my answers to my draft. Answers that fit are saved even when another needs
 * fixing, so nothing typed is lost. Only after choosing how to answer.
 */
export function saveMyAnswers(mine: Mine & { userId: string; sectionKey: string; form: FormData }) {
  return db.transaction((tx) => {
    const invitation = findMyInvitation(tx, mine);
    assertStillAnswering(invitation);
    if (!invitation.answerAs) throw new RuleError("answerAs", "portal:assessTogether.errors.chooseFirst");
    const template = templateOf(tx, invitation.templateId);
    const section = template.sections.find((s) => s.key === mine.sectionKey);
    if (!section) throw new NotFoundError();
    const lists = listAnswerFields(template.sections);
    const repeated = repeatedField(mine.form, (name) => lists.has(name));
    if (repeated !== null) throw new RuleError(repeated, "staff:assessments.errors.sentTwice");
    const { values, errors } = answersFromForm(section, mine.form, (key) => template.scales[key]!);
    const respondentId =
      myDraft(tx, invitation.assessmentId, mine.consultantId)?.id ??
      tx
        .insert(assessmentRespondents)
        .values({ assessmentId: invitation.assessmentId, kind: "consultant", consultantId: mine.consultantId })
        .returning({ id: assessmentRespondents.id })
        .get().id;
    const now = new Date();
    for (const [itemKey, value] of Object.entries(values)) {
      if (errors[`item.${itemKey}`]) continue;
      writeAnswer(tx, { assessmentId: invitation.assessmentId, respondentId, itemKey, value, updatedAt: now });
    }
    return { errors };
  });
}

/**
 * Sends my answers. With my name: my draft becomes my answers, as they are. Without it: see the top
 * of this file. Either way the invitation keeps only that I answered.
 */
export function sendMyAnswers(mine: Mine & { userId: string }) {
  db.transaction((tx) => {
    const invitation = findMyInvitation(tx, mine);
    assertStillAnswering(invitation);
    if (!invitation.answerAs) throw new RuleError("answerAs", "portal:assessTogether.errors.chooseFirst");
    const draft = myDraft(tx, invitation.assessmentId, mine.consultantId);
    const answers = draft ? respondentAnswers(tx, draft.id) : {};
    if (!draft || Object.keys(answers).length === 0) {
      throw new RuleError(null, "portal:assessTogether.errors.answerSomething");
    }
    if (invitation.answerAs === "named") {
      tx.update(assessmentRespondents).set({ sentAt: new Date() }).where(eq(assessmentRespondents.id, draft.id)).run();
      recordAudit(tx, {
        actorUserId: mine.userId,
        organizationId: mine.organizationId,
        action: "assessment.consultant_answers_sent",
        subjectType: "assessment",
        subjectId: invitation.assessmentId,
        changedFields: ["answers"],
      });
    } else {
      tx.delete(assessmentAnswers).where(eq(assessmentAnswers.respondentId, draft.id)).run();
      tx.delete(assessmentRespondents).where(eq(assessmentRespondents.id, draft.id)).run();
      addAnonymousAnswers(tx, invitation.assessmentId, answers);
    }
    tx.update(assessmentInvitations)
      .set({ answered: true, answerAs: null })
      .where(eq(assessmentInvitations.id, invitation.id))
      .run();
  });
}

/**
 * Adds one anonymous set of answers to an assessment. Every anonymous set is written again, with new
 * ids, in a random order, and their answers carry no time: the newest is not the last row. The group
 * it joined the survivors' view with, if any yet, is all it keeps besides its answers (groupWaitingSets).
 */
function addAnonymousAnswers(tx: Executor, assessmentId: string, answers: Record<string, unknown>) {
  const earlier = tx
    .select({ id: assessmentRespondents.id, group: assessmentRespondents.anonymousGroup })
    .from(assessmentRespondents)
    .where(and(eq(assessmentRespondents.assessmentId, assessmentId), eq(assessmentRespondents.kind, "anonymous")))
    .all();
  const sets = groupWaitingSets([
    ...earlier.map((r) => ({ group: r.group, answers: respondentAnswers(tx, r.id) })),
    { group: null, answers },
  ]);
  if (earlier.length) {
    const ids = earlier.map((r) => r.id);
    tx.delete(assessmentAnswers).where(inArray(assessmentAnswers.respondentId, ids)).run();
    tx.delete(assessmentRespondents).where(inArray(assessmentRespondents.id, ids)).run();
  }
  // Fisher-Yates with the system's random source.
  for (let i = sets.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [sets[i], sets[j]] = [sets[j]!, sets[i]!];
  }
  for (const set of sets) {
    const respondentId = randomUUID();
    tx.insert(assessmentRespondents)
      .values({ id: respondentId, assessmentId, kind: "anonymous", anonymousGroup: set.group })
      .run();
    const rows = Object.entries(set.answers).map(([itemKey, value]) => ({
      assessmentId,
      respondentId,
      itemKey,
      value,
      updatedAt: null,
    }));
    if (rows.length) tx.insert(assessmentAnswers).values(rows).run();
  }
}

/**
 * Deletes answers a consultant saved but never sent: those of one assessment when staff complete it,
 * or all of one consultant's when their record is erased. A draft is found through the person, so
 * one left behind would tie even answers meant to be anonymous to them; and an unsent draft counts
 * for nothing. How they chose to answer belonged to the draft and goes with it. The consultant's
 * portal says that answers not sent before the questions closed were deleted.
 */
export function discardUnsentAnswers(tx: Executor, whose: { assessmentId: string } | { consultantId: string }) {
  const drafts = tx
    .select({ id: assessmentRespondents.id })
    .from(assessmentRespondents)
    .where(
      and(
        eq(assessmentRespondents.kind, "consultant"),
        isNull(assessmentRespondents.sentAt),
        "assessmentId" in whose
          ? eq(assessmentRespondents.assessmentId, whose.assessmentId)
          : eq(assessmentRespondents.consultantId, whose.consultantId),
      ),
    )
    .all()
    .map((r) => r.id);
  if (drafts.length > 0) {
    tx.delete(assessmentAnswers).where(inArray(assessmentAnswers.respondentId, drafts)).run();
    tx.delete(assessmentRespondents).where(inArray(assessmentRespondents.id, drafts)).run();
  }
  tx.update(assessmentInvitations)
    .set({ answerAs: null })
    .where(
      and(
        eq(assessmentInvitations.answered, false),
        isNotNull(assessmentInvitations.answerAs),
        "assessmentId" in whose
          ? eq(assessmentInvitations.assessmentId, whose.assessmentId)
          : eq(assessmentInvitations.consultantId, whose.consultantId),
      ),
    )
    .run();
  return drafts.length;
}
