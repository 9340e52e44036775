import { RuleError } from "~/models/errors";
import { withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, Notice, SelectField, TextField } from "~/components/forms";
import { inviteMember, listOpenInvitations, revokeInvitation } from "~/models/invitation/send.server";
import {
  changeMemberRole,
  listOrganizationMembers,
  setMemberActive,
  signMemberOutEverywhere,
} from "~/models/membership.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { useTranslation } from "react-i18next";
import { ROLES } from "../../db/schema";
import { useFormat } from "~/utils/use-format";
import { readForm } from "~/utils/form-data.server";
import { InviteSchema, UsersActionSchema as ActionSchema } from "~/utils/account-schema";

export const handle = { title: "staff:admin.users.title" };

const DONE_MESSAGES = {
  invited: "admin.users.done.invited",
  "role-changed": "admin.users.done.roleChanged",
  deactivated: "admin.users.done.deactivated",
  "signed-out": "admin.users.done.signedOut",
  reactivated: "admin.users.done.reactivated",
  revoked: "admin.users.done.revoked",
} as const;

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "members:manage");
  return {
    currentUserId: user.id,
    members: listOrganizationMembers(membership.organizationId),
    invitations: listOpenInvitations(membership.organizationId),
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "members:manage");
  const submission = parseWithZod(await readForm(request), { schema: ActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const scope = { organizationId: membership.organizationId, actorUserId: user.id };
  const value = submission.value;
  try {
    switch (value.intent) {
      case "invite":
        await inviteMember({
          organizationId: scope.organizationId,
          invitedByUserId: user.id,
          email: value.email,
          role: value.role,
        });
        return redirect("/admin/users?done=invited");
      case "change-role":
        changeMemberRole({ ...scope, membershipId: value.membershipId, role: value.role });
        return redirect("/admin/users?done=role-changed");
      case "deactivate":
      case "reactivate":
        setMemberActive({ ...scope, membershipId: value.membershipId, active: value.intent === "reactivate" });
        return redirect(`/admin/users?done=${value.intent}d`);
      case "sign-out-everywhere":
        signMemberOutEverywhere({ ...scope, membershipId: value.membershipId });
        return redirect("/admin/users?done=signed-out");
      case "revoke-invitation":
        revokeInvitation({ ...scope, invitationId: value.invitationId });
        return redirect("/admin/users?done=revoked");
    }
  } catch (error) {
    if (error instanceof RuleError) {
      return data(submission.reply({ formErrors: [error.text] }), { status: 400 });
    }
    throw error;
  }
});

