import { SafeTrans } from "~/i18n/safe-trans";
import { RuleError } from "~/models/errors";
import { whereRuleErrorGoes, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormErrors, Notice, RadioGroupField, TextAreaField, TextField } from "~/components/forms";
import { GivenIn, WordingFallbackNote } from "~/components/consent-wording";
import { PortalErrorPage } from "~/components/portal-error";
import {
  confirmMyConsents,
  myConsentChoices,
  recordMyConsentDecision,
  sendConsentReceiptNotice,
  type MyConsentPurpose,
} from "~/models/consent/portal.server";
import { requireOwnConsultant } from "~/models/consultant/own.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { languageFor } from "~/i18n/i18n.server";
import { CONSENT_EVENT_LABELS, NAME_CHOICE_LABELS } from "~/utils/consent-options";
import { useMessage } from "~/i18n/use-message";
import { useFormat } from "~/utils/use-format";
import { readForm } from "~/utils/form-data.server";
import {
  PortalDecisionSchema as DecisionSchema,
  ReconfirmSchema as ConfirmSchema,
  shownVersionsValue,
} from "~/utils/consent-decision-schema";

// The consultant's own choices: never kept in the browser's cache, so Back after Quick exit cannot show them.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

/** Fields the yes form shows; any other rule's message goes above the form. */
const FORM_FIELDS = new Set(["scopeNotes", "nameChoice", "expiresOn"]);

const newKeys = () => ({
  granted: crypto.randomUUID(),
  declined: crypto.randomUUID(),
  withdrawn: crypto.randomUUID(),
});

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  // Always the signed-in person's own record in the active organization, never an id from a form or URL.
  const own = requireOwnConsultant(membership.organizationId, user.id);
  // The words in the page's language, as the portal layout settles it.
  const language = await languageFor(request, user.preferredLanguage);
  const choices = myConsentChoices(membership.organizationId, own.id, language);
  return {
    ...choices,
    // One key per form: a form sent twice records once, and two different forms never share one.
    keys: Object.fromEntries(choices.purposes.map((p) => [p.id, newKeys()])),
    confirmKey: crypto.randomUUID(),
  };
});

type Reply = {
  form: "decide" | "reconfirm";
  purposeId: string | null;
  decision: string | null;
  result: SubmissionResult<string[]>;
};

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const own = requireOwnConsultant(membership.organizationId, user.id);
  // The reader's language decides which words they were shown, and so what their choice records.
  const language = await languageFor(request, user.preferredLanguage);
  const scope = { organizationId: membership.organizationId, consultantId: own.id, userId: user.id, language };
  const formData = await readForm(request);

  if (formData.get("intent") === "reconfirm") {
    const submission = parseWithZod(formData, { schema: ConfirmSchema });
    const fail = (result: SubmissionResult<string[]>) =>
      data<Reply>({ form: "reconfirm", purposeId: null, decision: null, result }, { status: 400 });
    if (submission.status !== "success") return fail(submission.reply());
    try {
      const { created } = confirmMyConsents({ ...scope, ...submission.value });
      if (created > 0) await sendConsentReceiptNotice(membership.organizationId, own.id);
    } catch (error) {
      if (error instanceof RuleError) return fail(submission.reply({ formErrors: [error.text] }));
      throw error;
    }
    return redirect("/portal/consent?done=confirmed");
  }

  const asText = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : null);
  const fail = (result: SubmissionResult<string[]>) =>
    data<Reply>(
      {
        form: "decide",
        purposeId: asText(formData.get("purposeId")),
        decision: asText(formData.get("decision")),
        result,
      },
      { status: 400 },
    );
  const submission = parseWithZod(formData, { schema: DecisionSchema });
  if (submission.status !== "success") return fail(submission.reply());
  try {
    const { eventId, created } = recordMyConsentDecision({ ...scope, ...submission.value });
    if (created) await sendConsentReceiptNotice(membership.organizationId, own.id);
    return redirect(`/portal/consent/${eventId}?done=saved`);
  } catch (error) {
    if (error instanceof RuleError) {
      return fail(submission.reply(whereRuleErrorGoes(error, !FORM_FIELDS.has(error.field ?? ""))));
    }
    throw error;
  }
});

type Keys = ReturnType<typeof newKeys>;
type Purpose = Omit<MyConsentPurpose, "decidedAt"> & { decidedAt: string | Date | null };
type Receipt = ReturnType<typeof useLoaderData<typeof loader>>["receipts"][number];

