// What the sign-in and account forms accept: signing in, a forgotten password, an invitation, the
// second step, signed-in devices, the switch between organizations and the admin's users page. The
// routes parse with these; the tests derive the fields they fuzz from them. Messages are catalog keys:
// `auth:` for the pages before sign-in, `common:` for forms also shown on staff and portal pages.
import { z } from "zod";
import { emailField, newPasswordField, preferredNameField } from "./validation";

export const LoginSchema = z.object({
  email: emailField,
  password: z
    .string({ error: "auth:forms.enterPassword" })
    .min(1, "auth:forms.enterPassword")
    .max(200, "auth:forms.passwordTooLong"),
});

export const ForgotSchema = z.object({ email: emailField });

/** A password-reset link's token, as it arrives in the address and in the form. */
export const TokenSchema = z.string().min(20).max(100);

export const ResetSchema = z
  .object({
    token: TokenSchema,
    password: newPasswordField,
    confirm: z.string({ error: "auth:forms.typeAgain" }).max(200),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "auth:forms.notTheSame" });

export const NewAccountSchema = z
  .object({
    intent: z.literal("create"),
    preferredName: preferredNameField,
    password: newPasswordField,
    confirm: z.string({ error: "auth:forms.typeAgain" }).max(200),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "auth:forms.notTheSame" });

const SignInSchema = z.object({ intent: z.literal("sign-in") });

export const InvitationFormSchema = z.union([SignInSchema, NewAccountSchema]);

export const CodeSchema = z.object({
  code: z
    .string({ error: "auth:verify.enterCode" })
    .trim()
    .min(1, "auth:verify.enterCode")
    .max(40, "auth:verify.codeTooLong"),
});

export const SwitchSchema = z.object({ organizationId: z.string().min(1).max(100) });

// On the two-step page, for staff and in the portal.
const codeField = z
  .string({ error: "common:twoStepSettings.errors.enterCode" })
  .trim()
  .min(1, "common:twoStepSettings.errors.enterCode")
  .max(40, "common:twoStepSettings.errors.enterCode");

const passwordAgainField = z
  .string({ error: "common:twoStepSettings.errors.enterPassword" })
  .min(1, "common:twoStepSettings.errors.enterPassword")
  .max(200, "common:twoStepSettings.errors.passwordTooLong");

export const TwoStepActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start"), password: passwordAgainField }),
  z.object({ intent: z.literal("cancel") }),
  z.object({ intent: z.literal("confirm"), code: codeField, password: passwordAgainField }),
  z.object({ intent: z.literal("new-codes"), code: codeField, password: passwordAgainField }),
  z.object({ intent: z.literal("turn-off"), code: codeField, password: passwordAgainField }),
]);

export const SessionsActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("sign-out-one"), handle: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("sign-out-others") }),
]);

const id = z.string().min(1).max(100);
// Consultants are invited from their own record, where their contact safety is known.
export const InviteSchema = z.object({
  intent: z.literal("invite"),
  email: emailField,
  role: z.enum(["staff", "admin"], { error: "common:accountErrors.chooseRole" }),
});
export const UsersActionSchema = z.discriminatedUnion("intent", [
  InviteSchema,
  z.object({ intent: z.literal("change-role"), membershipId: id, role: z.enum(["admin", "staff", "consultant"]) }),
  z.object({ intent: z.literal("deactivate"), membershipId: id }),
  z.object({ intent: z.literal("reactivate"), membershipId: id }),
  z.object({ intent: z.literal("sign-out-everywhere"), membershipId: id }),
  z.object({ intent: z.literal("revoke-invitation"), invitationId: id }),
]);
