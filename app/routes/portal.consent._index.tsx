/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
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
import { z } from "zod";
import { FormErrors, Notice, RadioGroupField, TextAreaField, TextField } from "~/components/forms";
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
import { CONSENT_EVENT_LABELS, NAME_CHOICE_LABELS } from "~/utils/consent-options";
import { formatDate } from "~/utils/format";
import { useFormat } from "~/utils/use-format";
import { readForm } from "~/utils/form-data.server";
import {
  PortalDecisionSchema as DecisionSchema,
  ReconfirmSchema as ConfirmSchema,
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
  const choices = myConsentChoices(membership.organizationId, own.id);
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
  const scope = { organizationId: membership.organizationId, consultantId: own.id, userId: user.id };
  const formData = await readForm(request);

  if (formData.get("intent") === "reconfirm") {
    const submission = parseWithZod(formData, { schema: ConfirmSchema });
    const fail = (result: SubmissionResult<string[]>) =>
      data<Reply>({ form: "reconfirm", purposeId: null, decision: null, result }, { status: 400 });
    if (submission.status !== "success") return fail(submission.reply());
    try {
      const { created } = confirmMyConsents({ ...scope, creationKey: submission.value.creationKey });
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

function KeyFields({ purposeId, decision, creationKey }: { purposeId: string; decision: string; creationKey: string }) {
  return (
    <>
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="purposeId" value={purposeId} />
      <input type="hidden" name="decision" value={decision} />
      <input type="hidden" name="creationKey" value={creationKey} />
    </>
  );
}

/** My current choice in plain sentences. */
function ChoiceWords({ purpose: p }: { purpose: Purpose }) {
  const fmt = useFormat();
  // A choice given on paper or out loud counts from that day, not the day the team typed it in.
  const on = p.givenOn ? formatDate(p.givenOn) : p.decidedAt ? fmt.date(p.decidedAt) : "";
  switch (p.state) {
    case "granted":
      return (
        <>
          <p>
            <strong>Your answer: yes.</strong> You said yes on {on}.
          </p>
          <p>{p.endsOn ? `It ends on ${formatDate(p.endsOn)}.` : "It has no end date."}</p>
          {p.nameChoice ? <p>Name we may use: {NAME_CHOICE_LABELS[p.nameChoice]}.</p> : null}
          {p.scopeNotes ? (
            <p className="whitespace-pre-wrap">What you asked us to limit: {p.scopeNotes}</p>
          ) : (
            <p>You did not ask us to limit anything.</p>
          )}
        </>
      );
    case "declined":
      return (
        <p>
          <strong>Your answer: no.</strong> You said no on {on}. We do not use it.
        </p>
      );
    case "withdrawn":
      return (
        <>
          <p>
            <strong>Your answer: no.</strong> You took back your yes on {on}.
          </p>
          <p>We stopped any new use.</p>
        </>
      );
    case "expired":
      return (
        <>
          <p>
            <strong>Your yes has ended.</strong>
            {p.endsOn ? ` It ended on ${formatDate(p.endsOn)}.` : ""} We do not use it any more.
          </p>
          <p>You can say yes again, or say no.</p>
        </>
      );
    case "not_asked":
      return (
        <>
          <p>
            <strong>You have not chosen yet.</strong>
          </p>
          <p>Until you say yes, we do not use it.</p>
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
      <KeyFields purposeId={p.id} decision="granted" creationKey={creationKey} />
      {p.asksNameChoice ? (
        <RadioGroupField
          field={fields.nameChoice}
          legend="Which name may we use?"
          options={Object.entries(NAME_CHOICE_LABELS)}
        />
      ) : null}
      <TextAreaField
        field={fields.scopeNotes}
        label="Anything to limit? (you can leave this empty)"
        help="For example: quotes only, no name."
      />
      <TextField
        field={fields.expiresOn}
        type="date"
        label="When should this yes end? (you can leave this empty)"
        help={
          p.defaultEndDate
            ? `If you leave it empty, your yes ends on ${formatDate(p.defaultEndDate)}. You cannot choose a later date.`
            : "If you leave it empty, your yes has no end date."
        }
      />
      <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
        {busy ? "Saving…" : "Save my yes"}
        <span className="sr-only">: {p.label}</span>
      </button>
    </Form>
  );
}

function PurposeCard({ purpose: p, keys, reply }: { purpose: Purpose; keys: Keys; reply?: Reply }) {
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
      <h2 id={headingId} className="text-lg font-semibold">
        {p.label}
      </h2>
      <p className="mt-2 whitespace-pre-wrap">{p.text}</p>
      <p className="mt-1 text-sm text-slate-700">Wording version {p.version}</p>

      <div className="mt-4 space-y-1 border-t border-slate-200 pt-3">
        <ChoiceWords purpose={p} />
        {p.eventId ? (
          <p>
            <Link to={`/portal/consent/${p.eventId}`} className="link inline-flex min-h-[44px] items-center">
              See the receipt<span className="sr-only">: {p.label}</span>
            </Link>
          </p>
        ) : null}
      </div>

      {p.decidedVersion ? (
        <div className="mt-3 rounded-md border border-amber-700 bg-amber-50 p-3">
          <p className="font-semibold">The wording changed after you chose.</p>
          <p className="mt-1">You chose on these words (version {p.decidedVersion.version}):</p>
          <blockquote className="mt-2 whitespace-pre-wrap border-l-4 border-slate-400 pl-3">
            {p.decidedVersion.label !== p.label ? (
              <span className="block font-semibold">{p.decidedVersion.label}</span>
            ) : null}
            {p.decidedVersion.text}
          </blockquote>
          <p className="mt-2">The new words are at the top. Please check your choice is still right.</p>
        </div>
      ) : null}

      <div className="mt-3">
        <FormErrors id={`errors-${p.id}`} errors={errors} />
        {p.state === "granted" ? (
          <>
            <details className="mt-2">
              <summary className="btn-danger cursor-pointer list-none">
                Withdraw my yes<span className="sr-only">: {p.label}</span>
              </summary>
              {/* A second, deliberate click, which works without JavaScript. */}
              <Form method="post" className="mt-2 space-y-1 rounded-md border border-red-700 bg-white p-3">
                <KeyFields purposeId={p.id} decision="withdrawn" creationKey={keys.withdrawn} />
                <p>If you withdraw, we stop any new use at once.</p>
                <p>Things already printed or posted may not be possible to take back.</p>
                <p>You do not need to give a reason.</p>
                <button type="submit" className="btn-danger mt-2">
                  Yes, withdraw it<span className="sr-only">: {p.label}</span>
                </button>
              </Form>
            </details>
            <details className="mt-2" open={Boolean(yesResult)}>
              <summary className="btn-secondary cursor-pointer list-none">
                Change what I allow<span className="sr-only">: {p.label}</span>
              </summary>
              <YesForm purpose={p} creationKey={keys.granted} lastResult={yesResult} />
            </details>
          </>
        ) : (
          <div className="flex flex-col gap-2">
            <details open={Boolean(yesResult)}>
              <summary className="btn-secondary cursor-pointer list-none">
                Say yes<span className="sr-only">: {p.label}</span>
              </summary>
              <YesForm purpose={p} creationKey={keys.granted} lastResult={yesResult} />
            </details>
            {p.state === "not_asked" || p.state === "expired" ? (
              <Form method="post">
                <KeyFields purposeId={p.id} decision="declined" creationKey={keys.declined} />
                <button type="submit" className="btn-secondary">
                  Say no<span className="sr-only">: {p.label}</span>
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
  reply,
}: {
  title: string;
  decided: boolean;
  confirmKey: string;
  reply?: Reply;
}) {
  const errors = reply?.form === "reconfirm" ? (Object.values(reply.result.error ?? {}).flat() as string[]) : [];
  return (
    <section aria-labelledby="check-heading" className="mt-4 rounded-lg border-2 border-brand-600 bg-brand-50 p-4">
      <h2 id="check-heading" className="text-lg font-semibold">
        Please check your choices
      </h2>
      <p className="mt-2">
        You agreed to new work: “{title}”.{" "}
        {decided
          ? "Please check your choices below are still right."
          : "You have not said yes or no to anything yet. Please look at the choices below."}
      </p>
      {decided ? (
        <>
          <FormErrors id="confirm-errors" errors={errors} />
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="reconfirm" />
            <input type="hidden" name="creationKey" value={confirmKey} />
            <button type="submit" className="btn-primary w-full sm:w-auto">
              My choices are still right
            </button>
          </Form>
          <p className="mt-2 text-sm">Or change any choice below.</p>
        </>
      ) : null}
    </section>
  );
}

/** For a choice the team saved for me: the day I signed or said it, and who was there. */
function GivenOffline({ receipt: r }: { receipt: Receipt }) {
  const fmt = useFormat();
  return (
    <p className="text-sm text-slate-700">
      {r.method === "written_form" ? "You signed a paper form" : "You told the team"} on {formatDate(r.givenOn!)}.
      {r.witnessName ? ` Witness: ${r.witnessName}.` : ""} The team saved it on {fmt.date(r.createdAt)}.
    </p>
  );
}

export default function MyChoices() {
  const { purposes, receipts, awaitingEngagement, keys, confirmKey } = useLoaderData<typeof loader>();
  const fmt = useFormat();
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
      <h1 className="page-title">My choices</h1>
      <p className="mt-2">You decide if and how we may use your words, your name, your picture and your details.</p>
      <p className="mt-1">You can change this at any time.</p>
      <div className="mt-4">{confirmed ? <Notice>Thank you. Your choices are saved again.</Notice> : null}</div>
      <FormErrors id="page-errors" errors={strayErrors} />

      {awaitingEngagement ? (
        <ConfirmNotice title={awaitingEngagement.title} decided={decided} confirmKey={confirmKey} reply={reply} />
      ) : null}

      {nothingYet ? (
        <div className="card mt-4">
          <h2 className="text-lg font-semibold">You have not made any choices yet</h2>
          <p className="mt-2">Read each one below. Then say yes or no.</p>
          <p className="mt-1">Until you say yes, we do not use it.</p>
        </div>
      ) : null}

      {purposes.map((p) => (
        <PurposeCard key={p.id} purpose={p} keys={keys[p.id]!} reply={reply} />
      ))}

      <section aria-labelledby="receipts-heading" className="card mt-6">
        <h2 id="receipts-heading" className="text-lg font-semibold">
          My receipts
        </h2>
        {receipts.length === 0 ? (
          <p className="mt-2">No receipts yet. You get one each time a choice is saved.</p>
        ) : (
          <>
            <p className="mt-2">You get a receipt each time a choice is saved. The newest is first.</p>
            <ul className="mt-2 divide-y divide-slate-200">
              {receipts.map((r) => (
                <li key={r.id} className="pb-2">
                  <Link to={`/portal/consent/${r.id}`} className="link flex min-h-[44px] items-center py-2">
                    {fmt.dateTime(r.createdAt)}: {CONSENT_EVENT_LABELS[r.kind]}. {r.label}
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
  return <PortalErrorPage title="My choices" />;
}
