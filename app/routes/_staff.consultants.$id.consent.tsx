/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { replyWithRuleError, withHttpErrors } from "~/utils/http-errors.server";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useState, type FormEvent } from "react";
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
  staffDecisionSchema,
  type StaffDecisionForm,
} from "~/utils/consent-decision-schema";
import {
  CONSENT_EVENT_LABELS,
  CONSENT_METHOD_LABELS,
  CONSENT_STATE_LABELS,
  type ConsentState,
} from "~/utils/consent-options";
import { durationMessage } from "~/utils/consent-wording";
import { useMessage } from "~/i18n/use-message";
import { formatDate } from "~/utils/format";
import { useFormat } from "~/utils/use-format";
import { capitalized, personWords } from "~/utils/pronouns";
import { readForm } from "~/utils/form-data.server";

export const meta: MetaFunction = () => [{ title: "Consent" }];

const DONE: Record<string, string> = {
  granted: "Recorded: they said yes.",
  declined: "Recorded: they said no.",
  withdrawn: "Recorded: the withdrawal. Any use of this purpose now shows a flag until someone records what was done.",
};

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
  real_name: "Their real name",
  chosen_name: "A name they choose",
  anonymous: "No name (anonymous)",
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

export default function ConsultantConsent() {
  const { consultant, overview, history, creationKey, today } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const done = DONE[searchParams.get("done") ?? ""];
  const emailed = searchParams.get("emailed") === "1";
  const they = personWords(consultant.preferredName, consultant.pronouns);

  return (
    <>
      <p>
        <Link to={`/consultants/${consultant.id}`} className="link">
          ← {consultant.preferredName}
        </Link>
      </p>
      <h1 className="page-title mt-2">Consent: {consultant.preferredName}</h1>
      <p className="mt-1 max-w-3xl text-slate-700">
        What {consultant.preferredName} has agreed to, purpose by purpose, and every change. {capitalized(they.subject)}{" "}
        can change {they.possessive} choices in the portal at any time. Here you record a choice {they.subject} gave you
        on paper or out loud.
      </p>
      <div className="mt-4">
        {done ? (
          <Notice>
            {done}{" "}
            {emailed
              ? `A short email told ${they.object} there is an update in ${they.possessive} portal.`
              : `Nothing was emailed: email is not marked safe for ${they.object}.`}
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
  return (
    <section aria-labelledby="current-heading" className="card">
      <h2 id="current-heading" className="text-lg font-semibold">
        Current choices
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
                  <dt className="font-medium">Limits they set:</dt>
                  <dd>{c.scopeNotes}</dd>
                </div>
              ) : null}
              {c.nameChoice ? (
                <div className="flex flex-wrap gap-1">
                  <dt className="font-medium">Name to use:</dt>
                  <dd>{NAME_CHOICE_STAFF_LABELS[c.nameChoice]}</dd>
                </div>
              ) : null}
              {c.state === "granted" ? (
                <div className="flex flex-wrap gap-1">
                  <dt className="font-medium">Ends:</dt>
                  <dd>{c.expiresOn ? formatDate(c.expiresOn) : "No end date"}</dd>
                </div>
              ) : null}
              {c.decidedVersion && c.decidedAt ? (
                <div className="flex flex-wrap gap-1">
                  <dt className="font-medium">Decided:</dt>
                  <dd>
                    {c.givenOn ? `${formatDate(c.givenOn)} (recorded ${fmt.date(c.decidedAt)})` : fmt.date(c.decidedAt)}
                    , on the wording of version {c.decidedVersion.version}
                  </dd>
                </div>
              ) : null}
            </dl>
            {c.wordingChanged ? (
              <p className="mt-1 text-sm text-amber-900">
                The wording has changed since (now version {c.purpose.version}). Their choice still stands on the words
                they saw; ask them again if the change matters.
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function recordedBy(item: LoaderData["history"][number]) {
  if (item.recordedByConsultant) return "the consultant, in the portal";
  if (item.recordedByName) return item.recordedByName;
  return item.kind === "expired" ? "the system, when the end date came" : "someone no longer listed";
}

function History({ history }: { history: LoaderData["history"] }) {
  const fmt = useFormat();
  const words = useMessage();
  return (
    <section aria-labelledby="history-heading" className="card">
      <h2 id="history-heading" className="text-lg font-semibold">
        History
      </h2>
      {history.length === 0 ? (
        <p className="mt-2 text-slate-700">
          Nothing recorded yet. When they tell you a choice, record it with the form on this page.
        </p>
      ) : (
        <ol className="mt-3 space-y-3">
          {history.map((item) => (
            <li key={item.id} className="rounded-md border border-slate-200 p-3">
              <h3 className="font-semibold">
                {words(CONSENT_EVENT_LABELS[item.kind])}: {item.label}
              </h3>
              <dl className="mt-1 text-sm">
                {item.givenOn ? (
                  <div className="flex flex-wrap gap-1">
                    <dt className="font-medium">{item.method === "written_form" ? "Signed on:" : "Said on:"}</dt>
                    <dd>{formatDate(item.givenOn)}</dd>
                  </div>
                ) : null}
                <div className="flex flex-wrap gap-1">
                  <dt className="font-medium">Recorded:</dt>
                  <dd>{fmt.dateTime(item.createdAt)}</dd>
                </div>
                {item.method ? (
                  <div className="flex flex-wrap gap-1">
                    <dt className="font-medium">How:</dt>
                    <dd>{words(CONSENT_METHOD_LABELS[item.method])}</dd>
                  </div>
                ) : null}
                {item.witnessName ? (
                  <div className="flex flex-wrap gap-1">
                    <dt className="font-medium">Witness:</dt>
                    <dd>{item.witnessName}</dd>
                  </div>
                ) : null}
                {item.formKeptAt ? (
                  <div className="flex flex-wrap gap-1">
                    <dt className="font-medium">Signed form kept at:</dt>
                    <dd>{item.formKeptAt}</dd>
                  </div>
                ) : null}
                {item.requestedBy ? (
                  <div className="flex flex-wrap gap-1">
                    <dt className="font-medium">Asked for by:</dt>
                    <dd>
                      {item.requestedBy}
                      {item.requestedOn ? `, on ${formatDate(item.requestedOn)}` : ""}
                    </dd>
                  </div>
                ) : null}
                {item.scopeNotes ? (
                  <div className="flex flex-wrap gap-1">
                    <dt className="font-medium">Limits they set:</dt>
                    <dd>{item.scopeNotes}</dd>
                  </div>
                ) : null}
                {item.nameChoice ? (
                  <div className="flex flex-wrap gap-1">
                    <dt className="font-medium">Name to use:</dt>
                    <dd>{NAME_CHOICE_STAFF_LABELS[item.nameChoice]}</dd>
                  </div>
                ) : null}
                {item.expiresOn ? (
                  <div className="flex flex-wrap gap-1">
                    <dt className="font-medium">{item.kind === "expired" ? "End date reached:" : "Ends:"}</dt>
                    <dd>{formatDate(item.expiresOn)}</dd>
                  </div>
                ) : null}
                {item.engagementId ? (
                  <div className="flex flex-wrap gap-1">
                    <dt className="font-medium">Why:</dt>
                    <dd>Confirmed again when new work was agreed</dd>
                  </div>
                ) : null}
                <div className="flex flex-wrap gap-1">
                  <dt className="font-medium">Recorded by:</dt>
                  <dd>{recordedBy(item)}</dd>
                </div>
              </dl>
              <details className="mt-2 text-sm">
                <summary className="cursor-pointer font-medium text-brand-700">
                  The exact wording (version {item.version})
                </summary>
                <p className="mt-1 font-medium">{item.label}</p>
                <p className="mt-1 whitespace-pre-wrap">{item.text}</p>
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
  const words = useMessage();
  const [form, fields] = useForm<StaffDecisionForm>({
    id: "record-consent",
    lastResult,
    shouldValidate: "onSubmit",
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

  const purpose = overview.find((c) => c.purpose.id === choice.purposeId)?.purpose;
  const namePurposes = overview.filter((c) => c.purpose.asksNameChoice).map((c) => `“${c.purpose.label}”`);
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
      ? `Leave empty for this purpose’s usual end: ${words(durationMessage(purpose.defaultExpiryMonths))} from the day they signed or said it. It cannot be later than that.`
      : "Leave empty for no end date."
    : "Leave empty for the purpose’s usual end, counted from the day they signed or said it. Only for a yes.";

  return (
    <section aria-labelledby="record-heading" className="card">
      <h2 id="record-heading" className="text-lg font-semibold">
        Record a choice the consultant gave you
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        For a choice they made on a signed paper form, or said out loud with a witness. The words recorded are the
        current wording of the purpose: make sure they saw or heard those words.
      </p>
      <Form method="post" {...getFormProps(form)} onChange={onChange} className="mt-3">
        <FormErrors id={form.errorId} errors={form.errors} />
        {/* The same key on a resent form returns the choice already recorded instead of a second one. */}
        <input type="hidden" name="creationKey" value={creationKey} />
        <SelectField
          field={fields.purposeId}
          label="Purpose"
          placeholder="Choose a purpose"
          options={overview.map(
            (c) => [c.purpose.id, `${c.purpose.label} (now: ${words(CONSENT_STATE_LABELS[c.state])})`] as const,
          )}
        />
        <RadioGroupField
          field={fields.decision}
          legend="What they decided"
          options={STAFF_DECISIONS.map((d) => [
            d,
            d === "withdrawn" ? "Withdrew an earlier yes" : CONSENT_EVENT_LABELS[d],
          ])}
        />
        <RadioGroupField
          field={fields.method}
          legend="How they told you"
          options={STAFF_CONSENT_METHODS.map((m) => [m, CONSENT_METHOD_LABELS[m]])}
        />
        {show.givenOn ? (
          <TextField
            field={fields.givenOn}
            label="The day they signed it or said it"
            type="date"
            help={`For a yes or a no: the date on the form, or the day they told you, not the day you type it in. Today (${formatDate(today)}) or up to ${GIVEN_ON_YEARS_BACK} years before, and not earlier than the latest choice of theirs already recorded for this purpose.`}
          />
        ) : null}
        <TextField
          field={fields.witnessName}
          label="Witness name"
          help="A colleague who saw them sign or heard them say it. Needed when they told you out loud; optional for a paper form."
        />
        {show.formKeptAt ? (
          <TextField
            field={fields.formKeptAt}
            label="Where the signed form is kept"
            help="For a paper form, for example “locked cabinet, office 2”. Needed for a yes or a no. Only staff see this."
          />
        ) : null}
        {show.yesDetails ? (
          <>
            <TextAreaField
              field={fields.scopeNotes}
              label="Limits they set (optional)"
              help="For a yes: only limits they set, for example “quotes only, no name”. They see this in their portal as their own words, “What you asked us to limit”, so write no witness or notes of your own here."
            />
            <TextField field={fields.expiresOn} label="End date (optional)" type="date" help={endHelp} />
          </>
        ) : null}
        {show.nameChoice ? (
          <RadioGroupField
            field={fields.nameChoice}
            legend="Which name may be used"
            help={`Only for ${namePurposes.join(" or ") || "the use-of-name purpose"}.`}
            options={NAME_CHOICES.map((n) => [n, NAME_CHOICE_STAFF_LABELS[n]])}
          />
        ) : null}
        {show.withdrawal ? (
          <fieldset className="mb-4 rounded-md border border-slate-300 p-3">
            <legend className="px-1 font-medium">For a withdrawal</legend>
            <p className="mb-2 text-sm text-slate-700">
              You can record a withdrawal only with who asked for it and on what day.
            </p>
            <TextField
              field={fields.requestedBy}
              label="Who asked for this"
              help="For example “the consultant, by phone” or their support person’s name."
            />
            <TextField
              field={fields.requestedOn}
              label="On what day"
              type="date"
              help={`The day they asked: today (${formatDate(today)}) or earlier.`}
            />
          </fieldset>
        ) : null}
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          Record this choice
        </button>
      </Form>
    </section>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
