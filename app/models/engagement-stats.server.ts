// Figures about engagements, hours and pay over a period: what the staff dashboard and the funder
// report both show. Read-only; every figure is summed in SQL from integer columns and scoped to
// one organization (and, when chosen, one program).
//
// How the period is counted, said once here and on the pages:
// - an engagement belongs to the period its start date falls in (its creation date when it has no
//   start date yet); cancelled engagements are left out;
// - hours are approved time whose work date falls in the period;
// - pay is the fees of payments marked paid with a paid date in the period (expenses apart).
import { and, count, countDistinct, eq, gte, inArray, lte, ne, sql } from "drizzle-orm";
import { ENGAGEMENT_LEVELS, engagements, payments, programs, STAGES, timeEntries, type Stage } from "../../db/schema";
import { db } from "../utils/db.server";
import { isBelowFairRate } from "../utils/money";
import { parsePeriodQuery, yearBefore, type Period } from "../utils/period";
import { medianDays } from "./program-input/staff-views.server";
import { getOrganizationSettings } from "./engagement/pay-settings.server";
import { unpaidWorkDueIn } from "./payment/overdue.server";
import { paidByDueDate, paymentOverdue } from "./payment/due.server";
import { organizationToday } from "./settings.server";
import { countsAsApproved } from "./time/reads.server";

type Level = (typeof ENGAGEMENT_LEVELS)[number];

export type MixRow = { engagements: number; hundredths: number; feeCents: number; expensesCents: number };
export type EngagementMix = {
  total: MixRow;
  byStage: ({ stage: Stage } & MixRow)[];
  byLevel: ({ level: Level } & MixRow)[];
  consultantsEngaged: number;
};

const emptyRow = (): MixRow => ({ engagements: 0, hundredths: 0, feeCents: 0, expensesCents: 0 });

/** The day an engagement counts on: its start date, or the day it was recorded. */
const engagementDay = sql<string>`coalesce(${engagements.startDate}, date(${engagements.createdAt} / 1000, 'unixepoch'))`;

function inScope(organizationId: string, programId?: string) {
  return and(
    eq(engagements.organizationId, organizationId),
    programId ? eq(engagements.programId, programId) : undefined,
  )!;
}

/**
 * Payments of one program's engagements, or every payment (no condition) without a program: then
 * nothing needs joining, which matters when an organization has hundreds of thousands of them.
 */
function ofProgram(organizationId: string, programId: string | undefined) {
  return programId
    ? inArray(
        payments.engagementId,
        db
          .select({ id: engagements.id })
          .from(engagements)
          .where(and(eq(engagements.organizationId, organizationId), eq(engagements.programId, programId))),
      )
    : undefined;
}

/** The organization's own program, or undefined: a program id from an address is only a candidate. */
export function ownProgramId(organizationId: string, programId: string | undefined) {
  if (!programId) return undefined;
  return db
    .select({ id: programs.id })
    .from(programs)
    .where(and(eq(programs.organizationId, organizationId), eq(programs.id, programId)))
    .get()?.id;
}

/** Engagements that count in a period: not cancelled, and starting (or recorded) in it. */
function engagedInPeriod(organizationId: string, period: Period) {
  return and(
    inScope(organizationId, period.programId),
    ne(engagements.status, "cancelled"),
    gte(engagementDay, period.from),
    lte(engagementDay, period.to),
  );
}

/** The consultants with an engagement counted in the period: the people `consultantsEngaged` counts. */
export function engagedConsultantIds(organizationId: string, period: Period) {
  return db
    .selectDistinct({ id: engagements.consultantId })
    .from(engagements)
    .where(engagedInPeriod(organizationId, period))
    .all()
    .map((r) => r.id);
}

/** Payments marked paid with a paid date in the period: what "pay in the period" means everywhere. */
function paidInPeriod(organizationId: string, period: Period) {
  return and(
    eq(payments.organizationId, organizationId),
    eq(payments.status, "paid"),
    gte(payments.paidDate, period.from),
    lte(payments.paidDate, period.to),
  );
}