function KeyFields({
  purpose,
  decision,
  creationKey,
}: {
  purpose: Pick<Purpose, "id" | "language" | "version">;
  decision: string;
  creationKey: string;
}) {
  return (
    <>
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="purposeId" value={purpose.id} />
      <input type="hidden" name="decision" value={decision} />
      <input type="hidden" name="creationKey" value={creationKey} />
      {/* The language of the words above the form: the server records it only if it is what it showed. */}
      <input type="hidden" name="shownLanguage" value={purpose.language} />
      {/* And their version: a choice is never recorded on words published after the page was opened. */}
      <input type="hidden" name="shownVersion" value={purpose.version} />
    </>
  );
}

/** My current choice in plain sentences. */
function ChoiceWords({ purpose: p }: { purpose: Purpose }) {
  const fmt = useFormat();
  const { t } = useTranslation("portal");
  const words = useMessage();
  const strong = { strong: <strong /> };
  // A choice given on paper or out loud counts from that day, not the day the team typed it in.
  const on = p.givenOn ? fmt.calendarDay(p.givenOn) : p.decidedAt ? fmt.date(p.decidedAt) : "";
  switch (p.state) {
    case "granted":
      return (
        <>
          <p>
            <SafeTrans t={t} i18nKey="consent.choice.yes" values={{ on }} components={strong} />
          </p>
          <p>{p.endsOn ? t("consent.choice.endsOn", { day: fmt.calendarDay(p.endsOn) }) : t("consent.choice.noEnd")}</p>
          {p.nameChoice ? (
            <p>{t("consent.choice.nameWeMayUse", { name: words(NAME_CHOICE_LABELS[p.nameChoice]) })}</p>
          ) : null}
          {p.scopeNotes ? (
            <p className="whitespace-pre-wrap">{t("consent.choice.limits", { notes: p.scopeNotes })}</p>
          ) : (
            <p>{t("consent.choice.noLimits")}</p>
          )}
        </>
      );
    case "declined":
      return (
        <p>
          <SafeTrans t={t} i18nKey="consent.choice.no" values={{ on }} components={strong} />
        </p>
      );
    case "withdrawn":
      return (
        <>
          <p>
            <SafeTrans t={t} i18nKey="consent.choice.withdrawn" values={{ on }} components={strong} />
          </p>
          <p>{t("consent.choice.stopped")}</p>
        </>
      );
    case "expired":
      return (
        <>
          <p>
            {p.endsOn ? (
              <SafeTrans
                t={t}
                i18nKey="consent.choice.expiredOn"
                values={{ day: fmt.calendarDay(p.endsOn) }}
                components={strong}
              />
            ) : (
              <SafeTrans t={t} i18nKey="consent.choice.expired" components={strong} />
            )}
          </p>
          <p>{t("consent.choice.sayAgain")}</p>
        </>
      );
    case "not_asked":
      return (
        <>
          <p>
            <strong>{t("consent.choice.notChosen")}</strong>
          </p>
          <p>{t("consent.untilYes")}</p>
        </>
      );
  }
}

function YesForm({
  purpose: p,
  creationKey,
  lastResult,
}: {
  purpose: Purpose;
  creationKey: string;
  lastResult?: SubmissionResult<string[]>;
}) {
  const navigation = useNavigation();
  const fmt = useFormat();
  const { t } = useTranslation("portal");
  const [form, fields] = useForm<z.input<typeof DecisionSchema>>({
    id: `yes-${p.id}`,
    lastResult,
    shouldValidate: "onSubmit",
    // Changing a current yes starts from what it allows now.
    defaultValue:
      p.state === "granted"
        ? { scopeNotes: p.scopeNotes ?? "", nameChoice: p.nameChoice ?? undefined, expiresOn: p.endsOn ?? "" }
        : {},
  });
  const busy = navigation.state === "submitting" && navigation.formData?.get("creationKey") === creationKey;
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3">
      <FormErrors id={form.errorId} errors={form.errors} />
      <KeyFields purpose={p} decision="granted" creationKey={creationKey} />
      {p.asksNameChoice ? (
        <RadioGroupField
          field={fields.nameChoice}
          legend={t("consent.yesForm.whichName")}
          options={Object.entries(NAME_CHOICE_LABELS)}
        />
      ) : null}
      <TextAreaField
        field={fields.scopeNotes}
        label={t("consent.yesForm.limitLabel")}
        help={t("consent.yesForm.limitHelp")}
      />
      <TextField
        field={fields.expiresOn}
        type="date"
        label={t("consent.yesForm.endLabel")}
        help={
          p.defaultEndDate
            ? t("consent.yesForm.endHelpDefault", { day: fmt.calendarDay(p.defaultEndDate) })
            : t("consent.yesForm.endHelpNone")
        }
      />
      <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
        {busy ? t("consent.yesForm.saving") : t("consent.yesForm.save")}
        <span className="sr-only">: {p.label}</span>
      </button>
    </Form>
  );
}

