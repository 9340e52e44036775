import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, Notice, RadioGroupField, TextAreaField, TextField } from "~/components/forms";
import { PortalErrorPage } from "~/components/portal-error";
import { SafeTrans } from "~/i18n/safe-trans";
import { ownAvailability, setOwnAvailability, setOwnYearlyPayLimit } from "~/models/capacity/availability.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { parseAvailabilityForm, parsePayLimitForm } from "~/utils/capacity-forms.server";
import { AVAILABILITY_CHOICES } from "~/utils/capacity-options";
import { readForm } from "~/utils/form-data.server";
import { whereRuleErrorGoes, withHttpErrors } from "~/utils/http-errors.server";
import { RuleError } from "~/models/errors";
import { centsToInput, hundredthsToInput } from "~/utils/money";
import { useFormat } from "~/utils/use-format";

export const handle = { title: "portal:availability.title" };

// Their own words and their pay: never kept in the browser's cache, so Back after Quick exit shows nothing.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  // Always the signed-in person's own record in the active organization, never an id from the URL.
  return ownAvailability({ organizationId: membership.organizationId, userId: user.id });
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const own = { organizationId: membership.organizationId, userId: user.id };
  const form = await readForm(request);
  if (form.get("intent") === "pay-limit") {
    const submission = parsePayLimitForm(form);
    if (submission.status !== "success") return data({ payLimit: submission.reply() }, { status: 400 });
    setOwnYearlyPayLimit({ ...own, limitCents: submission.value.yearlyLimit });
    return redirect("/portal/availability?done=pay-limit");
  }
  const submission = parseAvailabilityForm(form);
  if (submission.status !== "success") return data({ availability: submission.reply() }, { status: 400 });
  const v = submission.value;
  try {
    setOwnAvailability({
      ...own,
      input: { state: v.state, monthlyLimitHundredths: v.monthlyHours, pausedUntil: v.pausedUntil, note: v.note },
    });
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    return data({ availability: submission.reply(whereRuleErrorGoes(error)) }, { status: 400 });
  }
  return redirect("/portal/availability?done=availability");
});

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Reply = { initialValue?: Record<string, unknown> | null; error?: Record<string, string[] | null> | null };

/**
 * A form's fields as the form components want them, from the server's last answer (what was typed,
 * and the message next to each field) or else from what is saved. Conform is not sent to the
 * browser here: the page stays light on a phone, and the forms are checked on the server anyway.
 */
type FieldMeta = {
  id: string;
  name: string;
  errorId: string;
  descriptionId: string;
  errors?: string[];
  initialValue: unknown;
};

function fieldsOf<N extends string>(
  form: string,
  names: readonly N[],
  reply: Reply | undefined,
  saved: Record<N, string>,
): Record<N, FieldMeta> {
  const fields = {} as Record<N, FieldMeta>;
  for (const name of names) {
    fields[name] = {
      id: `${form}-${name}`,
      name,
      errorId: `${form}-${name}-error`,
      descriptionId: `${form}-${name}-description`,
      errors: reply?.error?.[name] ?? undefined,
      initialValue: reply ? (reply.initialValue?.[name] ?? "") : saved[name],
    };
  }
  return fields;
}

function AvailabilityForm({ own }: { own: Data }) {
  const { t } = useTranslation("portal");
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const a = own.availability;
  const reply = answer && "availability" in answer ? (answer.availability as Reply) : undefined;
  const fields = fieldsOf("availability", ["state", "monthlyHours", "pausedUntil", "note"], reply, {
    state: a.state,
    monthlyHours: a.state === "limited" ? hundredthsToInput(a.monthlyLimitHundredths) : "",
    pausedUntil: a.state === "paused" ? a.pausedUntil : "",
    note: own.note ?? "",
  });
  return (
    // Keyed by the answer, so the fields show what was sent back after each one.
    <Form method="post" className="card" key={JSON.stringify(reply ?? null)} aria-labelledby="availability-heading">
      <h2 id="availability-heading" className="mb-2 text-lg font-semibold">
        {t("availability.form.heading")}
      </h2>
      <p className="mb-4">{t("availability.form.intro")}</p>
      <FormErrors id="availability-errors" errors={reply?.error?.[""] ?? undefined} />
      <input type="hidden" name="intent" value="availability" />
      <RadioGroupField field={fields.state} legend={t("availability.form.state")} options={AVAILABILITY_CHOICES} />
      <TextField
        field={fields.monthlyHours}
        label={t("availability.form.monthlyHours")}
        help={t("availability.form.monthlyHoursHelp")}
        inputMode="decimal"
        short
      />
      <TextField
        field={fields.pausedUntil}
        label={t("availability.form.pausedUntil")}
        help={t("availability.form.pausedUntilHelp")}
        type="date"
        short
      />
      <TextAreaField
        field={fields.note}
        label={t("availability.form.note")}
        help={t("availability.form.noteHelp")}
        rows={3}
      />
      <button type="submit" className="btn-primary w-full sm:w-auto" disabled={navigation.state === "submitting"}>
        {t("availability.form.save")}
      </button>
    </Form>
  );
}

