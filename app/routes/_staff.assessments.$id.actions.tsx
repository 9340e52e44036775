/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { replyWithRuleError, withHttpErrors } from "~/utils/http-errors.server";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormErrors, Notice } from "~/components/forms";

import { SelectField } from "~/components/forms";
import { ACTION_STATUSES } from "../../db/schema";
import { requirePermission } from "~/utils/auth/guards.server";
import { actionOwners, addAction, gapsOf, listActions, setActionStatus } from "~/models/assessment/action-plan.server";
import { getAssessment } from "~/models/assessment/records.server";
import { readForm } from "~/utils/form-data.server";
import { ActionPlanSchema as ActionSchema } from "~/utils/assessment-schema";

export const meta: MetaFunction = () => [{ title: "Action plan" }];

const STATUS_LABELS: Record<(typeof ACTION_STATUSES)[number], string> = {
  open: "Not started",
  in_progress: "Under way",
  done: "Done",
};

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  const { assessment, template, answers } = getAssessment(membership.organizationId, params.id ?? "");
  const actions = listActions(membership.organizationId, assessment.id);
  const planned = new Set(actions.map((a) => a.itemKey));
  return {
    id: assessment.id,
    title: assessment.title,
    gaps: gapsOf(template, answers).filter((g) => !planned.has(g.itemKey)),
    actions,
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
  const { id, title, gaps, actions, owners } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const errors = reply?.error ? (Object.values(reply.error).flat().filter(Boolean) as string[]) : [];
  const done = searchParams.get("done");
  return (
    <>
      <p className="text-sm">
        <Link to={`/assessments/${id}/results`} className="link">
          Results: {title}
        </Link>
      </p>
      <h1 className="page-title">Action plan: {title}</h1>
      <div className="mt-3">
        {done === "add" ? <Notice>Added to the action plan.</Notice> : null}
        {done === "status" ? <Notice>Action updated.</Notice> : null}
      </div>
      <FormErrors id="action-errors" errors={errors} />

      <section aria-labelledby="plan-heading" className="mt-6">
        <h2 id="plan-heading" className="text-lg font-semibold">
          The plan
        </h2>
        {actions.length === 0 ? (
          <p className="card mt-2">No actions yet. Add one from the gaps below.</p>
        ) : (
          <ul className="mt-2 grid gap-3">
            {actions.map((a) => (
              <li key={a.id} className="card">
                <p className="font-semibold">{a.title}</p>
                <p className="text-sm text-slate-700">
                  For: {a.item?.text ?? a.itemKey}
                  {a.item ? ` (${a.item.section})` : ""}
                </p>
                <p className="text-sm">
                  {a.ownerName ? `Owner: ${a.ownerName}. ` : "No owner yet. "}
                  {a.dueDate ? `Due ${a.dueDate}. ` : ""}Status: {STATUS_LABELS[a.status]}.
                </p>
                <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
                  <input type="hidden" name="intent" value="status" />
                  <input type="hidden" name="actionId" value={a.id} />
                  <SelectField
                    look="compact"
                    field={{ id: `status-${a.id}`, name: "status", initialValue: a.status }}
                    label="Status"
                    options={Object.entries(STATUS_LABELS)}
                  />
                  <button type="submit" className="btn-secondary">
                    Update<span className="sr-only">: {a.title}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="gaps-heading" className="mt-8">
        <h2 id="gaps-heading" className="text-lg font-semibold">
          Gaps: items below “Mostly”
        </h2>
        {gaps.length === 0 ? (
          <p className="card mt-2">No gaps left without an action.</p>
        ) : (
          <ul className="mt-2 grid gap-3">
            {gaps.map((g) => (
              <li key={g.itemKey} className="card">
                <p className="font-medium">{g.text}</p>
                <p className="text-sm text-slate-700">
                  {g.sectionTitle}. Answer: {g.answerLabel}.
                </p>
                <details className="mt-2">
                  <summary className="btn-secondary cursor-pointer list-none">
                    Add to the action plan<span className="sr-only">: {g.text}</span>
                  </summary>
                  <Form method="post" className="mt-3 grid gap-3 md:grid-cols-3">
                    <input type="hidden" name="intent" value="add" />
                    <input type="hidden" name="itemKey" value={g.itemKey} />
                    <label className="block font-medium md:col-span-3">
                      What will be done
                      <input name="title" defaultValue={g.text} maxLength={200} className="input" required />
                    </label>
                    <SelectField
                      look="bare"
                      field={{ id: `owner-${g.itemKey}`, name: "ownerUserId" }}
                      label="Owner"
                      placeholder="Nobody yet"
                      options={owners.map((o) => [o.id, o.preferredName] as const)}
                    />
                    <label className="block font-medium">
                      Due date (optional)
                      <input name="dueDate" type="date" className="input" />
                    </label>
                    <div className="flex items-end">
                      <button type="submit" className="btn-primary">
                        Add
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
