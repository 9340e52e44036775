import { isoDayField } from "./validation";
import { z } from "zod";

// Forms of the uses register (staff). Shared by the route actions and their tests.

const optionalDay = isoDayField().optional();

const overrideReason = z.string().trim().max(1000, "Use no more than 1000 characters.").optional();

export const RecordUseSchema = z.object({
  creationKey: z.uuid(),
  consultantId: z.string({ error: "Choose the consultant." }).max(100),
  purposeId: z.string({ error: "Choose what it is used for." }).max(100),
  description: z
    .string({ error: "Write what the use is, for example “quote in the annual report”." })
    .trim()
    .min(1, "Write what the use is, for example “quote in the annual report”.")
    .max(200, "Use no more than 200 characters."),
  place: z
    .string({ error: "Write where it appears, for example “website” or “gala slides”." })
    .trim()
    .min(1, "Write where it appears, for example “website” or “gala slides”.")
    .max(200, "Use no more than 200 characters."),
  useDate: optionalDay,
  reference: z.string().trim().max(300, "Use no more than 300 characters.").optional(),
  status: z.enum(["planned", "published"], { error: "Choose planned or published." }),
  overrideReason,
});

export const ResolveFlagSchema = z.object({
  intent: z.literal("resolve"),
  actionTaken: z.enum(["taken_down", "stopped", "not_retrievable", "other"], { error: "Choose what was done." }),
  actionNote: z.string().trim().max(1000, "Use no more than 1000 characters.").optional(),
});

export const ChangeUseStatusSchema = z.object({
  intent: z.literal("status"),
  status: z.enum(["published", "ended"], { error: "Choose the new status." }),
  overrideReason,
});

export const UseActionSchema = z.discriminatedUnion("intent", [ResolveFlagSchema, ChangeUseStatusSchema]);
