import { isoDayField } from "./validation";
import { message } from "~/i18n/message";
import { z } from "zod";

// Forms of the uses register (staff). Shared by the route actions and their tests. Messages are
// catalog keys, translated where they are shown.

const optionalDay = isoDayField().optional();

const maxChars = (max: number) => message("staff:consentUses.errors.maxChars", { max });

const overrideReason = z.string().trim().max(1000, maxChars(1000)).optional();

const WHAT = "staff:consentUses.errors.what";
const WHERE = "staff:consentUses.errors.where";

export const RecordUseSchema = z.object({
  creationKey: z.uuid(),
  consultantId: z.string({ error: "staff:consentUses.errors.chooseConsultant" }).max(100),
  purposeId: z.string({ error: "staff:consentUses.errors.choosePurpose" }).max(100),
  description: z.string({ error: WHAT }).trim().min(1, WHAT).max(200, maxChars(200)),
  place: z.string({ error: WHERE }).trim().min(1, WHERE).max(200, maxChars(200)),
  useDate: optionalDay,
  reference: z.string().trim().max(300, maxChars(300)).optional(),
  status: z.enum(["planned", "published"], { error: "staff:consentUses.errors.chooseStatus" }),
  overrideReason,
});

export const ResolveFlagSchema = z.object({
  intent: z.literal("resolve"),
  actionTaken: z.enum(["taken_down", "stopped", "not_retrievable", "other"], {
    error: "staff:consentUses.errors.chooseAction",
  }),
  actionNote: z.string().trim().max(1000, maxChars(1000)).optional(),
});

export const ChangeUseStatusSchema = z.object({
  intent: z.literal("status"),
  status: z.enum(["published", "ended"], { error: "staff:consentUses.errors.chooseNewStatus" }),
  overrideReason,
});

export const UseActionSchema = z.discriminatedUnion("intent", [ResolveFlagSchema, ChangeUseStatusSchema]);
