// What staff may type about a program, shared by the pages (which run in the browser too) and the
// model. Kept out of *.server.ts files: the browser build leaves those out. Labels and messages are
// catalog keys (staff pages only).
import { z } from "zod";
import { PROGRAM_STATUSES } from "../../db/schema";
import { message } from "../i18n/message";
import { versionField } from "./consultant-schema";

export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

export const PROGRAM_STATUS_LABELS: Record<ProgramStatus, string> = {
  active: "staff:programs.status.active",
  paused: "staff:programs.status.paused",
  closed: "staff:programs.status.closed",
};

const tooLong = (max: number) => message("staff:programs.errors.maxChars", { max });

/** What staff may type about a program; the same rules for adding and editing. */
export const ProgramSchema = z.object({
  name: z
    .string({ error: "staff:programs.errors.name" })
    .trim()
    .min(1, "staff:programs.errors.name")
    .max(120, tooLong(120))
    // A name is one line: it appears in lists, menus and exports.
    .regex(/^[^\p{Cc}]*$/u, "staff:programs.errors.nameOneLine"),
  description: z
    .string()
    .trim()
    .max(2000, tooLong(2000))
    .optional()
    .transform((v) => (v ? v : null)),
  status: z.enum(PROGRAM_STATUSES, { error: "staff:programs.errors.status" }).default("active"),
});

export type ProgramInput = z.output<typeof ProgramSchema>;

export const NewProgramSchema = ProgramSchema.extend({ creationKey: z.uuid() });

export const EditProgramSchema = ProgramSchema.extend({ version: versionField });
