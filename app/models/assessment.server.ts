import { and, asc, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import {
  ACTION_STATUSES,
  assessmentActions,
  assessmentAnswers,
  assessments,
  assessmentTemplates,
  memberships,
  users,
} from "../../db/schema";
import { db, type Executor } from "../utils/db.server";
import { recordAudit } from "../utils/audit.server";
import { TemplateDefinition, type Template } from "../utils/assessment-template";
import { answersFromForm, listAnswerFields, type TableRow } from "../utils/assessment-answers";
import { repeatedField } from "../utils/form-data.server";
import { rememberPartners } from "./partner.server";
import { compareDomains, scoreDomains } from "../utils/assessment-scoring";
import { NotFoundError, RuleError } from "./errors";

/** A rule the person can fix; `field` names the form field the message belongs next to. */
/** A draft still open from a checklist: who started it and when, to continue it instead. */
export type OpenDraft = { id: string; title: string; startedAt: Date; startedByName: string | null };

/**
 * Starting a second assessment from a checklist while a draft of it is open splits the answers over
 * two drafts; it happens only when the person says so (`alongsideDraftId`).
 */
export class OpenDraftError extends Error {
  constructor(public draft: OpenDraft) {
    super("A draft from this checklist is open.");
  }
}

/** The open drafts from a checklist (any of its versions), newest first. */
function openDraftsOf(exec: Executor, organizationId: string, templateKey: string): OpenDraft[] {
  return exec
    .select({
      id: assessments.id,
      title: assessments.title,
      startedAt: assessments.createdAt,
      startedByName: users.preferredName,
    })
    .from(assessments)
    .innerJoin(assessmentTemplates, eq(assessmentTemplates.id, assessments.templateId))
    .leftJoin(users, eq(users.id, assessments.startedByUserId))
    .where(
      and(
        eq(assessments.organizationId, organizationId),
        eq(assessments.status, "draft"),
        eq(assessmentTemplates.key, templateKey),
      ),
    )
    .orderBy(desc(assessments.createdAt))
    .all();
}

/** The newest open draft from the checklist `templateId` belongs to, if there is one. */
export function openDraftFrom(organizationId: string, templateId: string) {
  return openDraftsOf(db, organizationId, templateOf(db, templateId).key)[0];
}

/** The newest version of each template, for starting a new assessment. */
export function listLatestTemplates() {
  const rows = db
    .select({
      id: assessmentTemplates.id,
      key: assessmentTemplates.key,
      version: assessmentTemplates.version,
      title: assessmentTemplates.title,
    })
    .from(assessmentTemplates)
    .orderBy(asc(assessmentTemplates.key), desc(assessmentTemplates.version))
    .all();
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.key) && Boolean(seen.add(r.key)));
}

function templateOf(exec: Executor, templateId: string): Template & { id: string } {
  const row = exec.select().from(assessmentTemplates).where(eq(assessmentTemplates.id, templateId)).get();
  if (!row) throw new RuleError("templateId", "Choose a checklist from the list.");
  // Parsed again so defaults (empty lists, N/A off) are filled in exactly as when it was checked.
  return { id: row.id, ...TemplateDefinition.parse(row.definition) };
}

/**
 * Starts an assessment on a template's newest version; a resent form returns the first one. While
 * a draft from the same checklist is open, it starts only beside a draft the person was shown
 * (`alongsideDraftId`); otherwise OpenDraftError says which draft to continue.
 */
export function startAssessment(args: {
  organizationId: string;
  actorUserId: string;
  templateId: string;
  title: string;
  creationKey: string;
  alongsideDraftId?: string;
}) {
  return db.transaction((tx) => {
    const replay = tx
      .select({ id: assessments.id })
      .from(assessments)
      .where(and(eq(assessments.organizationId, args.organizationId), eq(assessments.creationKey, args.creationKey)))
      .get();
    if (replay) return replay.id;
    const template = templateOf(tx, args.templateId);
    const latest = listLatestTemplates().find((t) => t.key === template.key);
    if (latest?.id !== template.id) {
      throw new RuleError("templateId", "A newer version of this checklist exists. Start from that one.");
    }
    const drafts = openDraftsOf(tx, args.organizationId, template.key);
    if (drafts.length && !drafts.some((d) => d.id === args.alongsideDraftId)) throw new OpenDraftError(drafts[0]!);
    const created = tx
      .insert(assessments)
      .values({
        organizationId: args.organizationId,
        templateId: template.id,
        title: args.title,
        startedByUserId: args.actorUserId,
        creationKey: args.creationKey,
      })
      .returning({ id: assessments.id })
      .get();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "assessment.started",
      subjectType: "assessment",
      subjectId: created.id,
      // Said knowingly, beside an open draft: the log shows it was not a slip.
      changedFields: drafts.length ? ["templateId", "title", "alongsideDraftId"] : ["templateId", "title"],
    });
    return created.id;
  });
}

