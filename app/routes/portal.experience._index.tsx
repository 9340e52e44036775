import { withHttpErrors, replyWithRuleError } from "~/utils/http-errors.server";
import { parseWithZod } from "~/utils/zod-form.server";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ReactNode } from "react";
import { ExperienceSummary, ExperienceWorkList } from "~/components/experience-letter";
import { FormErrors, Notice } from "~/components/forms";
import { PortalErrorPage } from "~/components/portal-error";
import {
  askForLetter,
  listOwnLetters,
  ownExperienceRecord,
  withdrawLetterRequest,
} from "~/models/experience/letters.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { OwnLettersSchema } from "~/utils/experience-schema";
import { readForm } from "~/utils/form-data.server";
import { useFormat } from "~/utils/use-format";

// Their work and maybe their pay: never kept in the browser's cache, so Back after Quick exit cannot show it.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const DONE = { asked: "asked", withdrawn: "withdrawn" } as const;

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const own = { organizationId: membership.organizationId, userId: user.id };
  // What the page shows comes from a form in the address: two yes-or-no choices, nothing personal.
  const url = new URL(request.url);
  const choices = {
    includePay: url.searchParams.get("pay") === "yes",
    includeOrganization: url.searchParams.get("organization") === "yes",
  };
  return {
    organizationName: membership.organizationName,
    choices,
    record: ownExperienceRecord({ ...own, choices }),
    letters: listOwnLetters(own),
  };
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const submission = parseWithZod(await readForm(request), { schema: OwnLettersSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const own = { organizationId: membership.organizationId, userId: user.id };
  const value = submission.value;
  try {
    if (value.intent === "ask") {
      await askForLetter({
        ...own,
        choices: { includePay: value.includePay, includeOrganization: value.includeOrganization },
      });
      return redirect("/portal/experience?done=asked#letters");
    }
    withdrawLetterRequest({ ...own, letterId: value.letterId });
    return redirect("/portal/experience?done=withdrawn#letters");
  } catch (error) {
    return replyWithRuleError(error, submission);
  }
});

