import { withHttpErrors } from "~/utils/http-errors.server";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, Notice } from "~/components/forms";
import { PortalErrorPage } from "~/components/portal-error";
import { StepProgress } from "~/components/progress";
import { languageFor } from "~/i18n/i18n.server";
import { useMessage } from "~/i18n/use-message";
import {
  chooseHowToAnswer,
  myAssessmentInvitation,
  saveMyAnswers,
  sendMyAnswers,
} from "~/models/assessment/consultant-answers.server";
import { requireOwnConsultant } from "~/models/consultant/own.server";
import { ANONYMITY_THRESHOLD } from "~/models/feedback/anonymity.server";
import { RuleError } from "~/models/errors";
import { requirePermission } from "~/utils/auth/guards.server";
import { ConsultantAnswersSchema } from "~/utils/assessment-schema";
import { readForm } from "~/utils/form-data.server";

// My own answers: never kept in the browser's cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const handle = { title: "portal:assessTogether.title" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const own = requireOwnConsultant(membership.organizationId, user.id);
  const language = await languageFor(request, user.preferredLanguage);
  // A 404 for any invitation that is not this consultant's own, in this organization.
  const invitation = myAssessmentInvitation(
    { organizationId: membership.organizationId, consultantId: own.id, invitationId: params.id ?? "" },
    language,
  );
  const wanted = new URL(request.url).searchParams.get("section");
  const { template, answers, ...rest } = invitation;
  const section = template.sections.find((s) => s.key === wanted) ?? template.sections[0]!;
  const index = template.sections.indexOf(section);
  return {
    ...rest,
    templateTitle: template.title,
    sections: template.sections.map((s) => ({ key: s.key, title: s.title })),
    section: {
      key: section.key,
      title: section.title,
      intro: section.intro ?? null,
      items: section.items.flatMap((item) =>
        item.type === "scale"
          ? [
              {
                key: item.key,
                text: item.text,
                options: template.scales[item.scale]!.options.map((o) => [String(o.value), o.label] as const),
                notApplicable: template.scales[item.scale]!.notApplicable,
                answer: answers[item.key] === undefined ? null : String(answers[item.key]),
              },
            ]
          : [],
      ),
    },
    next: template.sections[index + 1]?.key ?? null,
    threshold: ANONYMITY_THRESHOLD,
  };
});

type Reply = { errors: Record<string, string>; formError: string | null; submitted?: Record<string, string> };

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "portal:use");
  const own = requireOwnConsultant(membership.organizationId, user.id);
  // Answers are checked against the checklist (saveMyAnswers), which knows the lists among them.
  const form = await readForm(request, (name) => name.startsWith("item."));
  const parsed = ConsultantAnswersSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return data<Reply>({ errors: {}, formError: "portal:assessTogether.errors.chooseHow" }, { status: 400 });
  }
  const v = parsed.data;
  const mine = {
    organizationId: membership.organizationId,
    consultantId: own.id,
    userId: user.id,
    invitationId: params.id ?? "",
  };
  const here = `/portal/assessments/${mine.invitationId}`;
  try {
    if (v.intent === "begin") {
      chooseHowToAnswer({ ...mine, answerAs: v.answerAs });
      return redirect(`${here}?done=begun`);
    }
    const { errors } = saveMyAnswers({ ...mine, sectionKey: v.section, form });
    if (Object.keys(errors).length > 0) {
      const submitted = Object.fromEntries(
        [...form.entries()].filter(([name, value]) => name.startsWith("item.") && typeof value === "string"),
      ) as Record<string, string>;
      return data<Reply>({ errors, formError: null, submitted }, { status: 400 });
    }
    if (v.intent === "send") {
      sendMyAnswers(mine);
      return redirect(`${here}?done=sent`);
    }
    return redirect(`${here}?section=${encodeURIComponent(v.next ?? v.section)}&done=saved`);
  } catch (error) {
    if (error instanceof RuleError) return data<Reply>({ errors: {}, formError: error.text }, { status: 400 });
    throw error;
  }
});

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

const tapLink = "link inline-flex min-h-[44px] items-center";

/** Choosing to answer with my name or without it, before starting (and again until I send). */
function ChooseHow({ answerAs, threshold }: Pick<Loaded, "answerAs" | "threshold">) {
  const { t } = useTranslation("portal");
  return (
    <Form method="post" className="card mt-4">
      <fieldset>
        <legend className="text-lg font-semibold">{t("assessTogether.choose.legend")}</legend>
        <label className="mt-3 flex min-h-[44px] items-start gap-3">
          <input
            type="radio"
            name="answerAs"
            value="anonymous"
            defaultChecked={answerAs === "anonymous"}
            className="mt-1 h-5 w-5"
            aria-describedby="anonymous-help"
          />
          <span>
            <span className="font-medium">{t("assessTogether.choose.anonymous")}</span>
            <span id="anonymous-help" className="block text-sm">
              {t("assessTogether.choose.anonymousHelp", { threshold })}
            </span>
          </span>
        </label>
        <label className="mt-3 flex min-h-[44px] items-start gap-3">
          <input
            type="radio"
            name="answerAs"
            value="named"
            defaultChecked={answerAs === "named"}
            className="mt-1 h-5 w-5"
            aria-describedby="named-help"
          />
          <span>
            <span className="font-medium">{t("assessTogether.choose.named")}</span>
            <span id="named-help" className="block text-sm">
              {t("assessTogether.choose.namedHelp")}
            </span>
          </span>
        </label>
      </fieldset>
      <button type="submit" name="intent" value="begin" className="btn-primary mt-4 w-full sm:w-auto">
        {answerAs ? t("assessTogether.choose.change") : t("assessTogether.choose.start")}
      </button>
    </Form>
  );
}

