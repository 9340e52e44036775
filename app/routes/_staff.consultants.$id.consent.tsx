import { replyWithRuleError, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { DEFAULT_LANGUAGE, intlLocale, LANGUAGES, languageName, type Language } from "~/i18n/config";
import { GivenIn } from "~/components/consent-wording";
import { useMessage } from "~/i18n/use-message";
import { NAME_CHOICES } from "../../db/schema";
import { FormErrors, Notice, RadioGroupField, SelectField, TextAreaField, TextField } from "~/components/forms";
import { latestChoiceDays, recordConsentDecision } from "~/models/consent/decisions.server";
import { consentHistory, consentOverview } from "~/models/consent/reads.server";
import { consultantForConsent } from "~/models/consent/record.server";
import { notifyConsultant } from "~/models/contact.server";
import { getConsultantForStaff } from "~/models/consultant/record.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { organizationToday } from "~/models/settings.server";
import {
  GIVEN_ON_YEARS_BACK,
  offlineDecisionDetails,
  STAFF_CONSENT_METHODS,
  STAFF_DECISIONS,
  shownVersionsValue,
  staffDecisionSchema,
  type StaffDecisionForm,
} from "~/utils/consent-decision-schema";
import {
  CONSENT_EVENT_LABELS,
  CONSENT_METHOD_LABELS,
  CONSENT_STATE_LABELS,
  type ConsentState,
} from "~/utils/consent-options";
import { useFormat } from "~/utils/use-format";
import { personWords } from "~/utils/pronouns";
import { readForm } from "~/utils/form-data.server";

export const handle = { title: "staff:consent.title" };

const DONE = {
  granted: "consent.consultant.done.granted",
  declined: "consent.consultant.done.declined",
  withdrawn: "consent.consultant.done.withdrawn",
} as const;
const isDone = (value: string | null): value is keyof typeof DONE => value !== null && value in DONE;

/**
 * Which sentences speak of the consultant: by the pronouns they gave ("she", "he", "they"), or by
 * their name when they gave none we know (see personWords). Each language words each case its own way.
 */
function pronounCase(name: string, pronouns: string | null) {
  const subject = personWords(name, pronouns).subject;
  return subject === "she" || subject === "he" || subject === "they" ? subject : "name";
}

/** "3 years", "18 months": how long a purpose's usual yes lasts. */
function duration(months: number, t: TFunction<"staff">) {
  return months % 12 === 0
    ? t("consent.consultant.years", { count: months / 12 })
    : t("consent.consultant.months", { count: months });
}

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const organizationId = membership.organizationId;
  // A 404 for anyone outside this organization; opening it is audited like the record itself.
  const consultant = getConsultantForStaff({
    organizationId,
    consultantId: params.id ?? "",
    viewer: { userId: user.id, role: membership.role },
  });
  const today = organizationToday(organizationId);
  return {
    consultant: { id: consultant.id, preferredName: consultant.preferredName, pronouns: consultant.pronouns },
    today,
    overview: consentOverview(organizationId, consultant.id, today),
    history: consentHistory(organizationId, consultant.id),
    creationKey: crypto.randomUUID(),
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "consent:record");
  const organizationId = membership.organizationId;
  const consultant = consultantForConsent(organizationId, params.id ?? "");
  // The form and the model judge the days against the same "today": the organization's.
  const today = organizationToday(organizationId);
  const submission = parseWithZod(await readForm(request), {
    schema: staffDecisionSchema(today, latestChoiceDays(organizationId, consultant.id)),
  });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  try {
    const { created } = recordConsentDecision({
      organizationId,
      consultantId: consultant.id,
      purposeId: v.purposeId,
      decision: v.decision,
      actor: { kind: "staff", userId: user.id, role: membership.role },
      method: v.method,
      scopeNotes: v.scopeNotes || null,
      nameChoice: v.nameChoice ?? null,
      expiresOn: v.expiresOn || null,
      givenOn: v.givenOn || null,
      witnessName: v.witnessName || null,
      formKeptAt: v.formKeptAt || null,
      requestedBy: v.requestedBy || null,
      requestedOn: v.requestedOn || null,
      language: v.language,
      shownVersion: v.shownVersions[v.purposeId] ?? 0,
      creationKey: v.creationKey,
      today,
    });
    let emailed = false;
    if (created) {
      // A neutral "You have an update", only where email is safe: the receipt itself is in the portal.
      const sent = await notifyConsultant({
        organizationId,
        consultantId: consultant.id,
        message: { template: "portal-receipt" },
      });
      emailed = sent.sent === "email";
    }
    return redirect(`/consultants/${consultant.id}/consent?done=${v.decision}${emailed ? "&emailed=1" : ""}`);
  } catch (error) {
    return replyWithRuleError(error, submission);
  }
});