function findAssessment(exec: Executor, organizationId: string, assessmentId: string) {
  const row = exec
    .select()
    .from(assessments)
    .where(and(eq(assessments.id, assessmentId), eq(assessments.organizationId, organizationId)))
    .get();
  if (!row) throw new NotFoundError("Assessment not found.");
  return row;
}

function answersOf(exec: Executor, assessmentId: string) {
  return Object.fromEntries(
    exec
      .select({ itemKey: assessmentAnswers.itemKey, value: assessmentAnswers.value })
      .from(assessmentAnswers)
      .where(eq(assessmentAnswers.assessmentId, assessmentId))
      .all()
      .map((a) => [a.itemKey, a.value]),
  ) as Record<string, unknown>;
}

/** How much is answered: per section and overall, for the progress bar. */
export function progressOf(template: Template, answers: Record<string, unknown>) {
  const sections = template.sections.map((s) => ({
    key: s.key,
    answered: s.items.filter((i) => answers[i.key] !== undefined).length,
    total: s.items.length,
  }));
  return {
    sections,
    answered: sections.reduce((n, s) => n + s.answered, 0),
    total: sections.reduce((n, s) => n + s.total, 0),
  };
}

/** An assessment with its template version, answers and progress. */
export function getAssessment(organizationId: string, assessmentId: string) {
  const assessment = findAssessment(db, organizationId, assessmentId);
  const template = templateOf(db, assessment.templateId);
  const answers = answersOf(db, assessment.id);
  return { assessment, template, answers, progress: progressOf(template, answers) };
}

/**
 * Saves one section from its form. Answers that fit are saved even when another field in the same
 * section needs fixing, so nothing typed is lost; the messages come back for the rest.
 */
export function saveSection(args: {
  organizationId: string;
  actorUserId: string;
  assessmentId: string;
  sectionKey: string;
  form: FormData;
}) {
  return db.transaction((tx) => {
    const assessment = findAssessment(tx, args.organizationId, args.assessmentId);
    if (assessment.status === "complete") {
      throw new RuleError("", "This assessment is complete. Reopen it to change an answer.");
    }
    const template = templateOf(tx, assessment.templateId);
    const section = template.sections.find((s) => s.key === args.sectionKey);
    if (!section) throw new NotFoundError("Section not found.");
    // Only the template knows which answers take several values; any other one sent twice is refused
    // before anything is saved, rather than read as one of its copies.
    const lists = listAnswerFields(template.sections);
    const repeated = repeatedField(args.form, (name) => lists.has(name));
    if (repeated !== null) {
      throw new RuleError(
        repeated,
        "An answer was sent more than once, so this section was not saved. Please reload the page and try again.",
      );
    }
    const { values, errors } = answersFromForm(section, args.form, (key) => template.scales[key]!);
    const now = new Date();
    const saved: string[] = [];
    for (const [itemKey, value] of Object.entries(values)) {
      if (Object.keys(errors).some((field) => field === `item.${itemKey}` || field.startsWith(`item.${itemKey}.`))) {
        continue;
      }
      const where = and(eq(assessmentAnswers.assessmentId, assessment.id), eq(assessmentAnswers.itemKey, itemKey));
      if (value === null) {
        tx.delete(assessmentAnswers).where(where).run();
      } else {
        tx.insert(assessmentAnswers)
          .values({ assessmentId: assessment.id, itemKey, value, updatedByUserId: args.actorUserId, updatedAt: now })
          .onConflictDoUpdate({
            target: [assessmentAnswers.assessmentId, assessmentAnswers.itemKey],
            set: { value, updatedByUserId: args.actorUserId, updatedAt: now },
          })
          .run();
      }
      saved.push(itemKey);
    }
    for (const item of section.items) {
      const rows = values[item.key];
      if (item.type === "table" && saved.includes(item.key) && Array.isArray(rows)) {
        if (item.columns.some((c) => c.key === "provider")) {
          rememberPartners(tx, args.organizationId, section.title, rows as TableRow[]);
        }
      }
    }
    tx.update(assessments).set({ updatedAt: now }).where(eq(assessments.id, assessment.id)).run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "assessment.section_saved",
      subjectType: "assessment",
      subjectId: assessment.id,
      changedFields: [`section:${section.key}`],
    });
    return { errors, saved };
  });
}

