import { useFormMetadata } from "@conform-to/react";
import { useEffect, useId, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";
import { ENGAGEMENT_LEVELS, RATE_KINDS, STAGES, WORK_FORMATS } from "../../db/schema";
import { FORMAT_LABELS, LEVEL_LABELS, RATE_KIND_LABELS, STAGE_LABELS } from "~/utils/engagement-options";
import { fairPayCheckOfTyped } from "~/utils/money";
import { CheckboxField, SelectField, TextAreaField, TextField } from "./forms";

type Meta = Parameters<typeof TextField>[0]["field"] & { value?: unknown };
type Fields = Record<
  | "consultantId"
  | "programId"
  | "stage"
  | "activityTypeId"
  | "role"
  | "level"
  | "title"
  | "scopeWhat"
  | "scopeWhen"
  | "scopeWhere"
  | "format"
  | "startDate"
  | "endDate"
  | "rateKind"
  | "rate"
  | "estimatedHours"
  | "estimatedDays"
  | "coversPreparation"
  | "coversTravel"
  | "coversDebrief"
  | "expensesPolicy"
  | "paymentDueDays"
  | "cancellationTerms"
  | "belowFairRateAccepted",
  Meta
>;

type Choices = {
  consultants: { id: string; preferredName: string }[];
  programs: { id: string; name: string }[];
  activityTypes: { id: string; stage: (typeof STAGES)[number]; label: string }[];
};

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="card mb-6">
      <h2 id={id} className="mb-4 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

type PayField = "rateKind" | "rate" | "estimatedHours" | "estimatedDays";

/**
 * What is typed in the pay fields now, read through this component's own subscription to the form
 * (the page wraps the form in Conform's FormProvider). Conform re-renders a component for the values
 * its owner's last render read, and the owner may render alone (react-i18next re-renders a component
 * once after it mounts), which would drop values read only by the components below it.
 */
function usePayTyped() {
  const live = useFormMetadata<Record<PayField, string>>().getFieldset();
  return {
    rateKind: live.rateKind.value,
    rate: live.rate.value,
    estimatedHours: live.estimatedHours.value,
    estimatedDays: live.estimatedDays.value,
  };
}

/**
 * The effective hourly rate and estimated total of what is typed, against the fair rate, and when
 * it is below, "Save anyway". Worked out from the form's current values: as they are typed with
 * JavaScript, and on the server's answer without it (a "Check pay" or a refused save).
 */
function FairPayPanel({
  fields,
  fairHourlyCents,
  checkButton,
}: {
  fields: Fields;
  fairHourlyCents: number;
  checkButton: ReactNode;
}) {
  const typed = usePayTyped();
  const check = fairPayCheckOfTyped(typed, fairHourlyCents);
  const { t } = useTranslation("staff");
  const refused = Boolean(fields.belowFairRateAccepted.errors?.length);
  const below = check?.belowFairRate === true || refused;
  return (
    <div className={`mb-4 rounded-md border p-3 ${below ? "border-red-700 bg-red-50" : "border-slate-300 bg-white"}`}>
      <div aria-live="polite" id="fair-pay-figures">
        <p>{t("engagements.fields.fairRate", { amount: fairHourlyCents })}</p>
        {check ? (
          <>
            <p>
              {check.effectiveHourlyCents === null
                ? t("engagements.fields.effectiveRateNeedsHours")
                : t("engagements.fields.effectiveRate", { amount: check.effectiveHourlyCents })}
            </p>
            <p>
              {check.estimatedTotalCents === null
                ? typed.rateKind === "daily"
                  ? t("engagements.fields.estimatedTotalNeedsDays")
                  : t("engagements.fields.estimatedTotalNeedsHours")
                : t("engagements.fields.estimatedTotal", { amount: check.estimatedTotalCents })}
            </p>
          </>
        ) : (
          <p>{t("engagements.fields.enterRate")}</p>
        )}
        {below ? <p className="mt-2 font-semibold text-red-900">{t("engagements.fields.belowFairRate")}</p> : null}
      </div>
      {below ? (
        <CheckboxField
          field={fields.belowFairRateAccepted}
          label={t("engagements.fields.saveAnyway")}
          help={t("engagements.fields.saveAnywayHelp")}
        />
      ) : null}
      {checkButton}
    </div>
  );
}

/** The engagement form: who and where, the scope of work, and the pay terms the consultant agrees to. */
export function EngagementFields({
  fields,
  choices,
  fairHourlyCents,
  checkButtonProps,
}: {
  fields: Fields;
  choices: Choices;
  fairHourlyCents: number;
  /** A button that sends the form for the server to show the pay figures, for pages without JavaScript. */
  checkButtonProps: Record<string, unknown>;
}) {
  // Without scripts every pay field shows and "Check pay" asks the server for the figures; with
  // scripts the figures follow the typing and only the fields for this kind of pay show.
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  const { t } = useTranslation("staff");
  const words = useMessage();
  const daily = usePayTyped().rateKind === "daily";
  return (
    <>
      <Section title={t("engagements.fields.whoAndWhere")}>
        <SelectField
          field={fields.consultantId}
          label={t("engagements.fields.consultant")}
          placeholder={t("engagements.fields.chooseConsultant")}
          options={choices.consultants.map((c) => [c.id, c.preferredName] as const)}
        />
        <SelectField
          field={fields.programId}
          label={t("engagements.fields.program")}
          placeholder={t("engagements.fields.chooseProgram")}
          options={choices.programs.map((p) => [p.id, p.name] as const)}
          help={t("engagements.fields.programHelp")}
        />
        <SelectField
          field={fields.stage}
          label={t("engagements.fields.stage")}
          placeholder={t("engagements.fields.chooseStage")}
          options={STAGES.map((s) => [s, STAGE_LABELS[s]] as const)}
          help={t("engagements.fields.stageHelp")}
        />
        <SelectField
          field={fields.activityTypeId}
          label={t("engagements.fields.activity")}
          placeholder={t("engagements.fields.chooseActivity")}
          options={choices.activityTypes.map(
            (a) =>
              [
                a.id,
                t("engagements.fields.activityOption", { stage: words(STAGE_LABELS[a.stage]), activity: a.label }),
              ] as const,
          )}
        />
        <TextField field={fields.role} label={t("engagements.fields.role")} help={t("engagements.fields.roleHelp")} />
        <SelectField
          field={fields.level}
          label={t("engagements.fields.level")}
          placeholder={t("engagements.fields.chooseLevel")}
          options={ENGAGEMENT_LEVELS.map((l) => [l, LEVEL_LABELS[l]] as const)}
          help={t("engagements.fields.levelHelp")}
        />
      </Section>

      <Section title={t("engagements.fields.scope")}>
        <TextField
          field={fields.title}
          label={t("engagements.fields.title")}
          required
          help={t("engagements.fields.titleHelp")}
        />
        <TextAreaField field={fields.scopeWhat} label={t("engagements.fields.what")} rows={4} />
        <TextField
          field={fields.scopeWhen}
          label={t("engagements.fields.when")}
          help={t("engagements.fields.whenHelp")}
        />
        <TextField
          field={fields.scopeWhere}
          label={t("engagements.fields.where")}
          help={t("engagements.fields.whereHelp")}
        />
        <SelectField
          field={fields.format}
          label={t("engagements.fields.format")}
          placeholder={t("engagements.fields.formatNotDecided")}
          options={WORK_FORMATS.map((f) => [f, FORMAT_LABELS[f]] as const)}
        />
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField field={fields.startDate} label={t("engagements.fields.startDate")} type="date" />
          <TextField field={fields.endDate} label={t("engagements.fields.endDate")} type="date" />
        </div>
      </Section>

      <Section title={t("engagements.fields.payAndTerms")}>
        <SelectField
          field={fields.rateKind}
          label={t("engagements.fields.rateKind")}
          placeholder={t("engagements.fields.chooseOne")}
          options={RATE_KINDS.map((k) => [k, RATE_KIND_LABELS[k]] as const)}
        />
        <TextField field={fields.rate} label={t("engagements.fields.rate")} help={t("engagements.fields.rateHelp")} />
        {daily ? (
          <TextField
            field={fields.estimatedHours}
            label={t("engagements.fields.hoursInDay")}
            help={t("engagements.fields.hoursInDayHelp")}
          />
        ) : (
          <TextField
            field={fields.estimatedHours}
            label={t("engagements.fields.estimatedHours")}
            help={
              scripted ? t("engagements.fields.estimatedHoursHelp") : t("engagements.fields.estimatedHoursHelpNoScript")
            }
          />
        )}
        {daily || !scripted ? (
          <TextField
            field={fields.estimatedDays}
            label={scripted ? t("engagements.fields.days") : t("engagements.fields.daysNoScript")}
            help={t("engagements.fields.daysHelp")}
          />
        ) : null}
        <FairPayPanel
          fields={fields}
          fairHourlyCents={fairHourlyCents}
          checkButton={
            scripted ? null : (
              <button {...checkButtonProps} className="btn-secondary mt-2">
                {t("engagements.fields.checkPay")}
              </button>
            )
          }
        />
        <fieldset className="mb-2">
          <legend className="font-medium">{t("engagements.fields.paidTimeIncludes")}</legend>
          <CheckboxField field={fields.coversPreparation} label={t("engagements.fields.preparation")} />
          <CheckboxField field={fields.coversTravel} label={t("engagements.fields.travel")} />
          <CheckboxField field={fields.coversDebrief} label={t("engagements.fields.debrief")} />
        </fieldset>
        <TextAreaField
          field={fields.expensesPolicy}
          label={t("engagements.fields.expenses")}
          help={t("engagements.fields.expensesHelp")}
        />
        <TextField
          field={fields.paymentDueDays}
          label={t("engagements.fields.paymentDueDays")}
          help={t("engagements.fields.paymentDueDaysHelp")}
        />
        <TextAreaField
          field={fields.cancellationTerms}
          label={t("engagements.fields.cancellation")}
          help={t("engagements.fields.cancellationHelp")}
        />
      </Section>
    </>
  );
}