/** Engagements, approved hours and pay in a period, by stage and by engagement level. */
export function engagementMix(organizationId: string, period: Period): EngagementMix {
  const scope = inScope(organizationId, period.programId);
  const engaged = engagedInPeriod(organizationId, period);
  const counts = db
    .select({ stage: engagements.stage, level: engagements.level, n: count() })
    .from(engagements)
    .where(engaged)
    .groupBy(engagements.stage, engagements.level)
    .all();
  const people = consultantsTakingPart(organizationId, period);
  // Separate aggregates: joining time and payments in one query would multiply the rows.
  const hours = db
    .select({
      stage: engagements.stage,
      level: engagements.level,
      hundredths: sql<number>`coalesce(sum(${timeEntries.hundredths}), 0)`,
    })
    .from(timeEntries)
    .innerJoin(engagements, eq(engagements.id, timeEntries.engagementId))
    .where(
      and(
        scope,
        eq(timeEntries.organizationId, organizationId),
        gte(timeEntries.workDate, period.from),
        lte(timeEntries.workDate, period.to),
        countsAsApproved,
      ),
    )
    .groupBy(engagements.stage, engagements.level)
    .all();
  const paid = db
    .select({
      stage: engagements.stage,
      level: engagements.level,
      feeCents: sql<number>`coalesce(sum(${payments.feeCents}), 0)`,
      expensesCents: sql<number>`coalesce(sum(${payments.expensesCents}), 0)`,
    })
    .from(payments)
    .innerJoin(engagements, eq(engagements.id, payments.engagementId))
    .where(and(scope, paidInPeriod(organizationId, period)))
    .groupBy(engagements.stage, engagements.level)
    .all();

  const byStage = new Map(STAGES.map((stage) => [stage, emptyRow()]));
  const byLevel = new Map(ENGAGEMENT_LEVELS.map((level) => [level, emptyRow()]));
  const total = emptyRow();
  const add = (row: { stage: Stage; level: Level }, field: keyof MixRow, value: number) => {
    byStage.get(row.stage)![field] += value;
    byLevel.get(row.level)![field] += value;
    total[field] += value;
  };
  for (const c of counts) add(c, "engagements", c.n);
  for (const h of hours) add(h, "hundredths", h.hundredths);
  for (const p of paid) {
    add(p, "feeCents", p.feeCents);
    add(p, "expensesCents", p.expensesCents);
  }
  return {
    total,
    byStage: STAGES.map((stage) => ({ stage, ...byStage.get(stage)! })),
    byLevel: ENGAGEMENT_LEVELS.map((level) => ({ level, ...byLevel.get(level)! })),
    consultantsEngaged: people,
  };
}

export type BreadthCell = { stage: Stage; consultants: number; engagements: number };

/**
 * How broad is survivor input? For the engagements the period counts (as engagementMix counts them),
 * how many different consultants took part in each program at each stage, in each program at any
 * stage, and at each stage in any program: a consultant with three engagements counts once. Counts
 * of people only; nothing about who they are.
 */
export function breadthOfInput(organizationId: string, period: Period) {
  const engaged = engagedInPeriod(organizationId, period);
  const cells = db
    .select({
      programId: engagements.programId,
      programName: programs.name,
      stage: engagements.stage,
      consultants: countDistinct(engagements.consultantId),
      engagements: count(),
    })
    .from(engagements)
    .innerJoin(programs, and(eq(programs.id, engagements.programId), eq(programs.organizationId, organizationId)))
    .where(engaged)
    .groupBy(engagements.programId, programs.name, engagements.stage)
    .all();
  const perProgram = new Map(
    db
      .select({ programId: engagements.programId, consultants: countDistinct(engagements.consultantId) })
      .from(engagements)
      .where(engaged)
      .groupBy(engagements.programId)
      .all()
      .map((r) => [r.programId, r.consultants]),
  );
  const perStage = new Map(
    db
      .select({ stage: engagements.stage, consultants: countDistinct(engagements.consultantId), engagements: count() })
      .from(engagements)
      .where(engaged)
      .groupBy(engagements.stage)
      .all()
      .map((r) => [r.stage, r]),
  );
  const byProgram = new Map<string, { id: string; name: string; cells: BreadthCell[] }>();
  for (const c of cells) {
    const row = byProgram.get(c.programId) ?? { id: c.programId, name: c.programName, cells: [] };
    row.cells.push({ stage: c.stage, consultants: c.consultants, engagements: c.engagements });
    byProgram.set(c.programId, row);
  }
  const fill = (found: BreadthCell[]) =>
    STAGES.map((stage) => found.find((f) => f.stage === stage) ?? { stage, consultants: 0, engagements: 0 });
  return {
    programs: [...byProgram.values()]
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
      .map((p) => ({
        id: p.id,
        name: p.name,
        byStage: fill(p.cells),
        consultants: perProgram.get(p.id) ?? 0,
        engagements: p.cells.reduce((n, c) => n + c.engagements, 0),
      })),
    byStage: STAGES.map((stage) => ({
      stage,
      consultants: perStage.get(stage)?.consultants ?? 0,
      engagements: perStage.get(stage)?.engagements ?? 0,
    })),
    consultants: consultantsTakingPart(organizationId, period),
  };
}
export type BreadthOfInput = ReturnType<typeof breadthOfInput>;

/** Different consultants with an engagement counted in the period, whatever the program or stage. */
function consultantsTakingPart(organizationId: string, period: Period) {
  return (
    db
      .select({ n: countDistinct(engagements.consultantId) })
      .from(engagements)
      .where(engagedInPeriod(organizationId, period))
      .get()?.n ?? 0
  );
}