function PayLimitForm({ own }: { own: Data }) {
  const { t } = useTranslation("portal");
  const f = useFormat();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const reply = answer && "payLimit" in answer ? (answer.payLimit as Reply) : undefined;
  const fields = fieldsOf("pay-limit", ["yearlyLimit"], reply, {
    yearlyLimit: own.yearlyPayLimitCents === null ? "" : centsToInput(own.yearlyPayLimitCents),
  });
  const year = own.thisYear;
  const limit = own.yearlyPayLimitCents;
  const counted = year.paidCents + year.waitingCents;
  return (
    <Form method="post" className="card mt-6" key={JSON.stringify(reply ?? null)} aria-labelledby="pay-limit-heading">
      <h2 id="pay-limit-heading" className="mb-2 text-lg font-semibold">
        {t("availability.pay.heading")}
      </h2>
      <p>{t("availability.pay.why")}</p>
      <p className="mt-2">{t("availability.pay.noAdvice")}</p>
      {own.benefitsGuidanceUrl ? (
        <p className="mt-2">
          <SafeTrans
            t={t}
            i18nKey="availability.pay.guidance"
            components={{ guide: <a href={own.benefitsGuidanceUrl} className="link" rel="noopener noreferrer" /> }}
          />
        </p>
      ) : null}
      <dl className="my-4 space-y-1" id="pay-this-year">
        <div>
          <dt className="font-medium">{t("availability.pay.paidInYear", { year: year.year })}</dt>
          <dd className="text-2xl font-bold">{f.money(year.paidCents)}</dd>
        </div>
        {year.waitingCents ? (
          <div>
            <dt className="font-medium">{t("availability.pay.waiting")}</dt>
            <dd>{f.money(year.waitingCents)}</dd>
          </div>
        ) : null}
        {limit !== null ? (
          <div>
            <dt className="font-medium">{t("availability.pay.yourLimit")}</dt>
            <dd>
              {f.money(limit)}{" "}
              <span className={counted > limit ? "block font-semibold text-red-800" : "block"}>
                {counted > limit
                  ? t("availability.pay.over", { amount: counted - limit })
                  : t("availability.pay.left", { amount: limit - counted })}
              </span>
            </dd>
          </div>
        ) : null}
      </dl>
      <FormErrors id="pay-limit-errors" errors={reply?.error?.[""] ?? undefined} />
      <input type="hidden" name="intent" value="pay-limit" />
      <TextField
        field={fields.yearlyLimit}
        label={t("availability.pay.limit")}
        help={t("availability.pay.limitHelp")}
        inputMode="decimal"
        short
      />
      <button type="submit" className="btn-primary w-full sm:w-auto" disabled={navigation.state === "submitting"}>
        {t("availability.pay.save")}
      </button>
    </Form>
  );
}

export default function MyAvailability() {
  const own = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation("portal");
  const [searchParams] = useSearchParams();
  const done = answer ? null : searchParams.get("done");
  const a = own.availability;
  return (
    <>
      <h1 className="page-title">{t("availability.title")}</h1>
      <p className="mt-2">{t("availability.intro")}</p>
      {done === "availability" ? <Notice>{t("availability.saved")}</Notice> : null}
      {done === "pay-limit" ? <Notice>{t("availability.pay.saved")}</Notice> : null}
      <p className="my-4 font-medium" id="availability-now">
        {a.state === "paused"
          ? t("availability.now.paused", { until: a.pausedUntil })
          : a.state === "limited"
            ? t("availability.now.limited", { hours: a.monthlyLimitHundredths })
            : t("availability.now.open")}
      </p>
      <AvailabilityForm own={own} />
      <PayLimitForm own={own} />
    </>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("portal");
  return <PortalErrorPage title={t("availability.title")} />;
}
