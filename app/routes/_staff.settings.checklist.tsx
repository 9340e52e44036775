import { withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { FormErrors, Notice, TextField } from "~/components/forms";
import { LabelTranslationFields } from "~/components/label-translation-fields";
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

/** The form a refused submission came from, so only that one shows its messages and what was typed. */
function formIdOf(form: FormData) {
  const intent = form.get("intent");
  const itemId = form.get("itemId");
  if (intent === "add") return "new-step";
  return intent === "rename" && typeof itemId === "string" ? `step-${itemId}` : null;
}

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "settings:manage");
  const form = await readForm(request);
  const submission = parseWithZod(form, { schema: ActionSchema });
  if (submission.status !== "success") {
    return data({ ...submission.reply(), formId: formIdOf(form) }, { status: 400 });
  }
  const scope = { organizationId: membership.organizationId, actorUserId: user.id };
  const value = submission.value;
  switch (value.intent) {
    case "add":
      addChecklistItem({ ...scope, label: value.label, translations: value.translations });
      break;
    case "rename":
      // The form always carries every language's field: one left empty removes that translation.
      renameChecklistItem({
        ...scope,
        itemId: value.itemId,
        label: value.label,
        translations: value.translations ?? {},
      });
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

type Reply = SubmissionResult<string[]> & { formId: string | null };
type StepForm = z.input<(typeof ActionSchema)["options"][1]>;
type Item = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

/** One step's names, English and the other languages, saved together. */
function RenameForm({ item, index, reply }: { item: Item; index: number; reply: Reply | undefined }) {
  const { t } = useTranslation("staff");
  const id = `step-${item.id}`;
  const [form, fields] = useForm<StepForm>({
    id,
    lastResult: reply?.formId === id ? reply : undefined,
    defaultValue: { label: item.label, translations: item.translations },
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-1 flex-wrap items-end gap-x-2">
      <input type="hidden" name="intent" value="rename" />
      <input type="hidden" name="itemId" value={item.id} />
      <div className="min-w-0 flex-1">
        <TextField field={fields.label} label={t("settings.checklist.step", { n: index + 1 })} />
        <LabelTranslationFields field={fields.translations} />
      </div>
      <button type="submit" className="btn-secondary mb-9">
        {t("settings.checklist.rename")}
      </button>
    </Form>
  );
}

function AddForm({ reply }: { reply: Reply | undefined }) {
  const { t } = useTranslation("staff");
  const [form, fields] = useForm<z.input<(typeof ActionSchema)["options"][0]>>({
    id: "new-step",
    lastResult: reply?.formId === "new-step" ? reply : undefined,
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card mt-6 max-w-xl">
      <input type="hidden" name="intent" value="add" />
      <TextField field={fields.label} label={t("settings.checklist.addStep")} />
      <LabelTranslationFields field={fields.translations} help={t("labelWords.stepHelp")} />
      <button type="submit" className="btn-primary">
        {t("settings.checklist.add")}
      </button>
    </Form>
  );
}

export default function ChecklistSettings() {
  const { items } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  // Messages of a form without fields of its own (a move or removal of a step that is gone).
  const errors =
    lastResult && !lastResult.formId
      ? Object.values(lastResult.error ?? {})
          .flat()
          .filter(Boolean)
      : [];
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
            <RenameForm item={item} index={index} reply={lastResult} />
            <Form method="post" className="flex gap-2 md:mb-9">
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
            <details className="relative md:mb-9">
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
      <AddForm reply={lastResult} />
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