/** The period's mix beside the same dates a year earlier. */
export function engagementMixYearOnYear(organizationId: string, period: Period) {
  const previousPeriod = yearBefore(period);
  return {
    current: engagementMix(organizationId, period),
    previous: engagementMix(organizationId, previousPeriod),
    previousPeriod,
  };
}

/** Share of engagements (not cancelled) at design or evaluation: null with none, never 0/0. */
export function shapingShare(mix: EngagementMix) {
  if (mix.total.engagements === 0) return null;
  const shaping = mix.byStage.filter((s) => s.stage !== "delivery").reduce((n, s) => n + s.engagements, 0);
  return shaping / mix.total.engagements;
}

/**
 * Are we paying fairly and on time? For payments paid in the period: the median days from the
 * work being completed to the payment (from the payment being recorded when the work has no
 * completion date) and how many were paid by their due date. Open payments due in the period and
 * still unpaid today are overdue, unless the consultant chose to defer or decline them, and so is
 * completed work due in the period with a fee owed and no payment recorded at all. Engagements
 * of the period paying below the organization's fair hourly rate, and payments waiting for an
 * admin's approval now.
 */
export function payTimeliness(organizationId: string, period: Period, today = organizationToday(organizationId)) {
  const scope = inScope(organizationId, period.programId);
  const paidRows = db
    .select({
      // SQLite's own calendar maths on ISO days: whole days, time of day never matters. A payment
      // made before the work was marked complete (an advance) counts as paid at once.
      days: sql<number>`max(0, cast(julianday(${payments.paidDate}) - julianday(coalesce(
        date(${engagements.completedAt} / 1000, 'unixepoch'), date(${payments.createdAt} / 1000, 'unixepoch'))) as integer))`,
      onTime: paidByDueDate,
    })
    .from(payments)
    .innerJoin(engagements, eq(engagements.id, payments.engagementId))
    .where(and(scope, paidInPeriod(organizationId, period)))
    .all();
  const overdue = db
    .select({ n: count(), feeCents: sql<number>`coalesce(sum(${payments.feeCents}), 0)` })
    .from(payments)
    .where(
      and(
        ofProgram(organizationId, period.programId),
        eq(payments.organizationId, organizationId),
        paymentOverdue(today),
        gte(payments.dueDate, period.from),
        lte(payments.dueDate, period.to),
      ),
    )
    .get()!;
  const unpaidWork = unpaidWorkDueIn(organizationId, period, today);
  const awaitingApproval =
    db
      .select({ n: count() })
      .from(payments)
      .where(
        and(
          ofProgram(organizationId, period.programId),
          eq(payments.organizationId, organizationId),
          eq(payments.status, "pending"),
        ),
      )
      .get()?.n ?? 0;

  const fair = getOrganizationSettings(organizationId).defaultHourlyRateCents;
  const terms = db
    .select({
      rateKind: engagements.rateKind,
      rateCents: engagements.rateCents,
      estimatedHundredths: engagements.estimatedHundredths,
    })
    .from(engagements)
    .where(engagedInPeriod(organizationId, period))
    .all();
  const paidOnTime = paidRows.filter((r) => r.onTime).length;
  return {
    paidCount: paidRows.length,
    medianDaysToPay: medianDays(paidRows.map((r) => r.days)),
    paidOnTime,
    onTimeRate: paidRows.length === 0 ? null : paidOnTime / paidRows.length,
    // Completed work with no payment recorded counts as overdue too, its fee as owed.
    overdueCount: overdue.n + unpaidWork.count,
    overdueFeeCents: overdue.feeCents + unpaidWork.feeCents,
    unpaidWorkCount: unpaidWork.count,
    belowFairRate: terms.filter((t) => isBelowFairRate(t, fair) === true).length,
    fairRateUnknown: terms.filter((t) => isBelowFairRate(t, fair) === null).length,
    fairHourlyCents: fair,
    awaitingApproval,
  };
}
export type PayTimeliness = ReturnType<typeof payTimeliness>;

/** The organization's programs for a filter, by name. */
export function programOptions(organizationId: string) {
  return db
    .select({ id: programs.id, name: programs.name })
    .from(programs)
    .where(eq(programs.organizationId, organizationId))
    .orderBy(sql`${programs.name} collate nocase`, programs.id)
    .all();
}

export const PROGRAM_ERROR = "staff:charts.period.errors.program";

/**
 * The period and program a dashboard or report is about, read from its address. A program id is
 * only a candidate until it is found among the organization's own programs; anything else is
 * reported next to the field and every program is shown.
 */
export function periodFromAddress(organizationId: string, searchParams: URLSearchParams, today: string) {
  const { period, typed, errors } = parsePeriodQuery(searchParams, today);
  const programId = ownProgramId(organizationId, period.programId);
  return {
    period: { ...period, programId },
    typed,
    errors: { ...errors, program: typed.program.trim() && !programId ? PROGRAM_ERROR : undefined },
  };
}
