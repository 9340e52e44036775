// Programs: the organization's lines of work that engagements belong to, with their totals by stage.
import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { consultants, engagements, payments, programs, STAGES, timeEntries, type Stage } from "../../db/schema";
import { recordAudit } from "../utils/audit.server";
import { countsAsApproved } from "./time/reads.server";
import { db, type Executor } from "../utils/db.server";
import type { ProgramInput } from "../utils/program-schema";
import { NotFoundError, RuleError } from "./errors";

/** Shown above the edit form when the program was saved by someone else since the form was opened. */
export const STALE_PROGRAM_MESSAGE = "staff:programs.errors.stale";

const programColumns = {
  id: programs.id,
  name: programs.name,
  description: programs.description,
  status: programs.status,
  updatedAt: programs.updatedAt,
};

/** A program of this organization; any other id (another organization's included) is a 404. */
export function findProgramInOrganization(tx: Executor, organizationId: string, programId: string) {
  const row = tx
    .select(programColumns)
    .from(programs)
    .where(and(eq(programs.id, programId), eq(programs.organizationId, organizationId)))
    .get();
  if (!row) throw new NotFoundError("staff:programs.errors.notFound");
  return row;
}

function assertNameFree(tx: Executor, organizationId: string, name: string, exceptId?: string) {
  // "Youth Outreach" and "youth outreach" would read as the same program in every list.
  const taken = tx
    .select({ id: programs.id })
    .from(programs)
    .where(and(eq(programs.organizationId, organizationId), sql`${programs.name} = ${name} collate nocase`))
    .get();
  if (taken && taken.id !== exceptId) {
    throw new RuleError("name", "staff:programs.errors.nameTaken");
  }
}

const statusOrder = sql`case ${programs.status} when 'active' then 0 when 'paused' then 1 else 2 end`;
const engagementsAt = (stage: Stage) => sql<number>`count(case when ${engagements.stage} = ${stage} then 1 end)`;

/** The organization's programs, current ones first, with how many engagements each has per stage. */
export function listPrograms(organizationId: string) {
  const rows = db
    .select({
      id: programs.id,
      name: programs.name,
      description: programs.description,
      status: programs.status,
      design: engagementsAt("design"),
      delivery: engagementsAt("delivery"),
      evaluation: engagementsAt("evaluation"),
    })
    .from(programs)
    .leftJoin(
      engagements,
      and(eq(engagements.programId, programs.id), eq(engagements.organizationId, programs.organizationId)),
    )
    .where(eq(programs.organizationId, organizationId))
    .groupBy(programs.id)
    .orderBy(statusOrder, sql`${programs.name} collate nocase`, asc(programs.id))
    .all();
  return rows.map(({ design, delivery, evaluation, ...program }) => ({
    ...program,
    engagementsByStage: { design, delivery, evaluation } satisfies Record<Stage, number>,
  }));
}

/**
 * Adds a program. `creationKey` is a random UUID carried by the "add" form and used as the new
 * program's id, so the same form submitted twice (a double click, a resent request) returns the
 * program the first submission made instead of refusing its own name as a duplicate.
 */
export function createProgram(args: {
  organizationId: string;
  actorUserId: string;
  input: ProgramInput;
  creationKey?: string;
}) {
  return db.transaction((tx) => {
    const earlier = args.creationKey
      ? tx
          .select({ id: programs.id, organizationId: programs.organizationId })
          .from(programs)
          .where(eq(programs.id, args.creationKey))
          .get()
      : undefined;
    if (earlier && earlier.organizationId === args.organizationId) return earlier.id;
    assertNameFree(tx, args.organizationId, args.input.name);
    // A key that is already some other organization's id is never reused (nor reported).
    const id = args.creationKey && !earlier ? args.creationKey : randomUUID();
    tx.insert(programs)
      .values({ ...args.input, id, organizationId: args.organizationId })
      .run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "program.created",
      subjectType: "program",
      subjectId: id,
      changedFields: Object.entries(args.input)
        .filter(([, value]) => value != null)
        .map(([key]) => key),
    });
    return id;
  });
}

/**
 * Changes a program's name, description or status. `expectedVersion` is the `updatedAt` time the
 * form was loaded with: a save over someone else's newer change is refused, not silently lost.
 */
