// The portal's capacity forms read on the server only: the pages stay light on a phone (zod never
// reaches the browser), and the forms work without JavaScript.
import { parseWithZod } from "@conform-to/zod/v4";
import { AvailabilitySchema, CheckInSchema, PayLimitSchema } from "./capacity-schema";

export function parseAvailabilityForm(form: FormData) {
  return parseWithZod(form, { schema: AvailabilitySchema });
}

export function parsePayLimitForm(form: FormData) {
  return parseWithZod(form, { schema: PayLimitSchema });
}

export function parseCheckInForm(form: FormData) {
  return parseWithZod(form, { schema: CheckInSchema });
}