function PurposeCard({ purpose: p, keys, reply }: { purpose: Purpose; keys: Keys; reply?: Reply }) {
  const { t } = useTranslation("portal");
  const mine = reply?.form === "decide" && reply.purposeId === p.id ? reply : undefined;
  // The yes form shows its own messages next to its fields; a no or a withdrawal has no fields.
  const yesResult = mine?.decision === "granted" ? mine.result : undefined;
  const errors =
    mine && !yesResult
      ? (Object.values(mine.result.error ?? {})
          .flat()
          .filter(Boolean) as string[])
      : [];
  const headingId = `purpose-${p.id}`;
  return (
    <section aria-labelledby={headingId} className="card mt-4">
      {/* The organization's words carry their own language: English on a Spanish page, when not yet written. */}
      <h2 id={headingId} lang={p.language} className="text-lg font-semibold">
        {p.label}
      </h2>
      <p lang={p.language} className="mt-2 whitespace-pre-wrap">
        {p.text}
      </p>
      {p.fallback ? <WordingFallbackNote className="mt-1 text-sm text-slate-700" /> : null}
      <p className="mt-1 text-sm text-slate-700">{t("consent.purpose.version", { version: p.version })}</p>

      <div className="mt-4 space-y-1 border-t border-slate-200 pt-3">
        <ChoiceWords purpose={p} />
        {p.eventId ? (
          <p>
            <Link to={`/portal/consent/${p.eventId}`} className="link inline-flex min-h-[44px] items-center">
              {t("consent.purpose.seeReceipt")}
              <span className="sr-only">: {p.label}</span>
            </Link>
          </p>
        ) : null}
      </div>

      {p.decidedVersion ? (
        <div className="mt-3 rounded-md border border-amber-700 bg-amber-50 p-3">
          <p className="font-semibold">{t("consent.purpose.wordingChanged")}</p>
          <p className="mt-1">{t("consent.purpose.youChoseOn", { version: p.decidedVersion.version })}</p>
          <blockquote
            lang={p.decidedLanguage ?? undefined}
            className="mt-2 whitespace-pre-wrap border-l-4 border-slate-400 pl-3"
          >
            {p.decidedVersion.label !== p.label ? (
              <span className="block font-semibold">{p.decidedVersion.label}</span>
            ) : null}
            {p.decidedVersion.text}
          </blockquote>
          {p.decidedLanguage && p.decidedLanguage !== p.language ? (
            <GivenIn language={p.decidedLanguage} className="mt-1 text-sm" />
          ) : null}
          <p className="mt-2">{t("consent.purpose.checkStillRight")}</p>
        </div>
      ) : null}

      <div className="mt-3">
        <FormErrors id={`errors-${p.id}`} errors={errors} />
        {p.state === "granted" ? (
          <>
            <details className="mt-2">
              <summary className="btn-danger cursor-pointer list-none">
                {t("consent.purpose.withdraw")}
                <span className="sr-only">: {p.label}</span>
              </summary>
              {/* A second, deliberate click, which works without JavaScript. */}
              <Form method="post" className="mt-2 space-y-1 rounded-md border border-red-700 bg-white p-3">
                <KeyFields purpose={p} decision="withdrawn" creationKey={keys.withdrawn} />
                <p>{t("consent.purpose.withdrawStops")}</p>
                <p>{t("consent.purpose.cannotTakeBack")}</p>
                <p>{t("consent.purpose.noReason")}</p>
                <button type="submit" className="btn-danger mt-2">
                  {t("consent.purpose.confirmWithdraw")}
                  <span className="sr-only">: {p.label}</span>
                </button>
              </Form>
            </details>
            <details className="mt-2" open={Boolean(yesResult)}>
              <summary className="btn-secondary cursor-pointer list-none">
                {t("consent.purpose.change")}
                <span className="sr-only">: {p.label}</span>
              </summary>
              <YesForm purpose={p} creationKey={keys.granted} lastResult={yesResult} />
            </details>
          </>
        ) : (
          <div className="flex flex-col gap-2">
            <details open={Boolean(yesResult)}>
              <summary className="btn-secondary cursor-pointer list-none">
                {t("consent.purpose.sayYes")}
                <span className="sr-only">: {p.label}</span>
              </summary>
              <YesForm purpose={p} creationKey={keys.granted} lastResult={yesResult} />
            </details>
            {p.state === "not_asked" || p.state === "expired" ? (
              <Form method="post">
                <KeyFields purpose={p} decision="declined" creationKey={keys.declined} />
                <button type="submit" className="btn-secondary">
                  {t("consent.purpose.sayNo")}
                  <span className="sr-only">: {p.label}</span>
                </button>
              </Form>
            ) : null}
          </div>
        )}
      </div>
    </section>
  );
}

