import { z } from "zod";
import { LANGUAGES } from "~/i18n/config";

/** The language switch: a language code (checked against the offered ones by the route) and where to go back to. */
export const LanguageSchema = z.object({
  language: z
    .string({ error: "common:language.choose" })
    .trim()
    .min(2, "common:language.choose")
    .max(12, "common:language.choose"),
  returnTo: z.string().max(2000).optional(),
});

/**
 * A signed-in person's own language: one the app offers, or none to follow their browser. The form
 * names itself (`intent`), so an empty post is refused rather than read as "follow my browser".
 */
export const OwnLanguageSchema = z.object({
  intent: z.literal("language"),
  language: z
    .enum([...LANGUAGES] as [string, ...string[]], { error: "common:language.choose" })
    .optional()
    .transform((v) => v ?? null),
});
