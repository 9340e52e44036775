import { replyWithRuleError, withHttpErrors } from "~/utils/http-errors.server";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, Notice, SelectField } from "~/components/forms";
import { TemplateLanguageNote } from "~/components/template-language-note";
import { languageFor } from "~/i18n/i18n.server";
import { useMessage } from "~/i18n/use-message";
import { ACTION_STATUSES } from "../../db/schema";
import { requirePermission } from "~/utils/auth/guards.server";
import {
  actionOwners,
  actionsCarriedOn,
  addAction,
  gapsOf,
  listActions,
  setActionStatus,
} from "~/models/assessment/action-plan.server";
import { getAssessment } from "~/models/assessment/records.server";
import { readForm } from "~/utils/form-data.server";
import { ActionPlanSchema as ActionSchema } from "~/utils/assessment-schema";
import { useFormat } from "~/utils/use-format";

export const handle = { title: "staff:assessments.actions.title" };

const STATUS_LABELS = {
  open: "staff:assessments.actions.statuses.open",
  in_progress: "staff:assessments.actions.statuses.inProgress",
  done: "staff:assessments.actions.statuses.done",
} as const satisfies Record<(typeof ACTION_STATUSES)[number], string>;

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const language = await languageFor(request, user.preferredLanguage);
  const { assessment, template, shown, answers, spread } = getAssessment(
    membership.organizationId,
    params.id ?? "",
    language,
  );
  const actions = listActions(membership.organizationId, assessment.id, language);
  const planned = new Set(actions.map((a) => a.itemKey));
  return {
    id: assessment.id,
    title: assessment.title,
    templateVersion: template.version,
    shown,
    gaps: gapsOf(template, answers, spread).filter((g) => !planned.has(g.itemKey)),
    actions,
    carriedOn: actionsCarriedOn(membership.organizationId, assessment.id),
    owners: actionOwners(membership.organizationId),
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const submission = parseWithZod(await readForm(request), { schema: ActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  const scope = { organizationId: membership.organizationId, actorUserId: user.id };
  try {
    if (v.intent === "add") {
      addAction({
        ...scope,
        assessmentId: params.id ?? "",
        itemKey: v.itemKey,
        title: v.title,
        ownerUserId: v.ownerUserId || null,
        dueDate: v.dueDate || null,
      });
    } else {
      // The assessment in the address must be the action's own.
      getAssessment(membership.organizationId, params.id ?? "");
      setActionStatus({ ...scope, actionId: v.actionId, status: v.status });
    }
    return redirect(`/assessments/${params.id}/actions?done=${v.intent}`);
  } catch (error) {
    return replyWithRuleError(error, submission);
  }
});

export default function ActionPlan() {
  const { id, title, templateVersion, shown, gaps, actions, owners, carriedOn } = useLoaderData<typeof loader>();
  const fmt = useFormat();
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const errors = reply?.error ? (Object.values(reply.error).flat().filter(Boolean) as string[]) : [];
  const done = searchParams.get("done");
  const { t } = useTranslation("staff");
  const words = useMessage();
  return (
    <>
      <p className="text-sm">
        <Link to={`/assessments/${id}/results`} className="link">
          {t("assessments.results.heading", { title })}
        </Link>
      </p>
      <h1 className="page-title">{t("assessments.actions.heading", { title })}</h1>
      <TemplateLanguageNote fallback={shown.fallback} version={templateVersion} />
      <div className="mt-3">
        {done === "add" ? <Notice>{t("assessments.actions.added")}</Notice> : null}
        {done === "status" ? <Notice>{t("assessments.actions.updated")}</Notice> : null}
      </div>
      <FormErrors id="action-errors" errors={errors} />

      <section aria-labelledby="plan-heading" className="mt-6">
        <h2 id="plan-heading" className="text-lg font-semibold">
          {t("assessments.actions.plan")}
        </h2>
        {carriedOn ? (
          <p className="mt-2">
            <Link to={`/assessments/${carriedOn.to.id}/actions`} className="link">
              {t("assessTogether.actions.carriedOn", { count: carriedOn.count, title: carriedOn.to.title })}
            </Link>
          </p>
        ) : null}
        {actions.length === 0 ? (
          <p className="card mt-2">{t("assessments.actions.noActions")}</p>
        ) : (
          <ul className="mt-2 grid gap-3">
            {actions.map((a) => (
              <li key={a.id} className="card">
                <p className="font-semibold">{a.title}</p>
                {a.carriedOverFrom ? (
                  <p className="text-sm">
                    <Link to={`/assessments/${a.carriedOverFrom.id}/actions`} className="link">
                      {t("assessTogether.actions.carriedOver", { date: fmt.date(a.carriedOverFrom.date) })}
                    </Link>
                  </p>
                ) : null}
                <p className="text-sm text-slate-700">
                  {a.item
                    ? t("assessments.actions.forItemInSection", { item: a.item.text, section: a.item.section })
                    : t("assessments.actions.forItem", { item: a.itemKey })}
                </p>
                <p className="text-sm">
                  {a.ownerName
                    ? t("assessments.actions.owner", { name: a.ownerName })
                    : t("assessments.actions.noOwner")}{" "}
                  {a.dueDate ? `${t("assessments.actions.due", { date: a.dueDate })} ` : ""}
                  {t("assessments.actions.status", { status: words(STATUS_LABELS[a.status]) })}
                </p>
                <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
                  <input type="hidden" name="intent" value="status" />
                  <input type="hidden" name="actionId" value={a.id} />
                  <SelectField
                    look="compact"
                    field={{ id: `status-${a.id}`, name: "status", initialValue: a.status }}
                    label={t("assessments.actions.statusLabel")}
                    options={Object.entries(STATUS_LABELS)}
                  />
                  <button type="submit" className="btn-secondary">
                    {t("assessments.actions.update")}
                    <span className="sr-only">: {a.title}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="gaps-heading" className="mt-8">
        <h2 id="gaps-heading" className="text-lg font-semibold">
          {t("assessments.actions.gaps")}
        </h2>
        {gaps.length === 0 ? (
          <p className="card mt-2">{t("assessments.actions.noGaps")}</p>
        ) : (
          <ul className="mt-2 grid gap-3">
            {gaps.map((g) => (
              <li key={g.itemKey} className="card">
                <p className="font-medium">{g.text}</p>
                <p className="text-sm text-slate-700">
                  {g.lowestLabel && g.highestLabel
                    ? t("assessTogether.actions.gapAnswers", {
                        section: g.sectionTitle,
                        lowest: g.lowestLabel,
                        highest: g.highestLabel,
                      })
                    : t("assessments.actions.gapAnswer", { section: g.sectionTitle, answer: g.answerLabel })}
                </p>
                <details className="mt-2">
                  <summary className="btn-secondary cursor-pointer list-none">
                    {t("assessments.actions.addToPlan")}
                    <span className="sr-only">: {g.text}</span>
                  </summary>
                  <Form method="post" className="mt-3 grid gap-3 md:grid-cols-3">
                    <input type="hidden" name="intent" value="add" />
                    <input type="hidden" name="itemKey" value={g.itemKey} />
                    <label className="block font-medium md:col-span-3">
                      {t("assessments.actions.what")}
                      <input name="title" defaultValue={g.text} maxLength={200} className="input" required />
                    </label>
                    <SelectField
                      look="bare"
                      field={{ id: `owner-${g.itemKey}`, name: "ownerUserId" }}
                      label={t("assessments.actions.ownerLabel")}
                      placeholder={t("assessments.actions.nobodyYet")}
                      options={owners.map((o) => [o.id, o.preferredName] as const)}
                    />
                    <label className="block font-medium">
                      {t("assessments.actions.dueDate")}
                      <input name="dueDate" type="date" className="input" />
                    </label>
                    <div className="flex items-end">
                      <button type="submit" className="btn-primary">
                        {t("assessments.actions.add")}
                      </button>
                    </div>
                  </Form>
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
