import { RuleError } from "~/models/errors";
import { withHttpErrors } from "~/utils/http-errors.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AssessmentItem, PARTNER_LIST_ID, type Submitted } from "~/components/assessment-item";
import { FormErrors, Notice } from "~/components/forms";
import { TemplateLanguageNote } from "~/components/template-language-note";
import { languageFor } from "~/i18n/i18n.server";
import { StepProgress } from "~/components/progress";
import { LeaveUnsavedDialog, useSectionAutosave } from "~/components/section-autosave";
import { completeAssessment, reopenAssessment, saveSection } from "~/models/assessment/drafting.server";
import { getAssessment } from "~/models/assessment/records.server";
import { answersNeededToScore, isScored } from "~/models/assessment/honest-scores.server";
import { READINESS_TEMPLATE_KEY } from "~/models/dashboard.server";
import { listPartners } from "~/models/partner.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { readForm } from "~/utils/form-data.server";
import { AssessmentIntentSchema as Intent } from "~/utils/assessment-schema";

export const handle = { title: "staff:assessments.fill.title" };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  const language = await languageFor(request, user.preferredLanguage);
  const { assessment, template, shown, mine, progress, staffRespondents } = getAssessment(
    membership.organizationId,
    params.id ?? "",
    language,
    user.id,
  );
  const mineAnswered = Object.keys(mine).length;
  const wanted = new URL(request.url).searchParams.get("section");
  const section = template.sections.find((s) => s.key === wanted) ?? template.sections[0]!;
  return {
    id: assessment.id,
    title: assessment.title,
    status: assessment.status,
    template,
    shown,
    section,
    // The form holds this person's own answers: colleagues' answers are theirs, kept apart.
    answers: Object.fromEntries(section.items.map((i) => [i.key, mine[i.key] ?? null])),
    mineAnswered,
    colleagues: staffRespondents - (mineAnswered > 0 ? 1 : 0),
    // How many answers the team needs before it can be marked complete; null when it gives no scores.
    needed: isScored(template) ? answersNeededToScore(progress.total) : null,
    // Consultants answer the readiness checklist too, from their portal.
    asksConsultants: template.key === READINESS_TEMPLATE_KEY,
    partnerNames: section.items.some((i) => i.type === "table" && i.columns.some((c) => c.key === "provider"))
      ? listPartners(membership.organizationId).map((p) => p.name)
      : [],
    progress,
  };
});

/** What was posted, by field name, so a refused form shows it again. */
function submittedOf(form: FormData): Submitted {
  const out: Submitted = {};
  for (const [name, value] of form.entries()) {
    if (name.startsWith("item.") && typeof value === "string") (out[name] ??= []).push(value.slice(0, 10_000));
  }
  return out;
}

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, params }: ActionFunctionArgs) {
  const { user, membership } = await requirePermission(request, "staff-pages:use");
  // Answers are checked against the assessment's template (saveSection), which knows the lists among them.
  const form = await readForm(request, (name) => name.startsWith("item."));
  const parsed = Intent.safeParse(Object.fromEntries(form));
  if (!parsed.success)
    return data({ errors: {}, formError: "staff:assessments.errors.somethingMissing" }, { status: 400 });
  const scope = { organizationId: membership.organizationId, actorUserId: user.id, assessmentId: params.id ?? "" };
  const v = parsed.data;
  try {
    if (!("section" in v)) {
      if (v.intent === "complete") {
        try {
          completeAssessment(scope);
        } catch (error) {
          // Said next to the button that was pressed.
          if (error instanceof RuleError) return data({ errors: {}, formError: null, completeError: error.text }, 400);
          throw error;
        }
        return redirect(`/assessments/${scope.assessmentId}/results?done=completed`);
      }
      reopenAssessment(scope);
      return redirect(`/assessments/${scope.assessmentId}?done=reopened`);
    }
    const { errors } = saveSection({ ...scope, sectionKey: v.section, form });
    if (Object.keys(errors).length > 0) {
      return data({ errors, submitted: submittedOf(form), formError: null }, { status: 400 });
    }
    if (v.intent === "autosave") return { errors: {}, formError: null, savedAt: new Date().toISOString() };
    const to = v.next
      ? `?section=${encodeURIComponent(v.next)}&done=saved`
      : `?section=${encodeURIComponent(v.section)}&done=saved`;
    return redirect(`/assessments/${scope.assessmentId}${to}`);
  } catch (error) {
    if (error instanceof RuleError) return data({ errors: {}, formError: error.text }, { status: 400 });
    throw error;
  }
});

type Reply = {
  errors: Record<string, string>;
  submitted?: Submitted;
  formError: string | null;
  completeError?: string;
  savedAt?: string;
};