function ConfirmNotice({
  title,
  decided,
  confirmKey,
  shownVersions,
  reply,
}: {
  title: string;
  decided: boolean;
  confirmKey: string;
  shownVersions: string;
  reply?: Reply;
}) {
  const { t } = useTranslation("portal");
  const errors = reply?.form === "reconfirm" ? (Object.values(reply.result.error ?? {}).flat() as string[]) : [];
  return (
    <section aria-labelledby="check-heading" className="mt-4 rounded-lg border-2 border-brand-600 bg-brand-50 p-4">
      <h2 id="check-heading" className="text-lg font-semibold">
        {t("consent.check.heading")}
      </h2>
      <p className="mt-2">
        {decided ? t("consent.check.newWorkDecided", { title }) : t("consent.check.newWorkUndecided", { title })}
      </p>
      {decided ? (
        <>
          <FormErrors id="confirm-errors" errors={errors} />
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="reconfirm" />
            <input type="hidden" name="creationKey" value={confirmKey} />
            <input type="hidden" name="shownVersions" value={shownVersions} />
            <button type="submit" className="btn-primary w-full sm:w-auto">
              {t("consent.check.stillRight")}
            </button>
          </Form>
          <p className="mt-2 text-sm">{t("consent.check.orChange")}</p>
        </>
      ) : null}
    </section>
  );
}

/** For a choice the team saved for me: the day I signed or said it, and who was there. */
function GivenOffline({ receipt: r }: { receipt: Receipt }) {
  const fmt = useFormat();
  const { t } = useTranslation("portal");
  const given = { day: fmt.calendarDay(r.givenOn!) };
  return (
    <p className="text-sm text-slate-700">
      {r.method === "written_form" ? t("consent.givenOffline.signed", given) : t("consent.givenOffline.told", given)}
      {r.witnessName ? ` ${t("consent.givenOffline.witness", { name: r.witnessName })}` : ""}{" "}
      {t("consent.givenOffline.saved", { day: fmt.date(r.createdAt) })}
    </p>
  );
}

export default function MyChoices() {
  const { purposes, receipts, awaitingEngagement, keys, confirmKey } = useLoaderData<typeof loader>();
  const fmt = useFormat();
  const { t } = useTranslation("portal");
  const words = useMessage();
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const confirmed = !reply && searchParams.get("done") === "confirmed";
  const decided = purposes.some((p) => p.state === "granted" || p.state === "declined");
  const nothingYet = purposes.every((p) => p.state === "not_asked");
  // A reply about no purpose on this page (one since removed, say) still needs to be seen.
  const strayErrors =
    reply?.form === "decide" && !purposes.some((p) => p.id === reply.purposeId)
      ? (Object.values(reply.result.error ?? {})
          .flat()
          .filter(Boolean) as string[])
      : [];
  return (
    <>
      <h1 className="page-title">{t("consent.title")}</h1>
      <p className="mt-2">{t("consent.intro")}</p>
      <p className="mt-1">{t("consent.changeAnyTime")}</p>
      <div className="mt-4">{confirmed ? <Notice>{t("consent.confirmed")}</Notice> : null}</div>
      <FormErrors id="page-errors" errors={strayErrors} />

      {awaitingEngagement ? (
        <ConfirmNotice
          title={awaitingEngagement.title}
          decided={decided}
          confirmKey={confirmKey}
          shownVersions={shownVersionsValue(purposes)}
          reply={reply}
        />
      ) : null}

      {nothingYet ? (
        <div className="card mt-4">
          <h2 className="text-lg font-semibold">{t("consent.nothingYet.heading")}</h2>
          <p className="mt-2">{t("consent.nothingYet.readEach")}</p>
          <p className="mt-1">{t("consent.untilYes")}</p>
        </div>
      ) : null}

      {purposes.map((p) => (
        <PurposeCard key={p.id} purpose={p} keys={keys[p.id]!} reply={reply} />
      ))}

      <section aria-labelledby="receipts-heading" className="card mt-6">
        <h2 id="receipts-heading" className="text-lg font-semibold">
          {t("consent.receipts.heading")}
        </h2>
        {receipts.length === 0 ? (
          <p className="mt-2">{t("consent.receipts.none")}</p>
        ) : (
          <>
            <p className="mt-2">{t("consent.receipts.intro")}</p>
            <ul className="mt-2 divide-y divide-slate-200">
              {receipts.map((r) => (
                <li key={r.id} className="pb-2">
                  <Link to={`/portal/consent/${r.id}`} className="link flex min-h-[44px] items-center py-2">
                    {t("consent.receipts.item", {
                      when: fmt.dateTime(r.createdAt),
                      event: words(CONSENT_EVENT_LABELS[r.kind]),
                      purpose: r.label,
                    })}
                  </Link>
                  {r.givenOn ? <GivenOffline receipt={r} /> : null}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("portal");
  return <PortalErrorPage title={t("consent.title")} />;
}