export default function MyExperience() {
  const { t } = useTranslation("portal");
  const f = useFormat();
  const { organizationName, choices, record, letters } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const doneKey = done && Object.hasOwn(DONE, done) ? DONE[done as keyof typeof DONE] : null;
  const waiting = letters.find((l) => l.status === "requested");
  const given = letters.filter((l) => l.status !== "requested");
  const hasWork = record.work.length > 0;
  return (
    <>
      <h1 className="page-title print:hidden">{t("experience.title")}</h1>
      <p className="mt-2 print:hidden">{t("experience.intro", { organization: organizationName })}</p>

      {hasWork ? (
        <>
          <Form method="get" className="card mt-4 print:hidden">
            <fieldset>
              <legend className="font-medium">{t("experience.show.legend")}</legend>
              <p className="mt-1 text-sm text-slate-700">{t("experience.show.help")}</p>
              <Tick name="pay" value="yes" defaultChecked={choices.includePay} first>
                {t("experience.show.pay")}
              </Tick>
              <Tick name="organization" value="yes" defaultChecked={choices.includeOrganization}>
                {t("experience.show.organization", { organization: organizationName })}
              </Tick>
            </fieldset>
            <button type="submit" className="btn-secondary mt-3">
              {t("experience.show.submit")}
            </button>
            <p className="mt-4">
              <strong>{t("experience.printLead")}</strong> {t("experience.printHow")}
            </p>
          </Form>

          <section
            aria-labelledby="record-heading"
            className="card mt-4 print:mt-0 print:border-0 print:p-0 print:shadow-none"
          >
            {record.organizationName ? <p className="text-lg font-semibold">{record.organizationName}</p> : null}
            <h2 id="record-heading" className="text-xl font-semibold">
              {t("experience.record.heading")}
            </h2>
            <ExperienceSummary statement={record} />
            <ExperienceWorkList statement={record} />
            <p className="mt-3 text-sm text-slate-700">{t("experience.record.madeOn", { when: f.date(new Date()) })}</p>
            <p className="mt-1 text-sm text-slate-700">{t("experience.record.notSigned")}</p>
          </section>
        </>
      ) : (
        <div className="card mt-4">
          <p>{t("experience.none")}</p>
          <p className="mt-1">{t("experience.noneWhen")}</p>
        </div>
      )}

      <section aria-labelledby="letters-heading" id="letters" className="card mt-6 print:hidden">
        <h2 id="letters-heading" className="text-lg font-semibold">
          {t("experience.letters.heading")}
        </h2>
        <p className="mt-2">{t("experience.letters.intro", { organization: organizationName })}</p>
        {doneKey ? (
          <div className="mt-3">
            <Notice>{t(`experience.done.${doneKey}`)}</Notice>
          </div>
        ) : null}
        <FormErrors id="letters-errors" errors={lastResult?.error?.[""] ?? undefined} />

        {waiting ? (
          <div className="mt-3 rounded-md border border-amber-700 bg-amber-50 p-3">
            <p className="font-semibold">{t("experience.letters.waiting", { day: f.date(waiting.requestedAt) })}</p>
            <ul className="mt-1 list-disc pl-6">
              <li>{waiting.includePay ? t("experience.letters.withPay") : t("experience.letters.withoutPay")}</li>
              <li>
                {waiting.includeOrganization
                  ? t("experience.letters.withOrganization", { organization: organizationName })
                  : t("experience.letters.withoutOrganization", { organization: organizationName })}
              </li>
            </ul>
            <Form method="post" className="mt-3">
              <input type="hidden" name="intent" value="withdraw" />
              <input type="hidden" name="letterId" value={waiting.id} />
              <button type="submit" className="btn-secondary" disabled={busy}>
                {t("experience.letters.withdraw")}
              </button>
            </Form>
          </div>
        ) : null}

        {hasWork ? (
          <Form method="post" className="mt-4">
            <input type="hidden" name="intent" value="ask" />
            <fieldset aria-describedby="ask-help">
              <legend className="font-medium">
                {waiting ? t("experience.ask.legendAgain") : t("experience.ask.legend")}
              </legend>
              <p id="ask-help" className="mt-1 text-sm text-slate-700">
                {t("experience.ask.help")}
              </p>
              <Tick name="includePay" defaultChecked={choices.includePay} first>
                {t("experience.ask.pay")}
              </Tick>
              <Tick name="includeOrganization" defaultChecked={choices.includeOrganization}>
                {t("experience.ask.organization", { organization: organizationName })}
              </Tick>
            </fieldset>
            <button type="submit" className="btn-primary mt-3" disabled={busy}>
              {waiting ? t("experience.ask.submitAgain") : t("experience.ask.submit")}
            </button>
          </Form>
        ) : null}

        {given.length > 0 ? (
          <>
            <h3 className="mt-6 font-semibold">{t("experience.letters.given")}</h3>
            <ul className="mt-2 divide-y divide-slate-200">
              {given.map((letter) => (
                <li key={letter.id} className="py-2">
                  <Link to={`/portal/experience/${letter.id}`} className="link">
                    {t("experience.letters.letterOf", { day: f.calendarDay(letter.issuedOn!) })}
                  </Link>
                  <span className="block text-sm text-slate-700">
                    {letter.status === "revoked"
                      ? t("experience.letters.revokedOn", { day: f.date(letter.revokedAt!) })
                      : t("experience.letters.signedBy", { name: letter.signerName, title: letter.signerTitle })}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("portal");
  return <PortalErrorPage title={t("experience.title")} />;
}

/** One choice of what to show, a tick box large enough for a thumb. */
function Tick(props: { name: string; value?: string; defaultChecked: boolean; first?: boolean; children: ReactNode }) {
  return (
    <label className={`${props.first ? "mt-2 " : ""}flex min-h-[44px] items-center gap-2`}>
      <input
        type="checkbox"
        name={props.name}
        // Without a value the box sends "on"; a value prop even when undefined would send "".
        {...(props.value ? { value: props.value } : {})}
        defaultChecked={props.defaultChecked}
        className="h-5 w-5 rounded border-slate-500"
      />
      {props.children}
    </label>
  );
}
