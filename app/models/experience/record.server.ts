// A consultant's record of experience: the work they did with the organization as a letter states
// it (roles, stages, kinds of activity, hours and dates), built from their engagements and approved
// time. Pay and the organization's name are in it only when the consultant chooses. Titles, programs
// and notes never are: they may name the organization or its mission, which is the consultant's to
// disclose or not.
import { and, eq, inArray, sql } from "drizzle-orm";
import {
  activityTypes,
  consultants,
  engagements,
  organizations,
  payments,
  timeEntries,
  type ExperienceStatement,
  type ExperienceWork,
} from "../../../db/schema";
import type { Executor } from "../../utils/db.server";
import { NotFoundError } from "../errors";
import { countsAsApproved } from "../time/reads.server";

export type ExperienceChoices = { includePay: boolean; includeOrganization: boolean };

export const NO_CHOICES: ExperienceChoices = { includePay: false, includeOrganization: false };

/** Work counts as experience once it is done or some of its time is approved: an offer alone is not. */
function countsAsExperience(status: string, approvedHundredths: number) {
  return status === "completed" || approvedHundredths > 0;
}

const laterFirst = (a: ExperienceWork, b: ExperienceWork) =>
  (b.lastDay ?? b.firstDay ?? "").localeCompare(a.lastDay ?? a.firstDay ?? "") ||
  (b.firstDay ?? "").localeCompare(a.firstDay ?? "");

/**
 * What a letter for this consultant would state today, with their choices. Only this consultant's
 * engagements in this organization are read; a consultant of another organization is a 404.
 */
export function experienceStatement(
  tx: Executor,
  organizationId: string,
  consultantId: string,
  choices: ExperienceChoices,
): ExperienceStatement {
  const consultant = tx
    .select({ name: consultants.preferredName, organizationName: organizations.name })
    .from(consultants)
    .innerJoin(organizations, eq(organizations.id, consultants.organizationId))
    .where(and(eq(consultants.id, consultantId), eq(consultants.organizationId, organizationId)))
    .get();
  if (!consultant) throw new NotFoundError("common:experience.notFound");
  const theirs = and(eq(engagements.organizationId, organizationId), eq(engagements.consultantId, consultantId));
  const rows = tx
    .select({
      id: engagements.id,
      stage: engagements.stage,
      role: engagements.role,
      status: engagements.status,
      startDate: engagements.startDate,
      endDate: engagements.endDate,
      activity: activityTypes.label,
    })
    .from(engagements)
    .leftJoin(activityTypes, eq(activityTypes.id, engagements.activityTypeId))
    .where(theirs)
    .all();
  const theirIds = tx.select({ id: engagements.id }).from(engagements).where(theirs);
  const time = new Map(
    tx
      .select({
        engagementId: timeEntries.engagementId,
        hundredths: sql<number>`coalesce(sum(${timeEntries.hundredths}), 0)`,
        firstDay: sql<string>`min(${timeEntries.workDate})`,
        lastDay: sql<string>`max(${timeEntries.workDate})`,
      })
      .from(timeEntries)
      .where(
        and(
          eq(timeEntries.organizationId, organizationId),
          inArray(timeEntries.engagementId, theirIds),
          countsAsApproved,
        ),
      )
      .groupBy(timeEntries.engagementId)
      .all()
      .map((r) => [r.engagementId, r] as const),
  );
  // Fees actually paid: expenses are reimbursements, not pay, and a payment not yet made is not pay.
  const paid = choices.includePay
    ? new Map(
        tx
          .select({
            engagementId: payments.engagementId,
            cents: sql<number>`coalesce(sum(${payments.feeCents}), 0)`,
          })
          .from(payments)
          .where(
            and(
              eq(payments.organizationId, organizationId),
              eq(payments.consultantId, consultantId),
              eq(payments.status, "paid"),
            ),
          )
          .groupBy(payments.engagementId)
          .all()
          .map((r) => [r.engagementId, r.cents] as const),
      )
    : null;
  const work = rows
    .filter((row) => countsAsExperience(row.status, time.get(row.id)?.hundredths ?? 0))
    .map((row): ExperienceWork => {
      const logged = time.get(row.id);
      return {
        role: row.role?.trim() || null,
        stage: row.stage,
        activity: row.activity,
        firstDay: logged?.firstDay ?? row.startDate,
        lastDay: logged?.lastDay ?? row.endDate ?? row.startDate,
        hundredths: logged?.hundredths ?? 0,
        paidCents: paid ? (paid.get(row.id) ?? 0) : null,
      };
    })
    .sort(laterFirst);
  const days = work
    .flatMap((w) => [w.firstDay, w.lastDay])
    .filter((d): d is string => Boolean(d))
    .sort();
  return {
    consultantName: consultant.name,
    organizationName: choices.includeOrganization ? consultant.organizationName : null,
    work,
    totalHundredths: work.reduce((sum, w) => sum + w.hundredths, 0),
    firstDay: days[0] ?? null,
    lastDay: days.at(-1) ?? null,
    paidCents: paid ? work.reduce((sum, w) => sum + (w.paidCents ?? 0), 0) : null,
  };
}
