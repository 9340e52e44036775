// What staff may type about a program, shared by the pages (which run in the browser too) and the
// model. Kept out of *.server.ts files: the browser build leaves those out.
import { z } from "zod";
import { PROGRAM_STATUSES } from "../../db/schema";
import { versionField } from "./consultant-schema";

export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

export const PROGRAM_STATUS_LABELS: Record<ProgramStatus, string> = {
  active: "Active",
  paused: "Paused",
  closed: "Closed",
};

/** What staff may type about a program; the same rules for adding and editing. */
export const ProgramSchema = z.object({
  name: z
    .string({ error: "Give the program a name." })
    .trim()
    .min(1, "Give the program a name.")
    .max(120, "Use no more than 120 characters.")
    // A name is one line: it appears in lists, menus and exports.
    .regex(/^[^\p{Cc}]*$/u, "Keep the name on one line, without tabs or line breaks."),
  description: z
    .string()
    .trim()
    .max(2000, "Use no more than 2,000 characters.")
    .optional()
    .transform((v) => (v ? v : null)),
  status: z.enum(PROGRAM_STATUSES, { error: "Choose active, paused or closed." }).default("active"),
});

export type ProgramInput = z.output<typeof ProgramSchema>;

export const NewProgramSchema = ProgramSchema.extend({ creationKey: z.uuid() });

export const EditProgramSchema = ProgramSchema.extend({ version: versionField });
