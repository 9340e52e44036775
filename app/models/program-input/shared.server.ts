// What the parts of "you said, we did" share: finding an item or a program inside the organization,
// and the words for what can happen next to an item, used by the refusals and by the item's page.
import { and, eq } from "drizzle-orm";
import { programInputs } from "../../../db/schema";
import type { Executor } from "../../utils/db.server";
import type { InputStatus } from "../../utils/program-input-options";
import { NotFoundError } from "../errors";
import { findProgramInOrganization } from "../program.server";

export const itemColumns = {
  id: programInputs.id,
  programId: programInputs.programId,
  consultantId: programInputs.consultantId,
  engagementId: programInputs.engagementId,
  stage: programInputs.stage,
  source: programInputs.source,
  kind: programInputs.kind,
  anonymous: programInputs.anonymous,
  summary: programInputs.summary,
  receivedOn: programInputs.receivedOn,
  status: programInputs.status,
  decision: programInputs.decision,
  response: programInputs.response,
  decidedOn: programInputs.decidedOn,
  reportedBackOn: programInputs.reportedBackOn,
  reportedBackHow: programInputs.reportedBackHow,
};

/**
 * Whether an item keeps the day it was received, so that days can be counted from it. An anonymous
 * idea keeps only the first day of its quarter (sendIdea): counted from there it would be "open 49
 * days" the day it came, and stretch the median time to report back. It counts among the items open
 * or reported back, never in how long they took.
 */
export const keepsItsReceivedDay = (item: { anonymous: boolean }) => !item.anonymous;

/** The same rule as a condition on program_inputs rows. */
export const keepsItsReceivedDayWhere = () => eq(programInputs.anonymous, false);

/** An item of this organization; any other id (another organization's included) is a 404. */
export function findItem(tx: Executor, organizationId: string, itemId: string) {
  const row = tx
    .select(itemColumns)
    .from(programInputs)
    .where(and(eq(programInputs.id, itemId), eq(programInputs.organizationId, organizationId)))
    .get();
  if (!row) throw new NotFoundError("staff:programInputs.errors.notFound");
  return row;
}

/** The program of the input pages, with only what they show; another organization's is a 404. */
export function findProgram(tx: Executor, organizationId: string, programId: string) {
  const { id, name, status } = findProgramInOrganization(tx, organizationId, programId);
  return { id, name, status };
}

/**
 * What can happen next from each state, in the words the refusal messages use: a catalog key (its
 * last part is the state, which the refusals' sentence names too).
 */
export function nextStepWords(item: { status: InputStatus; reportedBackOn?: string | null }): string {
  return `staff:programInputs.nextStep.${item.status}`;
}
