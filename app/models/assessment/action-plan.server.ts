// The action plan of an assessment: the gaps (items answered below "Mostly"), who can own an action,
// and each action's status.
import { and, asc, eq } from "drizzle-orm";
import { ACTION_STATUSES, assessmentActions, users } from "../../../db/schema";
import { db } from "../../utils/db.server";
import { recordAudit } from "../../utils/audit.server";
import type { Template } from "../../utils/assessment-template";
import { NotFoundError, RuleError } from "../errors";
import { answersOf, findAssessment, getAssessment, templateOf } from "./records.server";
import { activeColleagues } from "../membership.server";
import { DEFAULT_LANGUAGE, type Language } from "~/i18n/config";

/**
 * Items answered below "Mostly": on a scale, anything under its second-highest level. These are
 * offered as action items.
 */
export function gapsOf(template: Template, answers: Record<string, unknown>) {
  return template.sections.flatMap((section) =>
    section.items.flatMap((item) => {
      if (item.type !== "scale") return [];
      const levels = template.scales[item.scale]!.options.map((o) => o.value).sort((a, b) => b - a);
      const answer = answers[item.key];
      if (typeof answer !== "number" || answer >= levels[1]!) return [];
      const label = template.scales[item.scale]!.options.find((o) => o.value === answer)!.label;
      return [{ itemKey: item.key, text: item.text, sectionTitle: section.title, answerLabel: label }];
    }),
  );
}

/** Staff and admins of the organization who can own an action. */
export function actionOwners(organizationId: string) {
  return activeColleagues(organizationId).map((c) => ({ id: c.userId, preferredName: c.preferredName }));
}

/** Turns a gap into an action item; a second click on the same item changes nothing. */
export function addAction(args: {
  organizationId: string;
  actorUserId: string;
  assessmentId: string;
  itemKey: string;
  title: string;
  ownerUserId: string | null;
  dueDate: string | null;
}) {
  return db.transaction((tx) => {
    const assessment = findAssessment(tx, args.organizationId, args.assessmentId);
    const template = templateOf(tx, assessment.templateId);
    if (!gapsOf(template, answersOf(tx, assessment.id)).some((g) => g.itemKey === args.itemKey)) {
      throw new RuleError("itemKey", "staff:assessments.errors.notAGap");
    }
    if (args.ownerUserId && !actionOwners(args.organizationId).some((o) => o.id === args.ownerUserId)) {
      throw new RuleError("ownerUserId", "staff:assessments.errors.ownerNotHere");
    }
    const existing = tx
      .select({ id: assessmentActions.id })
      .from(assessmentActions)
      .where(and(eq(assessmentActions.assessmentId, assessment.id), eq(assessmentActions.itemKey, args.itemKey)))
      .get();
    if (existing) return existing.id;
    const created = tx
      .insert(assessmentActions)
      .values({
        organizationId: args.organizationId,
        assessmentId: assessment.id,
        itemKey: args.itemKey,
        title: args.title,
        ownerUserId: args.ownerUserId,
        dueDate: args.dueDate,
        createdByUserId: args.actorUserId,
      })
      .returning({ id: assessmentActions.id })
      .get();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "assessment.action_added",
      subjectType: "assessment",
      subjectId: assessment.id,
      changedFields: ["title", "ownerUserId", "dueDate"],
    });
    return created.id;
  });
}

export function setActionStatus(args: {
  organizationId: string;
  actorUserId: string;
  actionId: string;
  status: (typeof ACTION_STATUSES)[number];
}) {
  db.transaction((tx) => {
    const action = tx
      .select()
      .from(assessmentActions)
      .where(and(eq(assessmentActions.id, args.actionId), eq(assessmentActions.organizationId, args.organizationId)))
      .get();
    if (!action) throw new NotFoundError("staff:assessments.errors.actionNotFound");
    if (action.status === args.status) return;
    tx.update(assessmentActions)
      .set({ status: args.status, updatedAt: new Date() })
      .where(eq(assessmentActions.id, action.id))
      .run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "assessment.action_status",
      subjectType: "assessment",
      subjectId: action.assessmentId,
      changedFields: ["status"],
    });
  });
}

/** An assessment's action plan, with the item each action closes (in `language` where the template has it). */
export function listActions(organizationId: string, assessmentId: string, language: Language = DEFAULT_LANGUAGE) {
  const { template } = getAssessment(organizationId, assessmentId, language);
  const items = new Map(
    template.sections.flatMap((s) => s.items.map((i) => [i.key, { text: i.text, section: s.title }])),
  );
  return db
    .select({
      id: assessmentActions.id,
      itemKey: assessmentActions.itemKey,
      title: assessmentActions.title,
      dueDate: assessmentActions.dueDate,
      status: assessmentActions.status,
      ownerName: users.preferredName,
    })
    .from(assessmentActions)
    .leftJoin(users, eq(users.id, assessmentActions.ownerUserId))
    .where(and(eq(assessmentActions.organizationId, organizationId), eq(assessmentActions.assessmentId, assessmentId)))
    .orderBy(asc(assessmentActions.status), asc(assessmentActions.dueDate))
    .all()
    .map((a) => ({ ...a, item: items.get(a.itemKey) ?? null }));
}