export default function FillAssessment() {
  const {
    id,
    title,
    status,
    template,
    shown,
    section,
    answers,
    progress,
    partnerNames,
    mineAnswered,
    colleagues,
    needed,
    asksConsultants,
  } = useLoaderData<typeof loader>();
  const reply = useActionData<Reply>();
  const [searchParams] = useSearchParams();
  const location = useLocation();
  const index = template.sections.findIndex((s) => s.key === section.key);
  const next = template.sections[index + 1];
  const done = searchParams.get("done");
  const complete = status === "complete";
  const { t } = useTranslation("staff");
  const short = needed !== null && progress.answered < needed;

  return (
    <>
      <p className="text-sm">
        <Link to="/assessments" className="link">
          {t("assessments.title")}
        </Link>
      </p>
      <h1 className="page-title">{title}</h1>
      <p className="text-slate-700">
        {t("assessments.templateVersion", { title: template.title, version: template.version })}
      </p>
      {template.adaptedFrom ? <p className="mt-1 max-w-3xl text-sm text-slate-700">{template.adaptedFrom}</p> : null}
      <TemplateLanguageNote fallback={shown.fallback} version={template.version} />
      <div className="mt-3 max-w-md">
        <StepProgress
          done={progress.answered}
          total={progress.total}
          label={t("assessments.fill.answered")}
          noun="items"
        />
        <p className="mt-1 text-sm text-slate-700">
          {t("assessTogether.fill.yours", { answered: mineAnswered, total: progress.total })}{" "}
          {colleagues > 0 ? t("assessTogether.fill.colleagues", { count: colleagues }) : null}
        </p>
        {asksConsultants ? (
          <p className="mt-1">
            <Link to={`/assessments/${id}/invite`} className="link">
              {t("assessTogether.fill.askConsultants")}
            </Link>
          </p>
        ) : null}
      </div>
      <div className="mt-3">
        {done === "saved" ? <Notice>{t("assessments.fill.saved")}</Notice> : null}
        {done === "reopened" ? <Notice>{t("assessments.fill.reopened")}</Notice> : null}
      </div>
      <FormErrors id="assessment-errors" errors={reply?.formError ? [reply.formError] : []} />

      <nav aria-label={t("assessments.fill.sections")} className="mt-4">
        <ol className="flex flex-wrap gap-2">
          {template.sections.map((s, i) => {
            const p = progress.sections[i]!;
            return (
              <li key={s.key}>
                <Link
                  to={`?section=${s.key}`}
                  aria-current={s.key === section.key ? "step" : undefined}
                  className={s.key === section.key ? "btn-primary" : "btn-secondary"}
                >
                  {t("assessments.fill.sectionProgress", { title: s.title, answered: p.answered, total: p.total })}
                </Link>
              </li>
            );
          })}
        </ol>
      </nav>

      {complete ? (
        <div className="card mt-6">
          <p>{t("assessments.fill.complete")}</p>
          <div className="mt-3 flex flex-wrap gap-2">
            <Link to={`/assessments/${id}/results`} className="btn-primary">
              {t("assessments.fill.seeResults")}
            </Link>
            <Form method="post">
              <button type="submit" name="intent" value="reopen" className="btn-secondary">
                {t("assessments.fill.reopen")}
              </button>
            </Form>
          </div>
        </div>
      ) : null}

      <SectionForm
        // A fresh form (and save-as-you-go count) for each page shown: another section, or the
        // same one after the Save button.
        key={location.key}
        section={section}
        template={template}
        answers={answers}
        partnerNames={partnerNames}
        reply={reply}
        next={next}
        complete={complete}
      />

      {complete ? null : (
        <Form method="post" className="mt-6">
          <p className="text-slate-700">{t("assessments.fill.completeHint")}</p>
          {short ? (
            <p id="complete-needs" className="mt-1 text-slate-700">
              {t("assessTogether.fill.needsMore", { needed, total: progress.total, answered: progress.answered })}
            </p>
          ) : null}
          <div className="mt-2">
            <FormErrors id="complete-errors" errors={reply?.completeError ? [reply.completeError] : []} />
          </div>
          <button
            type="submit"
            name="intent"
            value="complete"
            className="btn-secondary"
            aria-describedby={
              [short ? "complete-needs" : "", reply?.completeError ? "complete-errors" : ""].join(" ").trim() ||
              undefined
            }
          >
            {t("assessments.fill.markComplete")}
          </button>
        </Form>
      )}
    </>
  );
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

function SectionForm({
  section,
  template,
  answers,
  partnerNames,
  reply,
  next,
  complete,
}: Pick<Loaded, "section" | "template" | "answers" | "partnerNames"> & {
  reply: Reply | undefined;
  next: Loaded["section"] | undefined;
  complete: boolean;
}) {
  const autosave = useSectionAutosave();
  const { t } = useTranslation("staff");
  const errors = reply?.errors ?? {};
  return (
    <Form method="post" className="card mt-6" {...(complete ? {} : autosave.formProps)}>
      <fieldset disabled={complete}>
        <legend className="text-xl font-semibold">{section.title}</legend>
        {section.intro ? <p className="mt-1 text-slate-700">{section.intro}</p> : null}
        <input type="hidden" name="section" value={section.key} />
        {partnerNames.length > 0 ? (
          <datalist id={PARTNER_LIST_ID}>
            {partnerNames.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        ) : null}
        <div className="mt-4">
          {section.items.map((item) => (
            <AssessmentItem
              key={item.key}
              item={item}
              template={template}
              saved={answers[item.key]}
              submitted={reply?.submitted}
              errors={errors}
            />
          ))}
        </div>
        {complete ? null : (
          <div className="flex flex-wrap items-center gap-2">
            {next ? <input type="hidden" name="next" value={next.key} /> : null}
            <button type="submit" name="intent" value="save" className="btn-primary">
              {next ? t("assessments.fill.saveAndNext") : t("assessments.fill.save")}
            </button>
            <p role="status" className="text-sm text-slate-700">
              {autosave.message}
            </p>
          </div>
        )}
      </fieldset>
      {autosave.leaving ? <LeaveUnsavedDialog {...autosave.leaving} /> : null}
    </Form>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
