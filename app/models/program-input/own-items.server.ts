// The consultant's own "you said, we did" items, for the portal: what they said and what the
// organization did with it, in the consultant's words.
import { and, asc, desc, eq } from "drizzle-orm";
import { programInputs, programs } from "../../../db/schema";
import { db } from "../../utils/db.server";
import { isDecided, portalStatusWords } from "../../utils/program-input-options";

/**
 * My input items for the portal: what staff wrote down from me (ideas I sent from the portal myself
 * are on my ideas page, consultant-ideas.server.ts). `consultantId` is the signed-in person's own record, found from
 * the session by the route, never from a form or an address. Only what the consultant should
 * read: no staff names, no internal ids beyond the item's own, and the organization's response
 * only once a decision has been made.
 */
export function listOwnInputItems(organizationId: string, consultantId: string) {
  const rows = db
    .select({
      id: programInputs.id,
      summary: programInputs.summary,
      programName: programs.name,
      stage: programInputs.stage,
      receivedOn: programInputs.receivedOn,
      status: programInputs.status,
      decision: programInputs.decision,
      response: programInputs.response,
      decidedOn: programInputs.decidedOn,
      reportedBackOn: programInputs.reportedBackOn,
      reportedBackHow: programInputs.reportedBackHow,
    })
    .from(programInputs)
    .innerJoin(
      programs,
      and(eq(programs.id, programInputs.programId), eq(programs.organizationId, programInputs.organizationId)),
    )
    .where(
      and(
        eq(programInputs.organizationId, organizationId),
        eq(programInputs.consultantId, consultantId),
        eq(programInputs.source, "staff"),
      ),
    )
    .orderBy(desc(programInputs.receivedOn), desc(programInputs.createdAt), asc(programInputs.id))
    .all();
  return rows.map((row) => {
    const decided = isDecided(row.status) || row.status === "reported_back";
    return {
      id: row.id,
      summary: row.summary,
      programName: row.programName,
      stage: row.stage,
      receivedOn: row.receivedOn,
      status: row.status,
      statusWords: portalStatusWords(row.status, row.decision),
      decision: decided ? row.decision : null,
      response: decided ? row.response : null,
      decidedOn: decided ? row.decidedOn : null,
      reportedBackOn: row.status === "reported_back" ? row.reportedBackOn : null,
      reportedBackHow: row.status === "reported_back" ? row.reportedBackHow : null,
    };
  });
}
export type OwnInputItem = ReturnType<typeof listOwnInputItems>[number];