export function updateProgram(args: {
  organizationId: string;
  actorUserId: string;
  programId: string;
  input: ProgramInput;
  expectedVersion?: number;
}) {
  db.transaction((tx) => {
    const before = findProgramInOrganization(tx, args.organizationId, args.programId);
    if (args.expectedVersion !== undefined && before.updatedAt.getTime() !== args.expectedVersion) {
      throw new RuleError(null, STALE_PROGRAM_MESSAGE);
    }
    const changed = (Object.keys(args.input) as (keyof ProgramInput)[]).filter(
      (key) => (before[key] ?? null) !== (args.input[key] ?? null),
    );
    if (changed.length === 0) return;
    if (changed.includes("name")) assertNameFree(tx, args.organizationId, args.input.name, before.id);
    tx.update(programs)
      .set({ ...args.input, updatedAt: new Date() })
      .where(and(eq(programs.id, before.id), eq(programs.organizationId, args.organizationId)))
      .run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "program.updated",
      subjectType: "program",
      subjectId: before.id,
      changedFields: changed,
    });
  });
}

export type StageTotals = {
  /** Approved time only, in hundredths of an hour. */
  approvedHundredths: number;
  /** Fees of payments marked paid, in cents. */
  paidFeeCents: number;
  /** Reimbursed expenses of payments marked paid, in cents: never part of the fees. */
  paidExpensesCents: number;
};

/**
 * A program with its engagements grouped by stage (always all three stages, in order) and, per
 * stage, the approved hours and what was paid. Totals are summed in SQL from integer columns.
 */
export function getProgramWithStages(args: { organizationId: string; programId: string }) {
  const { organizationId } = args;
  const program = findProgramInOrganization(db, organizationId, args.programId);
  const inProgram = and(eq(engagements.organizationId, organizationId), eq(engagements.programId, program.id));

  const rows = db
    .select({
      id: engagements.id,
      stage: engagements.stage,
      title: engagements.title,
      status: engagements.status,
      level: engagements.level,
      startDate: engagements.startDate,
      consultantName: consultants.preferredName,
    })
    .from(engagements)
    .innerJoin(
      consultants,
      and(eq(consultants.id, engagements.consultantId), eq(consultants.organizationId, engagements.organizationId)),
    )
    .where(inProgram)
    // Dated work in date order, then work without dates; ties by title, then id so the order is stable.
    .orderBy(
      sql`${engagements.startDate} is null`,
      asc(engagements.startDate),
      sql`${engagements.title} collate nocase`,
      asc(engagements.id),
    )
    .all();

  // Two separate aggregates: joining time and payments in one query would multiply the rows.
  const hours = db
    .select({ stage: engagements.stage, hundredths: sql<number>`coalesce(sum(${timeEntries.hundredths}), 0)` })
    .from(timeEntries)
    .innerJoin(engagements, eq(engagements.id, timeEntries.engagementId))
    .where(and(inProgram, eq(timeEntries.organizationId, organizationId), countsAsApproved))
    .groupBy(engagements.stage)
    .all();
  const paid = db
    .select({
      stage: engagements.stage,
      feeCents: sql<number>`coalesce(sum(${payments.feeCents}), 0)`,
      expensesCents: sql<number>`coalesce(sum(${payments.expensesCents}), 0)`,
    })
    .from(payments)
    .innerJoin(engagements, eq(engagements.id, payments.engagementId))
    .where(and(inProgram, eq(payments.organizationId, organizationId), eq(payments.status, "paid")))
    .groupBy(engagements.stage)
    .all();

  const stages = STAGES.map((stage) => {
    const money = paid.find((p) => p.stage === stage);
    const totals: StageTotals = {
      approvedHundredths: hours.find((h) => h.stage === stage)?.hundredths ?? 0,
      paidFeeCents: money?.feeCents ?? 0,
      paidExpensesCents: money?.expensesCents ?? 0,
    };
    return {
      stage,
      engagements: rows.filter((r) => r.stage === stage).map(({ stage: _stage, ...engagement }) => engagement),
      totals,
    };
  });
  return { program, stages };
}
