import { isoDayField } from "./validation";
import { z } from "zod";
import { TIME_KINDS } from "../../db/schema";
import { MAX_AMOUNT_LENGTH, parseHoursToHundredths } from "./money";

// Shared by the portal's "Log my time" form and the staff time page. Messages and labels are catalog
// keys (common namespace, block "timeRules"): the page translates them for its reader.
export const HOURS_RANGE_MESSAGE = "common:timeRules.hoursRange";
export const MAX_HUNDREDTHS_PER_DAY = 2400;
const HOURS_FORMAT_MESSAGE = "common:timeRules.hoursFormat";

export const TIME_KIND_LABELS = {
  preparation: "common:timeRules.kinds.preparation",
  session: "common:timeRules.kinds.session",
  travel: "common:timeRules.kinds.travel",
  debrief: "common:timeRules.kinds.debrief",
  other: "common:timeRules.kinds.other",
} as const satisfies Record<(typeof TIME_KINDS)[number], string>;

export const TIME_STATUS_LABELS = {
  submitted: "common:timeRules.status.submitted",
  approved: "common:timeRules.status.approved",
} as const;

export const TimeEntrySchema = z.object({
  workDate: isoDayField("common:timeRules.dateMissing"),
  hours: z
    .string({ error: HOURS_RANGE_MESSAGE })
    .max(MAX_AMOUNT_LENGTH, HOURS_FORMAT_MESSAGE)
    .transform((v, ctx) => {
      const text = v.trim();
      // "-2" is a number, just not an allowed one: say what is allowed.
      if (/^-/.test(text)) {
        ctx.addIssue({ code: "custom", message: HOURS_RANGE_MESSAGE });
        return z.NEVER;
      }
      const hundredths = parseHoursToHundredths(text);
      if (hundredths === null) {
        ctx.addIssue({ code: "custom", message: HOURS_FORMAT_MESSAGE });
        return z.NEVER;
      }
      if (hundredths <= 0 || hundredths > MAX_HUNDREDTHS_PER_DAY) {
        ctx.addIssue({ code: "custom", message: HOURS_RANGE_MESSAGE });
        return z.NEVER;
      }
      return hundredths;
    }),
  kind: z.enum(TIME_KINDS, { error: "common:timeRules.kindMissing" }),
  note: z
    .string()
    .trim()
    .max(500, "common:timeRules.noteTooLong")
    .optional()
    .transform((v) => (v ? v : null)),
  correctsEntryId: z
    .string()
    .max(100)
    .optional()
    .transform((v) => (v ? v : null)),
  // A fresh key with each form, so the same submission sent twice logs the time once.
  creationKey: z.uuid({ error: "common:timeRules.reload" }),
});

export type TimeEntryFormInput = z.output<typeof TimeEntrySchema>;

// The portal offers no corrections: an approved entry that is wrong is fixed by the team.
export const PortalLogTimeSchema = TimeEntrySchema.omit({ correctsEntryId: true });

/** Approving or removing one time entry. */
export const TimeEntryIdSchema = z.object({ entryId: z.string().min(1).max(100) });

export const ApproveAllSchema = z.object({
  entryIds: z.array(z.string().min(1).max(100), { error: "common:timeRules.nothingWaiting" }).min(1).max(500),
});

/** The forms of the staff time page. */
export const StaffTimeIntentSchema = z.object({
  intent: z.enum(["log-time", "approve", "approve-all", "remove-time"], {
    error: "common:timeRules.missingReload",
  }),
});
