import { z } from "zod";

/** The language switch: a language code (checked against the offered ones by the route) and where to go back to. */
export const LanguageSchema = z.object({
  language: z
    .string({ error: "common:language.choose" })
    .trim()
    .min(2, "common:language.choose")
    .max(12, "common:language.choose"),
  returnTo: z.string().max(2000).optional(),
});