// Staff words for the name choice (the portal's labels speak as the consultant: "My real name").
const NAME_CHOICE_STAFF_LABELS = {
  real_name: "consent.consultant.nameChoices.realName",
  chosen_name: "consent.consultant.nameChoices.chosenName",
  anonymous: "consent.consultant.nameChoices.anonymous",
} as const;

const STATE_STYLE: Record<ConsentState, string> = {
  granted: "border-emerald-700 bg-emerald-50 text-emerald-900",
  declined: "border-slate-500 bg-slate-50 text-slate-900",
  withdrawn: "border-red-700 bg-red-50 text-red-900",
  expired: "border-amber-700 bg-amber-50 text-amber-900",
  not_asked: "border-slate-300 bg-white text-slate-800",
};

function StateBadge({ state }: { state: ConsentState }) {
  const words = useMessage();
  return (
    <span className={`inline-block rounded-md border px-2 py-0.5 text-sm font-semibold ${STATE_STYLE[state]}`}>
      {words(CONSENT_STATE_LABELS[state])}
    </span>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** "English and Español": the languages a wording is written in, each in its own name. */
function listOfLanguages(languages: readonly Language[], reader: Language) {
  return new Intl.ListFormat(intlLocale(reader), { type: "conjunction" }).format(languages.map(languageName));
}

export default function ConsultantConsent() {
  const { consultant, overview, history, creationKey, today } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const doneParam = searchParams.get("done");
  const done = isDone(doneParam) ? DONE[doneParam] : null;
  const emailed = searchParams.get("emailed") === "1";
  const { t } = useTranslation("staff");
  const person = pronounCase(consultant.preferredName, consultant.pronouns);
  const name = { name: consultant.preferredName };

  return (
    <>
      <p>
        <Link to={`/consultants/${consultant.id}`} className="link">
          {t("consent.consultant.back", name)}
        </Link>
      </p>
      <h1 className="page-title mt-2">{t("consent.consultant.heading", name)}</h1>
      <p className="mt-1 max-w-3xl text-slate-700">{t(`consent.consultant.intro.${person}`, name)}</p>
      <div className="mt-4">
        {done ? (
          <Notice>
            {t(done)}{" "}
            {emailed
              ? t(`consent.consultant.emailed.${person}`, name)
              : t(`consent.consultant.notEmailed.${person}`, name)}
          </Notice>
        ) : null}
      </div>

      <div className="grid gap-6 lg:grid-cols-5">
        <div className="space-y-6 lg:col-span-3">
          <CurrentChoices overview={overview} />
          <History history={history} />
        </div>
        <div className="lg:col-span-2">
          {/* A new key after each saved choice empties the form; after a refusal the key stays and so does the input. */}
          <RecordChoiceForm key={creationKey} overview={overview} creationKey={creationKey} today={today} />
        </div>
      </div>
    </>
  );
}

function CurrentChoices({ overview }: { overview: LoaderData["overview"] }) {
  const fmt = useFormat();
  const { t } = useTranslation("staff");
  return (
    <section aria-labelledby="current-heading" className="card">
      <h2 id="current-heading" className="text-lg font-semibold">
        {t("consent.consultant.currentHeading")}
      </h2>
      <ul className="mt-3 divide-y divide-slate-200">
        {overview.map((c) => (
          <li key={c.purpose.id} className="py-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="font-semibold">{c.purpose.label}</h3>
              <StateBadge state={c.state} />
            </div>
            <dl className="mt-1 text-sm">
              {c.scopeNotes ? (
                <div className="flex flex-wrap gap-1">
                  <dt className="font-medium">{t("consent.consultant.limits")}</dt>
                  <dd>{c.scopeNotes}</dd>
                </div>
              ) : null}
              {c.nameChoice ? (
                <div className="flex flex-wrap gap-1">
                  <dt className="font-medium">{t("consent.consultant.nameToUse")}</dt>
                  <dd>{t(NAME_CHOICE_STAFF_LABELS[c.nameChoice])}</dd>
                </div>
              ) : null}
              {c.state === "granted" ? (
                <div className="flex flex-wrap gap-1">
                  <dt className="font-medium">{t("consent.consultant.ends")}</dt>
                  <dd>{c.expiresOn ? fmt.calendarDay(c.expiresOn) : t("consent.consultant.noEndDate")}</dd>
                </div>
              ) : null}
              {c.decidedVersion && c.decidedAt ? (
                <div className="flex flex-wrap gap-1">
                  <dt className="font-medium">{t("consent.consultant.decided")}</dt>
                  <dd>
                    {c.givenOn
                      ? t("consent.consultant.decidedGiven", {
                          given: fmt.calendarDay(c.givenOn),
                          recorded: fmt.date(c.decidedAt),
                          version: c.decidedVersion.version,
                        })
                      : t("consent.consultant.decidedOn", {
                          recorded: fmt.date(c.decidedAt),
                          version: c.decidedVersion.version,
                        })}
                  </dd>
                </div>
              ) : null}
            </dl>
            {c.wordingChanged ? (
              <p className="mt-1 text-sm text-amber-900">
                {t("consent.consultant.wordingChanged", { version: c.purpose.version })}
              </p>
            ) : null}
            {c.decidedLanguage && c.decidedLanguage !== DEFAULT_LANGUAGE ? (
              <GivenIn language={c.decidedLanguage} className="mt-1 text-sm" />
            ) : null}
            <details className="mt-1 text-sm">
              <summary className="cursor-pointer font-medium text-brand-700">
                {t("consentWords.record.currentWording", { version: c.purpose.version })}
                <span className="sr-only">: {c.purpose.label}</span>
              </summary>
              <p className="mt-1 whitespace-pre-wrap">{c.purpose.text}</p>
              <p className="mt-1 text-slate-700">
                {t("consentWords.record.writtenIn", { languages: listOfLanguages(c.languages, fmt.language) })}
              </p>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}

function recordedBy(item: LoaderData["history"][number], t: TFunction<"staff">) {
  if (item.recordedByConsultant) return t("consent.consultant.byConsultant");
  if (item.recordedByName) return item.recordedByName;
  return item.kind === "expired" ? t("consent.consultant.bySystem") : t("consent.consultant.byFormerMember");
}

function History({ history }: { history: LoaderData["history"] }) {
  const fmt = useFormat();
  const { t } = useTranslation("staff");
  const words = useMessage();
  return (
    <section aria-labelledby="history-heading" className="card">
      <h2 id="history-heading" className="text-lg font-semibold">
        {t("consent.consultant.historyHeading")}
      </h2>
      {history.length === 0 ? (
        <p className="mt-2 text-slate-700">{t("consent.consultant.historyNone")}</p>
      ) : (
        <ol className="mt-3 space-y-3">
          {history.map((item) => (
            <li key={item.id} className="rounded-md border border-slate-200 p-3">
              <h3 className="font-semibold">
                {/* Named as on the rest of this page, in English; the words read follow, in their language. */}
                {t("consent.consultant.historyItem", {
                  event: words(CONSENT_EVENT_LABELS[item.kind]),
                  purpose: item.english.label,
                })}
              </h3>
              <dl className="mt-1 text-sm">
                {item.givenOn ? (
                  <div className="flex flex-wrap gap-1">
                    <dt className="font-medium">
                      {item.method === "written_form"
                        ? t("consent.consultant.signedOn")
                        : t("consent.consultant.saidOn")}
                    </dt>
                    <dd>{fmt.calendarDay(item.givenOn)}</dd>
                  </div>
                ) : null}
                <div className="flex flex-wrap gap-1">
                  <dt className="font-medium">{t("consent.consultant.recorded")}</dt>
                  <dd>{fmt.dateTime(item.createdAt)}</dd>
                </div>
                {item.method ? (
                  <div className="flex flex-wrap gap-1">
                    <dt className="font-medium">{t("consent.consultant.how")}</dt>
                    <dd>{words(CONSENT_METHOD_LABELS[item.method])}</dd>
                  </div>
                ) : null}
                {item.witnessName ? (
                  <div className="flex flex-wrap gap-1">
                    <dt className="font-medium">{t("consent.consultant.witness")}</dt>
                    <dd>{item.witnessName}</dd>
                  </div>
                ) : null}
                {item.formKeptAt ? (
                  <div className="flex flex-wrap gap-1">
                    <dt className="font-medium">{t("consent.consultant.formKeptAt")}</dt>
                    <dd>{item.formKeptAt}</dd>
                  </div>
                ) : null}
                {item.requestedBy ? (
                  <div className="flex flex-wrap gap-1">
                    <dt className="font-medium">{t("consent.consultant.askedBy")}</dt>
                    <dd>
                      {item.requestedOn
                        ? t("consent.consultant.askedByOn", {
                            who: item.requestedBy,
                            day: fmt.calendarDay(item.requestedOn),
                          })
                        : item.requestedBy}
                    </dd>
                  </div>
                ) : null}
                {item.scopeNotes ? (
                  <div className="flex flex-wrap gap-1">
                    <dt className="font-medium">{t("consent.consultant.limits")}</dt>
                    <dd>{item.scopeNotes}</dd>
                  </div>
                ) : null}
                {item.nameChoice ? (
                  <div className="flex flex-wrap gap-1">
                    <dt className="font-medium">{t("consent.consultant.nameToUse")}</dt>
                    <dd>{t(NAME_CHOICE_STAFF_LABELS[item.nameChoice])}</dd>
                  </div>
                ) : null}
                {item.expiresOn ? (
                  <div className="flex flex-wrap gap-1">
                    <dt className="font-medium">
                      {item.kind === "expired" ? t("consent.consultant.endReached") : t("consent.consultant.ends")}
                    </dt>
                    <dd>{fmt.calendarDay(item.expiresOn)}</dd>
                  </div>
                ) : null}
                {item.engagementId ? (
                  <div className="flex flex-wrap gap-1">
                    <dt className="font-medium">{t("consent.consultant.why")}</dt>
                    <dd>{t("consent.consultant.confirmedForWork")}</dd>
                  </div>
                ) : null}
                <div className="flex flex-wrap gap-1">
                  <dt className="font-medium">{t("consent.consultant.recordedBy")}</dt>
                  <dd>{recordedBy(item, t)}</dd>
                </div>
              </dl>
              <GivenIn language={item.language} className="mt-1 text-sm" />
              <details className="mt-2 text-sm">
                <summary className="cursor-pointer font-medium text-brand-700">
                  {t("consent.consultant.exactWording", { version: item.version })}
                </summary>
                {/* The words the consultant read, in the language they read them in. */}
                <div lang={item.language}>
                  <p className="mt-1 font-medium">{item.label}</p>
                  <p className="mt-1 whitespace-pre-wrap">{item.text}</p>
                </div>
                {item.language !== DEFAULT_LANGUAGE ? (
                  <details className="ml-3 mt-2">
                    <summary className="cursor-pointer font-medium text-brand-700">
                      {t("consentWords.record.english")}
                    </summary>
                    <div lang={DEFAULT_LANGUAGE}>
                      <p className="mt-1 font-medium">{item.english.label}</p>
                      <p className="mt-1 whitespace-pre-wrap">{item.english.text}</p>
                    </div>
                  </details>
                ) : null}
              </details>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function RecordChoiceForm({
  overview,
  creationKey,
  today,
}: {
  overview: LoaderData["overview"];
  creationKey: string;
  today: string;
}) {
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("staff");
  const words = useMessage();
  const fmt = useFormat();
  const [form, fields] = useForm<StaffDecisionForm>({
    id: "record-consent",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { language: DEFAULT_LANGUAGE },
  });
  const initial = (value: unknown) => (typeof value === "string" ? value : "");
  const [choice, setChoice] = useState({
    purposeId: initial(fields.purposeId.initialValue),
    decision: initial(fields.decision.initialValue),
    method: initial(fields.method.initialValue),
  });
  // Without scripts every field shows, each with help saying when it applies; with scripts only
  // the fields that apply to what is chosen show.
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLInputElement;
    if (target.name in choice) setChoice((c) => ({ ...c, [target.name]: target.value }));
  };

  const chosen = overview.find((c) => c.purpose.id === choice.purposeId);
  const purpose = chosen?.purpose;
  // With scripts, only the languages the chosen purpose is written in; without, every one, and the
  // server refuses a language the wording does not have.
  const languages: readonly Language[] = scripted && chosen ? chosen.languages : LANGUAGES;
  const namePurposes = overview
    .filter((c) => c.purpose.asksNameChoice)
    .map((c) => t("consent.consultant.quoted", { purpose: c.purpose.label }));
  // Until a decision or a method is chosen, the fields of a yes on paper show.
  const applies = offlineDecisionDetails({
    decision: choice.decision || "granted",
    method: choice.method || "written_form",
  });
  const forYes = !scripted || applies.yesDetails;
  const show = {
    givenOn: !scripted || applies.givenOn,
    formKeptAt: !scripted || applies.formKeptAt,
    yesDetails: forYes,
    nameChoice: !scripted || (forYes && Boolean(purpose?.asksNameChoice)),
    withdrawal: !scripted || applies.withdrawal,
  };
  const endHelp = purpose
    ? purpose.defaultExpiryMonths
      ? t("consent.consultant.endHelpUsual", { period: duration(purpose.defaultExpiryMonths, t) })
      : t("consent.consultant.endHelpNoEnd")
    : t("consent.consultant.endHelp");
  const nameHelp = namePurposes.length
    ? t("consent.consultant.nameChoiceHelp", {
        purposes: new Intl.ListFormat(intlLocale(fmt.language), { type: "disjunction" }).format(namePurposes),
      })
    : t("consent.consultant.nameChoiceHelpDefault");

  return (
    <section aria-labelledby="record-heading" className="card">
      <h2 id="record-heading" className="text-lg font-semibold">
        {t("consent.consultant.recordHeading")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t("consent.consultant.recordHelp")}</p>
      <Form method="post" {...getFormProps(form)} onChange={onChange} className="mt-3">
        <FormErrors id={form.errorId} errors={form.errors} />
        {/* The same key on a resent form returns the choice already recorded instead of a second one. */}
        <input type="hidden" name="creationKey" value={creationKey} />
        {/* The wording each purpose had on this page: a choice is never recorded on words published since. */}
        <input type="hidden" name="shownVersions" value={shownVersionsValue(overview.map((c) => c.purpose))} />
        <SelectField
          field={fields.purposeId}
          label={t("consent.consultant.purpose")}
          placeholder={t("consent.consultant.choosePurpose")}
          options={overview.map(
            (c) =>
              [
                c.purpose.id,
                t("consent.consultant.purposeNow", {
                  purpose: c.purpose.label,
                  state: words(CONSENT_STATE_LABELS[c.state]),
                }),
              ] as const,
          )}
        />
        <RadioGroupField
          field={fields.decision}
          legend={t("consent.consultant.decision")}
          options={STAFF_DECISIONS.map((d) => [
            d,
            d === "withdrawn" ? t("consent.consultant.withdrewEarlierYes") : CONSENT_EVENT_LABELS[d],
          ])}
        />
        <RadioGroupField
          field={fields.method}
          legend={t("consent.consultant.method")}
          options={STAFF_CONSENT_METHODS.map((m) => [m, CONSENT_METHOD_LABELS[m]])}
        />
        <SelectField
          field={fields.language}
          label={t("consentWords.record.language")}
          help={t("consentWords.record.languageHelp")}
          options={languages.map((l) => [l, languageName(l)] as const)}
        />
        {show.givenOn ? (
          <TextField
            field={fields.givenOn}
            label={t("consent.consultant.givenOn")}
            type="date"
            help={t("consent.consultant.givenOnHelp", { today: fmt.calendarDay(today), years: GIVEN_ON_YEARS_BACK })}
          />
        ) : null}
        <TextField
          field={fields.witnessName}
          label={t("consent.consultant.witnessName")}
          help={t("consent.consultant.witnessHelp")}
        />
        {show.formKeptAt ? (
          <TextField
            field={fields.formKeptAt}
            label={t("consent.consultant.formKeptAtLabel")}
            help={t("consent.consultant.formKeptAtHelp")}
          />
        ) : null}
        {show.yesDetails ? (
          <>
            <TextAreaField
              field={fields.scopeNotes}
              label={t("consent.consultant.scopeNotes")}
              help={t("consent.consultant.scopeNotesHelp")}
            />
            <TextField field={fields.expiresOn} label={t("consent.consultant.expiresOn")} type="date" help={endHelp} />
          </>
        ) : null}
        {show.nameChoice ? (
          <RadioGroupField
            field={fields.nameChoice}
            legend={t("consent.consultant.nameChoice")}
            help={nameHelp}
            options={NAME_CHOICES.map((n) => [n, t(NAME_CHOICE_STAFF_LABELS[n])])}
          />
        ) : null}
        {show.withdrawal ? (
          <fieldset className="mb-4 rounded-md border border-slate-300 p-3">
            <legend className="px-1 font-medium">{t("consent.consultant.withdrawal")}</legend>
            <p className="mb-2 text-sm text-slate-700">{t("consent.consultant.withdrawalHelp")}</p>
            <TextField
              field={fields.requestedBy}
              label={t("consent.consultant.requestedBy")}
              help={t("consent.consultant.requestedByHelp")}
            />
            <TextField
              field={fields.requestedOn}
              label={t("consent.consultant.requestedOn")}
              type="date"
              help={t("consent.consultant.requestedOnHelp", { today: fmt.calendarDay(today) })}
            />
          </fieldset>
        ) : null}
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("consent.consultant.submit")}
        </button>
      </Form>
    </section>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
