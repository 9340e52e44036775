// The choices of the availability form, in the consultant's words: catalog keys, translated where
// they are shown. Kept apart from the schema so a portal page can use them without bringing zod.
import type { AvailabilityState } from "../../db/schema";

export const AVAILABILITY_CHOICES: readonly (readonly [AvailabilityState, string])[] = [
  ["open", "portal:availability.states.open"],
  ["limited", "portal:availability.states.limited"],
  ["paused", "portal:availability.states.paused"],
];