export function completeAssessment(args: { organizationId: string; actorUserId: string; assessmentId: string }) {
  db.transaction((tx) => {
    const assessment = findAssessment(tx, args.organizationId, args.assessmentId);
    if (assessment.status === "complete") return;
    const now = new Date();
    tx.update(assessments)
      .set({ status: "complete", completedAt: now, completedByUserId: args.actorUserId, updatedAt: now })
      .where(eq(assessments.id, assessment.id))
      .run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "assessment.completed",
      subjectType: "assessment",
      subjectId: assessment.id,
      changedFields: ["status"],
    });
  });
}

/** A completed assessment is changed only after someone reopens it on purpose (audited). */
export function reopenAssessment(args: { organizationId: string; actorUserId: string; assessmentId: string }) {
  db.transaction((tx) => {
    const assessment = findAssessment(tx, args.organizationId, args.assessmentId);
    if (assessment.status === "draft") return;
    tx.update(assessments)
      .set({ status: "draft", completedAt: null, completedByUserId: null, updatedAt: new Date() })
      .where(eq(assessments.id, assessment.id))
      .run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "assessment.reopened",
      subjectType: "assessment",
      subjectId: assessment.id,
      changedFields: ["status"],
    });
  });
}

/** Every assessment of the organization, newest first, for the history list. */
export function listAssessments(organizationId: string) {
  return db
    .select({
      id: assessments.id,
      title: assessments.title,
      status: assessments.status,
      templateTitle: assessmentTemplates.title,
      templateVersion: assessmentTemplates.version,
      createdAt: assessments.createdAt,
      completedAt: assessments.completedAt,
      startedByName: users.preferredName,
    })
    .from(assessments)
    .innerJoin(assessmentTemplates, eq(assessmentTemplates.id, assessments.templateId))
    .leftJoin(users, eq(users.id, assessments.startedByUserId))
    .where(eq(assessments.organizationId, organizationId))
    .orderBy(desc(sql`coalesce(${assessments.completedAt}, ${assessments.createdAt})`))
    .all();
}

/**
 * Domain scores, and how each moved since the previous completed assessment of the same template
 * (any version with the same key: domains are compared by their keys).
 */
export function assessmentResults(organizationId: string, assessmentId: string) {
  const { assessment, template, answers, progress } = getAssessment(organizationId, assessmentId);
  const scores = scoreDomains(template, answers);
  const before = assessment.completedAt ?? new Date(8.64e15);
  const previous = db
    .select({ id: assessments.id, templateId: assessments.templateId, completedAt: assessments.completedAt })
    .from(assessments)
    .innerJoin(assessmentTemplates, eq(assessmentTemplates.id, assessments.templateId))
    .where(
      and(
        eq(assessments.organizationId, organizationId),
        eq(assessments.status, "complete"),
        eq(assessmentTemplates.key, template.key),
        lt(assessments.completedAt, before),
        sql`${assessments.id} <> ${assessment.id}`,
      ),
    )
    .orderBy(desc(assessments.completedAt))
    .limit(1)
    .get();
  const previousScores = previous
    ? scoreDomains(templateOf(db, previous.templateId), answersOf(db, previous.id))
    : null;
  return {
    assessment,
    template,
    answers,
    progress,
    domains: compareDomains(scores, previousScores),
    previous: previous ? { id: previous.id, completedAt: previous.completedAt } : null,
  };
}

// --- The action plan ------------------------------------------------------------------------

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
  return db
    .select({ id: users.id, preferredName: users.preferredName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        inArray(memberships.role, ["admin", "staff"]),
        isNull(memberships.deactivatedAt),
      ),
    )
    .orderBy(asc(users.preferredName))
    .all();
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
      throw new RuleError("itemKey", "Only an item answered below “Mostly” can go on the action plan.");
    }
    if (args.ownerUserId && !actionOwners(args.organizationId).some((o) => o.id === args.ownerUserId)) {
      throw new RuleError("ownerUserId", "Choose someone from your organization.");
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
    if (!action) throw new NotFoundError("Action not found.");
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

/** An assessment's action plan, with the item each action closes. */
export function listActions(organizationId: string, assessmentId: string) {
  const { template } = getAssessment(organizationId, assessmentId);
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
