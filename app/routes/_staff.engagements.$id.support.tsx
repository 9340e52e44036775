import { RuleError } from "~/models/errors";
import { withHttpErrors, whereRuleErrorGoes } from "~/utils/http-errors.server";
import type { SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, Notice, optionsFrom, SelectField } from "~/components/forms";
import { SupportItemFacts, SupportStatusBadge } from "~/components/support-plan";
import { useMessage } from "~/i18n/use-message";
import {
  addSupportItem,
  arrangeSupportItem,
  declineSupportItem,
  recordSupportCost,
  supportPlanForStaff,
} from "~/models/engagement/support-plan.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { readForm } from "~/utils/form-data.server";
import { PAYMENT_STATUS_LABELS } from "~/utils/payment-options";
import { SUPPORT_KIND_LABELS, SUPPORT_TEXT_MAX } from "~/utils/support-options";
import { parseWithZod, StaffSupportSchema } from "~/utils/support-schema.server";
import { useFormat } from "~/utils/use-format";

export const handle = { title: "staff:supportPlan.title" };

const DONE = ["added", "arranged", "declined", "cost"] as const;

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const plan = supportPlanForStaff({
    organizationId: membership.organizationId,
    engagementId: params.id ?? "",
    viewerUserId: user.id,
  });
  return {
    ...plan,
    // A fresh key per cost form: the same form sent twice records the cost once.
    costKeys: Object.fromEntries(plan.items.map((i) => [i.id, crypto.randomUUID()])),
  };
});

type Reply = { intent: string; itemId: string | null; result: SubmissionResult<string[]> };

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const engagementId = params.id ?? "";
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: StaffSupportSchema });
  const posted = {
    intent: String(formData.get("intent") ?? ""),
    itemId: typeof formData.get("itemId") === "string" ? String(formData.get("itemId")) : null,
  };
  if (submission.status !== "success") return data<Reply>({ ...posted, result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const change = { organizationId: membership.organizationId, actorUserId: user.id, engagementId };
  try {
    if (v.intent === "add") addSupportItem({ ...change, kind: v.kind, language: v.language, details: v.details });
    else if (v.intent === "arrange")
      arrangeSupportItem({ ...change, itemId: v.itemId, arrangement: v.arrangement, language: v.language });
    else if (v.intent === "decline") declineSupportItem({ ...change, itemId: v.itemId, reason: v.reason });
    else recordSupportCost({ ...change, itemId: v.itemId, costCents: v.amount, creationKey: v.creationKey });
  } catch (error) {
    if (error instanceof RuleError) {
      return data<Reply>({ ...posted, result: submission.reply(whereRuleErrorGoes(error)) }, { status: 400 });
    }
    throw error;
  }
  const done = { add: "added", arrange: "arranged", decline: "declined", cost: "cost" }[v.intent];
  return redirect(`/engagements/${engagementId}/support?done=${done}`);
});

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Item = Data["items"][number];

/** The reply to this form (its intent, and its item), if the last answer was to it. */
function useReplyFor(intent: string, itemId: string | null) {
  const reply = useActionData<typeof action>();
  return reply && reply.intent === intent && reply.itemId === itemId ? reply.result : undefined;
}

const errorsOf = (result: SubmissionResult<string[]> | undefined, field: string) =>
  (result?.error?.[field] ?? undefined) as string[] | undefined;
const typed = (result: SubmissionResult<string[]> | undefined, field: string) => {
  const value = (result?.initialValue as Record<string, unknown> | undefined)?.[field];
  return typeof value === "string" ? value : undefined;
};

