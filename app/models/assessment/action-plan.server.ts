// The action plan of an assessment: the gaps (items answered below "Mostly"), who can own an action,
// and each action's status.
import { and, asc, desc, eq, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { ACTION_STATUSES, assessmentActions, assessments, assessmentTemplates, users } from "../../../db/schema";
import { db, type Executor } from "../../utils/db.server";
import { recordAudit } from "../../utils/audit.server";
import type { Template } from "../../utils/assessment-template";
import type { ItemSpread } from "../../utils/assessment-scoring";
import { NotFoundError, RuleError } from "../errors";
import { findAssessment, getAssessment, staffViewOf, templateOf } from "./records.server";
import { activeColleagues } from "../membership.server";
import { DEFAULT_LANGUAGE, type Language } from "~/i18n/config";

/**
 * Items answered below "Mostly": on a scale, anything under its second-highest level. These are
 * offered as action items. With several respondents the answer is their mean, so `answerLabel` is
 * set only when it is one of the levels; `lowestLabel` and `highestLabel` say how far apart they were.
 */
export function gapsOf(template: Template, answers: Record<string, unknown>, spread: Record<string, ItemSpread> = {}) {
  return template.sections.flatMap((section) =>
    section.items.flatMap((item) => {
      if (item.type !== "scale") return [];
      const options = template.scales[item.scale]!.options;
      const levels = options.map((o) => o.value).sort((a, b) => b - a);
      const answer = answers[item.key];
      if (typeof answer !== "number" || answer >= levels[1]!) return [];
      const labelOf = (value: number | null | undefined) => options.find((o) => o.value === value)?.label ?? null;
      const s = spread[item.key];
      const apart = s && s.lowest !== null && s.highest !== null && s.lowest !== s.highest;
      return [
        {
          itemKey: item.key,
          text: item.text,
          sectionTitle: section.title,
          answerLabel: labelOf(answer),
          lowestLabel: apart ? labelOf(s.lowest) : null,
          highestLabel: apart ? labelOf(s.highest) : null,
        },
      ];
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
    if (!gapsOf(template, staffViewOf(tx, template, assessment.id).answers).some((g) => g.itemKey === args.itemKey)) {
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

/**
 * When the next assessment of a checklist starts, the actions still open on the one before it move
 * onto it, as they are (open or under way, same owner and date), marked with where they first came
 * from. Nothing is closed or copied: each action stays one piece of work, counted once.
 */
export function carryOverOpenActions(
  tx: Executor,
  args: { organizationId: string; actorUserId: string; templateKey: string; assessmentId: string },
) {
  const previous = tx
    .select({ id: assessments.id })
    .from(assessments)
    .innerJoin(assessmentTemplates, eq(assessmentTemplates.id, assessments.templateId))
    .where(
      and(
        eq(assessments.organizationId, args.organizationId),
        eq(assessmentTemplates.key, args.templateKey),
        ne(assessments.id, args.assessmentId),
      ),
    )
    .orderBy(desc(assessments.createdAt), desc(assessments.id))
    .limit(1)
    .get();
  if (!previous) return 0;
  const open = tx
    .select({ id: assessmentActions.id, from: assessmentActions.carriedOverFromAssessmentId })
    .from(assessmentActions)
    .where(
      and(
        eq(assessmentActions.organizationId, args.organizationId),
        eq(assessmentActions.assessmentId, previous.id),
        ne(assessmentActions.status, "done"),
      ),
    )
    .all();
  if (open.length === 0) return 0;
  const now = new Date();
  for (const action of open) {
    tx.update(assessmentActions)
      .set({ assessmentId: args.assessmentId, carriedOverFromAssessmentId: action.from ?? previous.id, updatedAt: now })
      .where(eq(assessmentActions.id, action.id))
      .run();
  }
  recordAudit(tx, {
    actorUserId: args.actorUserId,
    organizationId: args.organizationId,
    action: "assessment.actions_carried_over",
    subjectType: "assessment",
    subjectId: args.assessmentId,
    changedFields: ["assessmentId", "carriedOverFromAssessmentId"],
  });
  return open.length;
}

const origin = alias(assessments, "origin");

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
      originId: origin.id,
      originTitle: origin.title,
      originCompletedAt: origin.completedAt,
      originCreatedAt: origin.createdAt,
    })
    .from(assessmentActions)
    .leftJoin(users, eq(users.id, assessmentActions.ownerUserId))
    .leftJoin(origin, eq(origin.id, assessmentActions.carriedOverFromAssessmentId))
    .where(and(eq(assessmentActions.organizationId, organizationId), eq(assessmentActions.assessmentId, assessmentId)))
    .orderBy(asc(assessmentActions.status), asc(assessmentActions.dueDate))
    .all()
    .map(({ originId, originTitle, originCompletedAt, originCreatedAt, ...a }) => ({
      ...a,
      item: items.get(a.itemKey) ?? null,
      // The assessment it was first planned on, dated when that one was completed (or started).
      carriedOverFrom: originId
        ? { id: originId, title: originTitle!, date: originCompletedAt ?? originCreatedAt! }
        : null,
    }));
}

/** How many open actions of an assessment moved on to a later one, and which. */
export function actionsCarriedOn(organizationId: string, assessmentId: string) {
  const rows = db
    .select({ id: assessments.id, title: assessments.title })
    .from(assessmentActions)
    .innerJoin(assessments, eq(assessments.id, assessmentActions.assessmentId))
    .where(
      and(
        eq(assessmentActions.organizationId, organizationId),
        eq(assessmentActions.carriedOverFromAssessmentId, assessmentId),
        ne(assessmentActions.assessmentId, assessmentId),
      ),
    )
    .all();
  const to = rows.at(-1);
  return to ? { count: rows.length, to } : null;
}