function Statement({
  item,
  error,
  submitted,
}: {
  item: Loaded["section"]["items"][number];
  error: string | undefined;
  submitted: string | undefined;
}) {
  const { t } = useTranslation("portal");
  const words = useMessage();
  const chosen = submitted ?? item.answer;
  const name = `item.${item.key}`;
  const errorId = `${item.key}-error`;
  const options = [
    ...item.options,
    ...(item.notApplicable ? [["na", t("assessTogether.answer.notApplicable")] as const] : []),
  ];
  return (
    <fieldset className="mt-5" aria-describedby={error ? errorId : undefined}>
      <legend className="font-medium">{item.text}</legend>
      <div className="mt-1 grid gap-1">
        {options.map(([value, label]) => (
          <label key={value} className="flex min-h-[44px] items-center gap-3">
            <input type="radio" name={name} value={value} defaultChecked={chosen === value} className="h-5 w-5" />
            {label}
          </label>
        ))}
      </div>
      <p id={errorId} className="min-h-[1.25rem] text-sm font-medium text-red-800">
        {error ? words(error) : null}
      </p>
    </fieldset>
  );
}

function Answering(data: Loaded) {
  const { t } = useTranslation("portal");
  const reply = useActionData<Reply>();
  const { section, sections, progress, next, id } = data;
  const index = sections.findIndex((s) => s.key === section.key);
  return (
    <>
      <p className="mt-3">
        {data.answerAs === "anonymous" ? t("assessTogether.answer.asAnonymous") : t("assessTogether.answer.asNamed")}{" "}
        <Link to={`/portal/assessments/${id}?change=1`} className={tapLink}>
          {t("assessTogether.answer.changeHow")}
        </Link>
      </p>
      <div className="mt-3">
        <StepProgress
          done={progress.answered}
          total={progress.total}
          label={t("assessTogether.answer.progress")}
          noun="items"
        />
      </div>
      <nav aria-label={t("assessTogether.answer.sections")} className="mt-3">
        <ol className="grid gap-1">
          {sections.map((s, i) => (
            <li key={s.key}>
              <Link
                to={`?section=${s.key}`}
                aria-current={s.key === section.key ? "step" : undefined}
                className={`${tapLink} ${s.key === section.key ? "font-semibold" : ""}`}
              >
                {t("assessTogether.answer.sectionLink", {
                  n: i + 1,
                  title: s.title,
                  answered: progress.sections[i]!.answered,
                  total: progress.sections[i]!.total,
                })}
              </Link>
            </li>
          ))}
        </ol>
      </nav>
      <Form method="post" className="card mt-4">
        <h2 className="text-lg font-semibold">
          {t("assessTogether.answer.sectionHeading", { n: index + 1, total: sections.length, title: section.title })}
        </h2>
        {section.intro ? <p className="mt-1">{section.intro}</p> : null}
        <p className="mt-1 text-sm">{t("assessTogether.answer.skipHelp")}</p>
        <input type="hidden" name="section" value={section.key} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        {section.items.map((item) => (
          <Statement
            key={item.key}
            item={item}
            error={reply?.errors[`item.${item.key}`]}
            submitted={reply?.submitted?.[`item.${item.key}`]}
          />
        ))}
        <div className="mt-4 grid gap-2 sm:flex sm:flex-wrap">
          <button type="submit" name="intent" value="save" className={next ? "btn-primary" : "btn-secondary"}>
            {next ? t("assessTogether.answer.saveAndNext") : t("assessTogether.answer.save")}
          </button>
          {next ? null : (
            <button type="submit" name="intent" value="send" className="btn-primary" aria-describedby="send-help">
              {t("assessTogether.answer.send")}
            </button>
          )}
        </div>
        {next ? null : (
          <p id="send-help" className="mt-2 text-sm">
            {data.answerAs === "anonymous"
              ? t("assessTogether.answer.sendHelpAnonymous")
              : t("assessTogether.answer.sendHelpNamed")}
          </p>
        )}
      </Form>
    </>
  );
}

export default function AnswerAssessment() {
  const { t } = useTranslation("portal");
  const data = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const changing = searchParams.get("change") === "1";
  const reply = useActionData<Reply>();
  return (
    <>
      <p>
        <Link to="/portal" className={tapLink}>
          {t("assessTogether.back")}
        </Link>
      </p>
      <h1 className="page-title mt-2">{t("assessTogether.heading")}</h1>
      <p className="mt-1 text-sm">{data.templateTitle}</p>
      {done === "saved" ? <Notice>{t("assessTogether.answer.saved")}</Notice> : null}
      <FormErrors id="answer-errors" errors={reply?.formError ? [reply.formError] : []} />
      {data.answered ? (
        <div className="card mt-4">
          {done === "sent" ? <Notice>{t("assessTogether.sent.notice")}</Notice> : null}
          <p>{t("assessTogether.sent.text")}</p>
        </div>
      ) : !data.open ? (
        <div className="card mt-4">
          <p>{t("assessTogether.closed")}</p>
          <p className="mt-2">{t("assessTogether.unsentDeleted")}</p>
        </div>
      ) : (
        <>
          <p className="mt-3">{t("assessTogether.intro")}</p>
          {data.paid && data.engagementId ? (
            <p className="mt-2">
              {t("assessTogether.paid")}{" "}
              <Link to={`/portal/work/${data.engagementId}`} className={tapLink}>
                {t("assessTogether.readTerms")}
              </Link>
            </p>
          ) : null}
          {!data.answerAs || changing ? (
            <ChooseHow answerAs={data.answerAs} threshold={data.threshold} />
          ) : (
            <Answering {...data} />
          )}
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("portal");
  return <PortalErrorPage title={t("assessTogether.title")} />;
}
