import { RuleError } from "~/models/errors";
import { withHttpErrors, whereRuleErrorGoes } from "~/utils/http-errors.server";
import type { SubmissionResult } from "@conform-to/react";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxGroupField, FormErrors, Notice, TextAreaField, TextField } from "~/components/forms";
import { PortalErrorPage } from "~/components/portal-error";
import { SupportItemFacts, SupportStatusBadge } from "~/components/support-plan";
import { languageFor } from "~/i18n/i18n.server";
import { useMessage } from "~/i18n/use-message";
import { askForSupport, ownSupportPlan, withdrawSupportRequest } from "~/models/engagement/support-plan.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { readForm } from "~/utils/form-data.server";
import { SUPPORT_KIND_LABELS, WORDS_FIELD_OF } from "~/utils/support-options";
import { parseWithZod, PortalSupportSchema, requestsFrom } from "~/utils/support-schema.server";

// What a consultant needs to take part is theirs alone: never kept in the browser's cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  // A 404 unless this is the signed-in consultant's own work.
  return ownSupportPlan({
    organizationId: membership.organizationId,
    userId: user.id,
    engagementId: params.id ?? "",
    language: await languageFor(request, user.preferredLanguage),
  });
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const engagementId = params.id ?? "";
  const own = { organizationId: membership.organizationId, userId: user.id, engagementId };
  const submission = parseWithZod(await readForm(request, ["kinds"]), { schema: PortalSupportSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  try {
    if (v.intent === "withdraw") {
      withdrawSupportRequest({ ...own, itemId: v.itemId });
      return redirect(`/portal/work/${engagementId}/support?done=withdrawn`);
    }
    askForSupport({ ...own, requests: requestsFrom(v) });
  } catch (error) {
    if (error instanceof RuleError) return data(submission.reply(whereRuleErrorGoes(error)), { status: 400 });
    throw error;
  }
  // Back to the work, where the plan shows beside the terms it is part of.
  return redirect(`/portal/work/${engagementId}?done=support#support-heading`);
});

type Plan = ReturnType<typeof useLoaderData<typeof loader>>;

export default function AskForSupport() {
  const { t } = useTranslation("portal");
  const words = useMessage();
  const plan = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const [searchParams] = useSearchParams();
  const withdrawn = !lastResult && searchParams.get("done") === "withdrawn";
  return (
    <>
      <p>
        <Link to={`/portal/work/${plan.engagement.id}`} className="link">
          {t("supportPlan.back")}
        </Link>
      </p>
      <h1 className="page-title mt-2">{t("supportPlan.askTitle")}</h1>
      <p className="mt-1" lang={plan.engagement.titleLanguage}>
        {plan.engagement.title}
      </p>
      <p className="mt-3">{t("supportPlan.intro")}</p>
      <p className="mt-1">{t("supportPlan.partOfTerms")}</p>
      <div className="mt-4">{withdrawn ? <Notice>{t("supportPlan.withdrawn")}</Notice> : null}</div>

      <section aria-labelledby="requests-heading" className="card mt-4">
        <h2 id="requests-heading" className="text-lg font-semibold">
          {t("supportPlan.yourPlan")}
        </h2>
        {lastResult?.initialValue?.intent === "withdraw" ? (
          <FormErrors id="withdraw-errors" errors={Object.values(lastResult.error ?? {}).flat() as string[]} />
        ) : null}
        {plan.items.length === 0 ? (
          <p className="mt-2">{t("supportPlan.nothingYet")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-200">
            {plan.items.map((item) => (
              <li key={item.id} className="py-3">
                <h3 className="flex flex-wrap items-center gap-2 font-semibold">
                  {words(SUPPORT_KIND_LABELS[item.kind])} <SupportStatusBadge status={item.status} />
                </h3>
                <SupportItemFacts item={item} detailsLabel={t("supportPlan.yourWords")} />
                {item.status === "requested" ? <p className="mt-1">{t("supportPlan.waiting")}</p> : null}
                {item.status === "declined" ? <p className="mt-1">{t("supportPlan.askAgain")}</p> : null}
                {item.status === "requested" && item.source === "consultant" && plan.open ? (
                  <Form method="post" className="mt-2">
                    <input type="hidden" name="itemId" value={item.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="withdraw"
                      className="btn-secondary min-h-[44px] w-full sm:w-auto"
                      disabled={busy}
                    >
                      {t("supportPlan.withdraw")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {!plan.open ? (
        <p className="card mt-4">{t("supportPlan.closed")}</p>
      ) : plan.askable.length === 0 ? (
        <p className="card mt-4">{t("supportPlan.allAsked")}</p>
      ) : (
        <AskForm
          // A fresh form after each answer of the server, showing what it kept of the last one.
          key={JSON.stringify(lastResult?.initialValue ?? null)}
          plan={plan}
          lastResult={lastResult?.initialValue?.intent === "ask" ? lastResult : undefined}
        />
      )}
    </>
  );
}

/**
 * A field of the form as the form components take it, with the server's answer to the last sending:
 * its message and what was typed. No form library runs in the browser (the page stays light on a phone).
 */
function fieldOf(reply: SubmissionResult<string[]> | undefined, name: string) {
  return {
    id: `ask-${name}`,
    name,
    errorId: `ask-${name}-error`,
    descriptionId: `ask-${name}-help`,
    errors: reply?.error?.[name] ?? undefined,
    initialValue: (reply?.initialValue as Record<string, unknown> | undefined)?.[name],
  };
}

function AskForm({ plan, lastResult }: { plan: Plan; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation("portal");
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const askable = new Set<string>(plan.askable);
  // Each kind's own words go in their own field, offered only while that kind can be asked for.
  const offers = Object.fromEntries(
    Object.entries(WORDS_FIELD_OF).map(([kind, field]) => [field, askable.has(kind)]),
  ) as Record<(typeof WORDS_FIELD_OF)[keyof typeof WORDS_FIELD_OF], boolean>;
  return (
    <section aria-labelledby="ask-heading" className="card mt-4">
      <h2 id="ask-heading" className="text-lg font-semibold">
        {t("supportPlan.askHeading")}
      </h2>
      <Form method="post" id="ask-support" className="mt-3">
        <FormErrors id="ask-errors" errors={lastResult?.error?.[""] ?? undefined} />
        <input type="hidden" name="intent" value="ask" />
        <CheckboxGroupField
          field={fieldOf(lastResult, "kinds")}
          legend={t("supportPlan.whatHelps")}
          help={t("supportPlan.whatHelpsHelp")}
          options={plan.askable.map((kind) => [kind, SUPPORT_KIND_LABELS[kind]] as const)}
        />
        {offers.language ? (
          <TextField
            field={fieldOf(lastResult, "language")}
            label={t("supportPlan.languageLabel")}
            help={t("supportPlan.languageHelp")}
          />
        ) : null}
        {offers.supportPerson ? (
          <TextField
            field={fieldOf(lastResult, "supportPerson")}
            label={t("supportPlan.supportPersonLabel")}
            help={t("supportPlan.privateHelp")}
          />
        ) : null}
        {offers.accessNeeds ? (
          <TextAreaField
            field={fieldOf(lastResult, "accessNeeds")}
            label={t("supportPlan.accessNeedsLabel")}
            help={t("supportPlan.accessNeedsHelp")}
            rows={4}
          />
        ) : null}
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
          {t("supportPlan.send")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("portal");
  return <PortalErrorPage title={t("supportPlan.askTitle")} />;
}
