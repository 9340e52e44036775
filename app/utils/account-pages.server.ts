// The two account pages that staff (/account/...) and consultants (/portal/...) share: two-step
// sign-in and signed-in devices. Each route checks its own roles, then hands over to these.
import { data, redirect } from "@remix-run/node";
import {
  cancelTwoFactorSetup,
  replaceRecoveryCodes,
  startTwoFactorSetup,
  turnOffTwoFactor,
  twoFactorSetupDetails,
  twoFactorStatus,
  confirmTwoFactorSetup,
  type ReauthFailure,
} from "../models/two-factor/setup.server";
import { endOtherSessionsOf, endOwnSession, listSessionsOf } from "./auth/devices.server";
import { type MembershipContext } from "./auth/guards.server";
import { readForm } from "./form-data.server";
import { SessionsActionSchema, TwoStepActionSchema } from "./account-schema";
import { message } from "~/i18n/message";

// Nothing on these pages may stay in a browser's cache: recovery codes, a setup key.
export const NO_STORE = { "Cache-Control": "no-store" };

export type TwoStepActionResult = {
  intent: string;
  errors?: { code?: string; password?: string; form?: string };
  recoveryCodes?: string[];
};

// Messages are catalog keys, shown in the reader's language by the page.
function lockedMessage(until: Date) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return message("common:twoStepSettings.errors.locked", { count: minutes });
}

const CODE_MESSAGE: Record<"start" | "confirm" | "new-codes" | "turn-off", string> = {
  start: "",
  confirm: "common:twoStepSettings.errors.confirmCode",
  "new-codes": "common:twoStepSettings.errors.newCodesCode",
  "turn-off": "common:twoStepSettings.errors.turnOffCode",
};

/** The errors to show for a refused change: next to the password, the code, or for the whole form. */
function reauthErrors(intent: keyof typeof CODE_MESSAGE, failure: ReauthFailure): TwoStepActionResult["errors"] {
  if (failure.reason === "locked") return { form: lockedMessage(failure.until) };
  if (failure.reason === "password") return { password: "common:twoStepSettings.errors.wrongPassword" };
  return { code: CODE_MESSAGE[intent] };
}

export async function twoStepPageData(ctx: MembershipContext, issuer: string) {
  const status = twoFactorStatus(ctx.user.id, ctx.sessionId);
  const setup =
    status.state === "setting-up"
      ? await twoFactorSetupDetails({
          userId: ctx.user.id,
          sessionId: ctx.sessionId,
          accountName: ctx.user.email,
          issuer,
        })
      : null;
  return data({ ...status, setup }, { headers: NO_STORE });
}

/** Handles the forms of the two-step page; `pagePath` is where a redirect lands. */
export async function twoStepAction(request: Request, ctx: MembershipContext, ip: string, pagePath: string) {
  const form = Object.fromEntries(await readForm(request));
  const parsed = TwoStepActionSchema.safeParse(form);
  const scope = { userId: ctx.user.id, organizationId: ctx.membership.organizationId };
  const reply = (result: TwoStepActionResult, status = 400) => data(result, { status, headers: NO_STORE });
  if (!parsed.success) {
    const intent = typeof form.intent === "string" ? form.intent.slice(0, 20) : "";
    const issueOf = (field: string) => parsed.error.issues.find((i) => i.path[0] === field)?.message;
    const errors = { code: issueOf("code"), password: issueOf("password") };
    return reply({
      intent,
      errors: errors.code || errors.password ? errors : { form: "common:twoStepSettings.errors.missing" },
    });
  }
  const value = parsed.data;
  if (value.intent === "cancel") {
    cancelTwoFactorSetup(scope);
    return redirect(`${pagePath}?done=cancelled`);
  }
  const refused = (failure: ReauthFailure) =>
    reply(
      { intent: value.intent, errors: reauthErrors(value.intent, failure) },
      failure.reason === "locked" ? 429 : 400,
    );
  const self = { ...scope, currentSessionId: ctx.sessionId, ip, password: value.password };
  if (value.intent === "start") {
    const started = await startTwoFactorSetup(self);
    return started.ok ? redirect(pagePath) : refused(started);
  }
  const own = { ...self, code: value.code };
  if (value.intent === "turn-off") {
    const result = await turnOffTwoFactor(own);
    return result.ok ? redirect(`${pagePath}?done=off`) : refused(result);
  }
  const result = await (value.intent === "confirm" ? confirmTwoFactorSetup(own) : replaceRecoveryCodes(own));
  return result.ok ? reply({ intent: value.intent, recoveryCodes: result.codes }, 200) : refused(result);
}

export function sessionsPageData(ctx: MembershipContext) {
  return data({ sessions: listSessionsOf(ctx.user.id, ctx.sessionId) }, { headers: NO_STORE });
}

export async function sessionsAction(request: Request, ctx: MembershipContext, pagePath: string) {
  const parsed = SessionsActionSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ error: "common:sessionList.chooseWhat" }, { status: 400 });
  const scope = { userId: ctx.user.id, organizationId: ctx.membership.organizationId, currentSessionId: ctx.sessionId };
  if (parsed.data.intent === "sign-out-others") {
    endOtherSessionsOf(scope);
    return redirect(`${pagePath}?done=others`);
  }
  // Someone else's session, an expired one or this one: nothing of the kind is on this page.
  if (!endOwnSession({ ...scope, handle: parsed.data.handle })) {
    throw new Response(message("common:sessionList.notOnList"), { status: 404 });
  }
  return redirect(`${pagePath}?done=one`);
}
