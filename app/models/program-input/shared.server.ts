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
  summary: programInputs.summary,
  receivedOn: programInputs.receivedOn,
  status: programInputs.status,
  decision: programInputs.decision,
  response: programInputs.response,
  decidedOn: programInputs.decidedOn,
  reportedBackOn: programInputs.reportedBackOn,
  reportedBackHow: programInputs.reportedBackHow,
};

/** An item of this organization; any other id (another organization's included) is a 404. */
export function findItem(tx: Executor, organizationId: string, itemId: string) {
  const row = tx
    .select(itemColumns)
    .from(programInputs)
    .where(and(eq(programInputs.id, itemId), eq(programInputs.organizationId, organizationId)))
    .get();
  if (!row) throw new NotFoundError("We could not find that input item.");
  return row;
}

/** The program of the input pages, with only what they show; another organization's is a 404. */
export function findProgram(tx: Executor, organizationId: string, programId: string) {
  const { id, name, status } = findProgramInOrganization(tx, organizationId, programId);
  return { id, name, status };
}

/** What can happen next from each state, in the words the refusal messages use. */
export function nextStepWords(item: { status: InputStatus; reportedBackOn?: string | null }): string {
  switch (item.status) {
    case "received":
      return "What can happen next: start the review, or record the decision.";
    case "under_review":
      return "What can happen next: record the decision (adopted, partly adopted or not adopted) with a response.";
    case "adopted":
    case "partly_adopted":
    case "not_adopted":
      return "What can happen next: report back to the consultant, with the day and how you told them.";
    case "reported_back":
      return "This item is closed: it has been reported back. Nothing more needs to happen.";
  }
}