/** A labelled text box of one item's form, with its error line; keeps what was typed after a refusal. */
function ItemField({
  id,
  name,
  label,
  help,
  result,
  initial,
  long,
  max,
}: {
  id: string;
  name: string;
  label: string;
  help?: string;
  result: SubmissionResult<string[]> | undefined;
  initial?: string | null;
  long?: boolean;
  max: number;
}) {
  const words = useMessage();
  const errors = errorsOf(result, name);
  const describedBy = [help ? `${id}-help` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ");
  const props = {
    id,
    name,
    maxLength: max,
    defaultValue: typed(result, name) ?? initial ?? "",
    "aria-invalid": errors?.length ? true : undefined,
    "aria-describedby": describedBy || undefined,
    className: "input",
  };
  return (
    <div className="mb-3">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {long ? <textarea rows={2} {...props} /> : <input {...props} />}
      {help ? (
        <p id={`${id}-help`} className="mt-1 text-sm text-slate-700">
          {help}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-800">
          {errors.map((e) => words(e)).join(" ")}
        </p>
      ) : null}
    </div>
  );
}

function ItemCard({ item, open, costKey }: { item: Item; open: boolean; costKey: string }) {
  const { t } = useTranslation("staff");
  const words = useMessage();
  const fmt = useFormat();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const arrangeReply = useReplyFor("arrange", item.id);
  const declineReply = useReplyFor("decline", item.id);
  const costReply = useReplyFor("cost", item.id);
  const formErrors = [arrangeReply, declineReply, costReply].flatMap((r) => errorsOf(r, "") ?? []);
  const headingId = `item-${item.id}`;
  return (
    <li className="card">
      <h2 id={headingId} className="flex flex-wrap items-center gap-2 text-lg font-semibold">
        {words(SUPPORT_KIND_LABELS[item.kind])} <SupportStatusBadge status={item.status} />
      </h2>
      <p className="text-sm text-slate-700">
        {item.source === "consultant" ? t("supportPlan.askedByConsultant") : t("supportPlan.addedByStaff")}
      </p>
      <SupportItemFacts item={item} detailsLabel={t("supportPlan.details")} />
      <FormErrors id={`${item.id}-errors`} errors={formErrors} />

      {open ? (
        <div className="mt-3 grid gap-4 md:grid-cols-2">
          <Form method="post">
            <input type="hidden" name="itemId" value={item.id} />
            {item.kind === "interpreter" ? (
              <ItemField
                id={`language-${item.id}`}
                name="language"
                label={t("supportPlan.languageLabel")}
                result={arrangeReply}
                initial={item.language}
                max={SUPPORT_TEXT_MAX.language}
              />
            ) : null}
            <ItemField
              id={`arrangement-${item.id}`}
              name="arrangement"
              label={t("supportPlan.arrangementLabel")}
              help={t("supportPlan.arrangementHelp")}
              result={arrangeReply}
              initial={item.arrangement}
              long
              max={SUPPORT_TEXT_MAX.arrangement}
            />
            <button type="submit" name="intent" value="arrange" className="btn-primary" disabled={busy}>
              {item.status === "arranged" ? t("supportPlan.saveArrangement") : t("supportPlan.markArranged")}
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="itemId" value={item.id} />
            <ItemField
              id={`reason-${item.id}`}
              name="reason"
              label={t("supportPlan.reasonLabel")}
              help={t("supportPlan.reasonHelp")}
              result={declineReply}
              initial={item.declineReason}
              long
              max={SUPPORT_TEXT_MAX.declineReason}
            />
            <button type="submit" name="intent" value="decline" className="btn-secondary" disabled={busy}>
              {t("supportPlan.markDeclined")}
            </button>
          </Form>
        </div>
      ) : null}

      {item.costsPaidBack ? (
        <section aria-labelledby={`costs-${item.id}`} className="mt-4 border-t border-slate-200 pt-3">
          <h3 id={`costs-${item.id}`} className="font-semibold">
            {t("supportPlan.costsHeading")}
          </h3>
          <p className="text-sm text-slate-700">{t("supportPlan.costsAreExpenses")}</p>
          {item.costs.length ? (
            <ul className="mt-2 space-y-1">
              {item.costs.map((c) => (
                <li key={c.paymentId}>
                  <Link to={`/payments/${c.paymentId}`} className="link">
                    {t("supportPlan.costLine", { amount: fmt.money(c.expensesCents) })}
                  </Link>{" "}
                  · {words(PAYMENT_STATUS_LABELS[c.status])}
                </li>
              ))}
            </ul>
          ) : null}
          {item.status === "arranged" ? (
            <Form method="post" className="mt-2">
              <input type="hidden" name="itemId" value={item.id} />
              <input type="hidden" name="creationKey" value={costKey} />
              <ItemField
                id={`amount-${item.id}`}
                name="amount"
                label={t("supportPlan.amountLabel")}
                help={t("supportPlan.amountHelp")}
                result={costReply}
                max={20}
              />
              <button type="submit" name="intent" value="cost" className="btn-secondary" disabled={busy}>
                {t("supportPlan.recordCost")}
              </button>
            </Form>
          ) : (
            <p className="mt-2 text-sm">{t("supportPlan.costWhenArranged")}</p>
          )}
        </section>
      ) : null}
    </li>
  );
}

function AddForm({ addable }: { addable: Data["addable"] }) {
  const { t } = useTranslation("staff");
  const navigation = useNavigation();
  const reply = useReplyFor("add", null);
  const kindErrors = errorsOf(reply, "kind");
  return (
    <section aria-labelledby="add-heading" className="card mt-6">
      <h2 id="add-heading" className="text-lg font-semibold">
        {t("supportPlan.addHeading")}
      </h2>
      <Form method="post" className="mt-3 max-w-xl">
        <FormErrors id="add-errors" errors={errorsOf(reply, "")} />
        <div className="mb-3">
          <SelectField
            look="bare"
            field={{
              id: "add-kind",
              name: "kind",
              errorId: "add-kind-error",
              errors: kindErrors,
              initialValue: typed(reply, "kind"),
            }}
            label={t("supportPlan.kindLabel")}
            placeholder=""
            options={optionsFrom(addable, (k) => SUPPORT_KIND_LABELS[k])}
          />
        </div>
        <ItemField
          id="add-language"
          name="language"
          label={t("supportPlan.addLanguageLabel")}
          result={reply}
          max={SUPPORT_TEXT_MAX.language}
        />
        <ItemField
          id="add-details"
          name="details"
          label={t("supportPlan.detailsLabel")}
          help={t("supportPlan.detailsHelp")}
          result={reply}
          long
          max={SUPPORT_TEXT_MAX.details}
        />
        <button type="submit" name="intent" value="add" className="btn-primary" disabled={navigation.state !== "idle"}>
          {t("supportPlan.add")}
        </button>
      </Form>
    </section>
  );
}

export default function SupportPlanPage() {
  const { t } = useTranslation("staff");
  const plan = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const reply = useActionData<typeof action>();
  const done = reply ? undefined : DONE.find((d) => d === searchParams.get("done"));
  return (
    <>
      <p>
        <Link to={`/engagements/${plan.engagement.id}`} className="link">
          ← {plan.engagement.title}
        </Link>
      </p>
      <h1 className="page-title mt-2">{t("supportPlan.title")}</h1>
      <p className="mt-1 max-w-3xl">{t("supportPlan.intro")}</p>
      <p className="mt-1 max-w-3xl">{t("supportPlan.termsNote")}</p>
      <div className="mt-4">{done ? <Notice>{t(`supportPlan.done.${done}`)}</Notice> : null}</div>
      {!plan.open ? <p className="card">{t("supportPlan.closed")}</p> : null}
      {plan.items.length === 0 ? (
        <p className="card mt-4">{t("supportPlan.none")}</p>
      ) : (
        <ul className="mt-4 space-y-4" aria-label={t("supportPlan.title")}>
          {plan.items.map((item) => (
            <ItemCard key={item.id} item={item} open={plan.open} costKey={plan.costKeys[item.id] ?? ""} />
          ))}
        </ul>
      )}
      {plan.addable.length ? <AddForm addable={plan.addable} /> : null}
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
