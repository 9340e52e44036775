// The two account pages that staff (/account/...) and consultants (/portal/...) share: two-step
// sign-in and signed-in devices. Each route checks its own roles, then hands over to these.
import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import {
  cancelTwoFactorSetup,
  replaceRecoveryCodes,
  startTwoFactorSetup,
  turnOffTwoFactor,
  twoFactorSetupDetails,
  twoFactorStatus,
  confirmTwoFactorSetup,
} from "../models/two-factor.server";
import { endOtherSessionsOf, endOwnSession, listSessionsOf, type MembershipContext } from "./auth.server";
import { readForm } from "./form-data.server";

// Nothing on these pages may stay in a browser's cache: recovery codes, a setup key.
export const NO_STORE = { "Cache-Control": "no-store" };

export type TwoStepActionResult = {
  intent: string;
  errors?: { code?: string; password?: string; form?: string };
  recoveryCodes?: string[];
};

const codeField = z
  .string({ error: "Enter the 6-digit code from your app." })
  .trim()
  .min(1, "Enter the 6-digit code from your app.")
  .max(40, "Enter the 6-digit code from your app.");

const TwoStepActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("cancel") }),
  z.object({ intent: z.literal("confirm"), code: codeField }),
  z.object({ intent: z.literal("new-codes"), code: codeField }),
  z.object({
    intent: z.literal("turn-off"),
    code: z.string().trim().max(40).optional(),
    password: z.string().max(200).optional(),
  }),
]);

function lockedMessage(until: Date) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return `Too many wrong codes. For your safety, try again in ${minutes} minutes.`;
}

export async function twoStepPageData(ctx: MembershipContext, issuer: string) {
  const status = twoFactorStatus(ctx.user.id);
  const setup =
    status.state === "setting-up"
      ? await twoFactorSetupDetails({ userId: ctx.user.id, accountName: ctx.user.email, issuer })
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
    const codeIssue = parsed.error.issues.find((i) => i.path[0] === "code");
    return reply({
      intent,
      errors: codeIssue ? { code: codeIssue.message } : { form: "Something was missing. Try again." },
    });
  }
  const value = parsed.data;
  switch (value.intent) {
    case "start":
      startTwoFactorSetup(scope);
      return redirect(pagePath);
    case "cancel":
      cancelTwoFactorSetup(scope);
      return redirect(`${pagePath}?done=cancelled`);
    case "confirm": {
      const codes = confirmTwoFactorSetup({ ...scope, code: value.code });
      if (!codes) {
        return reply({
          intent: "confirm",
          errors: { code: "That code did not work. Check the time on your phone, then type the newest code." },
        });
      }
      return reply({ intent: "confirm", recoveryCodes: codes }, 200);
    }
    case "new-codes": {
      const result = replaceRecoveryCodes({ ...scope, ip, code: value.code });
      if (!result.ok) {
        const message =
          result.reason === "locked" ? lockedMessage(result.until) : "That code did not work. Type the newest code.";
        return reply({ intent: "new-codes", errors: { code: message } }, result.reason === "locked" ? 429 : 400);
      }
      return reply({ intent: "new-codes", recoveryCodes: result.codes }, 200);
    }
    case "turn-off": {
      const code = value.code?.trim();
      const password = value.password;
      if (!code && !password) {
        return reply({
          intent: "turn-off",
          errors: { code: "Enter a code from your app, or your password below." },
        });
      }
      const result = await turnOffTwoFactor({
        ...scope,
        ip,
        proof: code ? { code } : { password: password! },
      });
      if (!result.ok) {
        const field = code ? "code" : "password";
        const message =
          result.reason === "locked"
            ? lockedMessage(result.until)
            : code
              ? "That code did not work. Type the newest code, or a recovery code."
              : "That password is not right. Check it and try again.";
        return reply({ intent: "turn-off", errors: { [field]: message } }, result.reason === "locked" ? 429 : 400);
      }
      return redirect(`${pagePath}?done=off`);
    }
  }
}

export function sessionsPageData(ctx: MembershipContext) {
  return data({ sessions: listSessionsOf(ctx.user.id, ctx.sessionId) }, { headers: NO_STORE });
}

const SessionsActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("sign-out-one"), handle: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("sign-out-others") }),
]);

export async function sessionsAction(request: Request, ctx: MembershipContext, pagePath: string) {
  const parsed = SessionsActionSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ error: "Choose what to sign out." }, { status: 400 });
  const scope = { userId: ctx.user.id, organizationId: ctx.membership.organizationId, currentSessionId: ctx.sessionId };
  if (parsed.data.intent === "sign-out-others") {
    endOtherSessionsOf(scope);
    return redirect(`${pagePath}?done=others`);
  }
  // Someone else's session, an expired one or this one: nothing of the kind is on this page.
  if (!endOwnSession({ ...scope, handle: parsed.data.handle })) {
    throw new Response("That session is not on your list.", { status: 404 });
  }
  return redirect(`${pagePath}?done=one`);
}
