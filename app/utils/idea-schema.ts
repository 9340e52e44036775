// What a consultant may send from the portal's "Ideas" page: a new idea or concern, "I have read the
// answer", or a receipt code to follow an anonymous idea. Imported only by the route's action, so zod
// stays out of the portal's browser bundle. Messages are catalog keys, shown next to their field.
import { z } from "zod";
import { IDEA_KINDS } from "../../db/schema";
import { INPUT_TEXT_MAX } from "./program-input-options";

/** A form from an old page or missing a hidden field: nothing the person typed can fix it. */
const RELOAD = "portal:ideas.errors.reload";

export const SendIdeaSchema = z.object({
  intent: z.literal("send"),
  creationKey: z.uuid({ error: RELOAD }),
  kind: z.enum(IDEA_KINDS, { error: "portal:ideas.errors.kind" }),
  about: z.string({ error: "portal:ideas.errors.about" }).trim().min(1, "portal:ideas.errors.about").max(100),
  summary: z
    .string({ error: "portal:ideas.errors.summary" })
    .trim()
    .min(1, "portal:ideas.errors.summary")
    .max(INPUT_TEXT_MAX, "portal:ideas.errors.tooLong"),
  who: z.enum(["named", "anonymous"], { error: "portal:ideas.errors.who" }),
});

export const AnswerReadSchema = z.object({
  intent: z.literal("read"),
  itemId: z.string({ error: RELOAD }).trim().min(1, RELOAD).max(100, RELOAD),
});

export const FollowIdeaSchema = z.object({
  intent: z.literal("follow"),
  // Spaces and dashes are allowed as typed; the model reads only the letters and digits.
  code: z
    .string({ error: "portal:ideas.errors.code" })
    .trim()
    .min(1, "portal:ideas.errors.code")
    .max(40, "portal:ideas.errors.code"),
});

export const IdeasActionSchema = z.discriminatedUnion("intent", [SendIdeaSchema, AnswerReadSchema, FollowIdeaSchema]);