export default function AdminUsers() {
  const { members, invitations, currentUserId } = useLoaderData<typeof loader>();
  const fmt = useFormat();
  const { t } = useTranslation(["staff", "common"]);
  const roleLabels = ROLES.map((role) => [role, t(`common:roles.${role}`)] as const);
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm<z.input<typeof InviteSchema>>({
    id: "invite",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { role: "staff" },
  });
  const doneKey = searchParams.get("done") ?? "";
  const done = doneKey in DONE_MESSAGES ? t(DONE_MESSAGES[doneKey as keyof typeof DONE_MESSAGES]) : null;
  const isInviteResult = lastResult?.initialValue?.intent === "invite";

  return (
    <>
      <h1 className="page-title">{t("admin.users.title")}</h1>
      <div className="mt-4">{done ? <Notice>{done}</Notice> : null}</div>
      {!isInviteResult ? <FormErrors id="member-errors" errors={lastResult?.error?.[""] ?? undefined} /> : null}

      <section aria-labelledby="people" className="card mt-4">
        <h2 id="people" className="text-lg font-semibold">
          {t("admin.users.people")}
        </h2>
        <ul className="mt-3 divide-y divide-slate-200">
          {members.map((m) => (
            <li
              key={m.membershipId}
              className="flex flex-col gap-3 py-3 md:flex-row md:items-center md:justify-between"
            >
              <div>
                <p className="font-medium">
                  {m.preferredName || t("admin.users.nameNotSet")}{" "}
                  {m.userId === currentUserId ? <span className="text-slate-700">{t("admin.users.you")}</span> : null}
                </p>
                <p className="text-sm text-slate-700">
                  {t("admin.users.roleSince", { role: t(`common:roles.${m.role}`), date: fmt.date(m.joinedAt) })}
                  {m.deactivatedAt ? (
                    <strong className="ml-2 text-red-800">{t("admin.users.deactivatedMark")}</strong>
                  ) : null}
                </p>
              </div>
              {m.userId !== currentUserId ? (
                <div className="flex flex-wrap items-end gap-2">
                  <Form method="post" className="flex items-end gap-2">
                    <input type="hidden" name="intent" value="change-role" />
                    <input type="hidden" name="membershipId" value={m.membershipId} />
                    <SelectField
                      look="inline"
                      field={{ id: `role-${m.membershipId}`, name: "role", initialValue: m.role }}
                      label={
                        m.preferredName
                          ? t("admin.users.roleOf", { name: m.preferredName })
                          : t("admin.users.roleOfUnnamed")
                      }
                      options={roleLabels}
                    />
                    <button type="submit" className="btn-secondary min-h-[36px] py-1">
                      {t("admin.users.changeRole")}
                    </button>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="membershipId" value={m.membershipId} />
                    {m.deactivatedAt ? (
                      <button
                        type="submit"
                        name="intent"
                        value="reactivate"
                        className="btn-secondary min-h-[36px] py-1"
                      >
                        {t("admin.users.reactivate")}
                      </button>
                    ) : (
                      <button type="submit" name="intent" value="deactivate" className="btn-danger min-h-[36px] py-1">
                        {t("admin.users.deactivate")}
                      </button>
                    )}
                  </Form>
                  {m.deactivatedAt ? null : (
                    <Form method="post">
                      <input type="hidden" name="membershipId" value={m.membershipId} />
                      <button
                        type="submit"
                        name="intent"
                        value="sign-out-everywhere"
                        className="btn-secondary min-h-[36px] py-1"
                      >
                        {t("admin.users.signOutEverywhere")}
                        <span className="sr-only"> ({m.preferredName || t("admin.users.thisPerson")})</span>
                      </button>
                    </Form>
                  )}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="invite-heading" className="card mt-6">
        <h2 id="invite-heading" className="text-lg font-semibold">
          {t("admin.users.inviteHeading")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("admin.users.inviteIntro")}</p>
        <Form method="post" className="mt-4 max-w-md" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="invite" />
          {isInviteResult ? <FormErrors id={form.errorId} errors={form.errors} /> : null}
          <TextField
            field={fields.email}
            label={t("admin.users.email")}
            type="email"
            autoComplete="off"
            required
            help={t("admin.users.emailHelp")}
          />
          <SelectField
            field={fields.role}
            label={t("admin.users.role")}
            options={[
              ["staff", t("admin.users.roleStaff")],
              ["admin", t("admin.users.roleAdmin")],
            ]}
          />
          <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
            {t("admin.users.sendInvitation")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="pending-heading" className="card mt-6">
        <h2 id="pending-heading" className="text-lg font-semibold">
          {t("admin.users.pendingHeading")}
        </h2>
        {invitations.length === 0 ? (
          <p className="mt-2 text-slate-700">{t("admin.users.noPending")}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200">
            {invitations.map((inv) => (
              <li key={inv.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <p>
                  {t("admin.users.pendingLine", {
                    email: inv.email,
                    role: t(`common:roles.${inv.role}`),
                    until: fmt.dateTime(inv.expiresAt),
                  })}
                </p>
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke-invitation" />
                  <input type="hidden" name="invitationId" value={inv.id} />
                  <button type="submit" className="btn-secondary min-h-[36px] py-1">
                    {t("admin.users.withdraw")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
