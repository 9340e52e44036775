import { withHttpErrors } from "~/utils/http-errors.server";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, Notice } from "~/components/forms";
import {
  addChecklistItem,
  archiveChecklistItem,
  listChecklistItems,
  moveChecklistItem,
  renameChecklistItem,
} from "~/models/checklist.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { readForm } from "~/utils/form-data.server";
import { ChecklistActionSchema as ActionSchema } from "~/utils/settings-schema";

export const handle = { title: "staff:settings.checklist.title" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "settings:manage");
  return { items: listChecklistItems(membership.organizationId) };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "settings:manage");
  const submission = parseWithZod(await readForm(request), { schema: ActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const scope = { organizationId: membership.organizationId, actorUserId: user.id };
  const value = submission.value;
  switch (value.intent) {
    case "add":
      addChecklistItem({ ...scope, label: value.label });
      break;
    case "rename":
      renameChecklistItem({ ...scope, itemId: value.itemId, label: value.label });
      break;
    case "archive":
      archiveChecklistItem({ ...scope, itemId: value.itemId });
      break;
    case "move":
      moveChecklistItem({ ...scope, itemId: value.itemId, direction: value.direction });
      break;
  }
  return redirect("/settings/checklist?done=1");
});

export default function ChecklistSettings() {
  const { items } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const errors = lastResult?.error ? Object.values(lastResult.error).flat().filter(Boolean) : [];
  const { t } = useTranslation("staff");
  const saved = Boolean(searchParams.get("done"));
  return (
    <>
      <h1 className="page-title">{t("settings.checklist.title")}</h1>
      <p className="mt-2 max-w-2xl text-slate-700">{t("settings.checklist.intro")}</p>
      <div className="mt-4">{saved ? <Notice>{t("settings.checklist.saved")}</Notice> : null}</div>
      <FormErrors id="checklist-errors" errors={errors as string[]} />
      <ol className="card mt-4 divide-y divide-slate-200">
        {items.map((item, index) => (
          <li key={item.id} className="flex flex-col gap-2 py-3 md:flex-row md:items-end md:justify-between">
            <Form method="post" className="flex flex-1 items-end gap-2">
              <input type="hidden" name="intent" value="rename" />
              <input type="hidden" name="itemId" value={item.id} />
              <div className="flex-1">
                <label htmlFor={`label-${item.id}`} className="block text-sm font-medium">
                  {t("settings.checklist.step", { n: index + 1 })}
                </label>
                <input
                  id={`label-${item.id}`}
                  name="label"
                  defaultValue={item.label}
                  maxLength={120}
                  className="input"
                />
              </div>
              <button type="submit" className="btn-secondary">
                {t("settings.checklist.rename")}
              </button>
            </Form>
            <Form method="post" className="flex gap-2">
              <input type="hidden" name="itemId" value={item.id} />
              <input type="hidden" name="intent" value="move" />
              <button type="submit" name="direction" value="up" className="btn-secondary" disabled={index === 0}>
                {t("settings.checklist.moveUp")}
                <span className="sr-only">: {item.label}</span>
              </button>
              <button
                type="submit"
                name="direction"
                value="down"
                className="btn-secondary"
                disabled={index === items.length - 1}
              >
                {t("settings.checklist.moveDown")}
                <span className="sr-only">: {item.label}</span>
              </button>
            </Form>
            {/* A second, deliberate click: removing a step cannot be undone here. Works without JavaScript. */}
            <details className="relative">
              <summary className="btn-danger cursor-pointer list-none">
                {t("settings.checklist.remove")}
                <span className="sr-only">: {item.label}</span>
              </summary>
              <Form
                method="post"
                className="mt-2 rounded-md border border-red-700 bg-white p-3 md:absolute md:right-0 md:z-10 md:w-72"
              >
                <input type="hidden" name="itemId" value={item.id} />
                <p className="text-sm">{t("settings.checklist.removeConfirm", { label: item.label })}</p>
                <button type="submit" name="intent" value="archive" className="btn-danger mt-2">
                  {t("settings.checklist.removeYes")}
                </button>
              </Form>
            </details>
          </li>
        ))}
      </ol>
      <Form method="post" className="card mt-6 flex max-w-xl items-end gap-2">
        <input type="hidden" name="intent" value="add" />
        <div className="flex-1">
          <label htmlFor="new-step" className="block font-medium">
            {t("settings.checklist.addStep")}
          </label>
          <input id="new-step" name="label" maxLength={120} className="input" required />
        </div>
        <button type="submit" className="btn-primary">
          {t("settings.checklist.add")}
        </button>
      </Form>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
