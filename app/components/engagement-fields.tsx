/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { useEffect, useId, useState, type ReactNode } from "react";
import { ENGAGEMENT_LEVELS, RATE_KINDS, STAGES, WORK_FORMATS } from "../../db/schema";
import { FORMAT_LABELS, LEVEL_LABELS, RATE_KIND_LABELS, STAGE_LABELS } from "~/utils/engagement-options";
import { fairPayCheckOfTyped, formatCents } from "~/utils/money";
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
  const check = fairPayCheckOfTyped(
    {
      rateKind: fields.rateKind.value,
      rate: fields.rate.value,
      estimatedHours: fields.estimatedHours.value,
      estimatedDays: fields.estimatedDays.value,
    },
    fairHourlyCents,
  );
  const refused = Boolean(fields.belowFairRateAccepted.errors?.length);
  const below = check?.belowFairRate === true || refused;
  return (
    <div className={`mb-4 rounded-md border p-3 ${below ? "border-red-700 bg-red-50" : "border-slate-300 bg-white"}`}>
      <div aria-live="polite" id="fair-pay-figures">
        <p>Your organization’s fair rate: {formatCents(fairHourlyCents)} an hour.</p>
        {check ? (
          <>
            <p>
              Effective rate:{" "}
              {check.effectiveHourlyCents === null
                ? "add the estimated hours to see it."
                : `about ${formatCents(check.effectiveHourlyCents)} an hour.`}
            </p>
            <p>
              Estimated total:{" "}
              {check.estimatedTotalCents === null
                ? fields.rateKind.value === "daily"
                  ? "add the days of work to see it."
                  : "add the estimated hours to see it."
                : `about ${formatCents(check.estimatedTotalCents)}.`}
            </p>
          </>
        ) : (
          <p>Enter how the work is paid and the rate to see the effective hourly rate and the estimated total.</p>
        )}
        {below ? <p className="mt-2 font-semibold text-red-900">Below your fair rate</p> : null}
      </div>
      {below ? (
        <CheckboxField
          field={fields.belowFairRateAccepted}
          label="Save anyway: I know this pays below our fair rate"
          help="Or raise the rate. Survivor consultants are paid like any other expert."
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
  const daily = fields.rateKind.value === "daily";
  return (
    <>
      <Section title="Who and where">
        <SelectField
          field={fields.consultantId}
          label="Consultant"
          placeholder="Choose a consultant"
          options={choices.consultants.map((c) => [c.id, c.preferredName] as const)}
        />
        <SelectField
          field={fields.programId}
          label="Program"
          placeholder="Choose a program"
          options={choices.programs.map((p) => [p.id, p.name] as const)}
          help="Add programs on the Programs page."
        />
        <SelectField
          field={fields.stage}
          label="Stage"
          placeholder="Choose the stage"
          options={STAGES.map((s) => [s, STAGE_LABELS[s]] as const)}
          help="Survivors should shape design and evaluation, not only delivery."
        />
        <SelectField
          field={fields.activityTypeId}
          label="Activity (optional)"
          placeholder="Choose an activity"
          options={choices.activityTypes.map((a) => [a.id, `${STAGE_LABELS[a.stage]}: ${a.label}`] as const)}
        />
        <TextField field={fields.role} label="Role (optional)" help="For example advisor, trainer, evaluator." />
        <SelectField
          field={fields.level}
          label="Engagement level"
          placeholder="Choose the level"
          options={ENGAGEMENT_LEVELS.map((l) => [l, LEVEL_LABELS[l]] as const)}
          help="From inform to survivor-led: how much say the consultant has."
        />
      </Section>

      <Section title="Scope of work">
        <TextField field={fields.title} label="Title" required help="Short, plain words. The consultant sees it." />
        <TextAreaField field={fields.scopeWhat} label="What the work is" rows={4} />
        <TextField field={fields.scopeWhen} label="When (optional)" help="Dates, times, how many sessions." />
        <TextField field={fields.scopeWhere} label="Where (optional)" help="A place, or online." />
        <SelectField
          field={fields.format}
          label="Format (optional)"
          placeholder="Not decided"
          options={WORK_FORMATS.map((f) => [f, FORMAT_LABELS[f]] as const)}
        />
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField field={fields.startDate} label="Start date (optional)" type="date" />
          <TextField field={fields.endDate} label="End date (optional)" type="date" />
        </div>
      </Section>

      <Section title="Pay and terms">
        <SelectField
          field={fields.rateKind}
          label="How the work is paid"
          placeholder="Choose one"
          options={RATE_KINDS.map((k) => [k, RATE_KIND_LABELS[k]] as const)}
        />
        <TextField field={fields.rate} label="Rate in US dollars" help="For example 57 or 57.50." />
        {daily ? (
          <TextField
            field={fields.estimatedHours}
            label="Hours in a working day (optional)"
            help="Leave empty for a standard 8-hour day."
          />
        ) : (
          <TextField
            field={fields.estimatedHours}
            label="Estimated hours (optional)"
            help={
              scripted
                ? "Needed to check a flat fee or honorarium against your fair hourly rate, and for the estimated total."
                : "The hours the whole work takes. For a daily rate: the hours in one day (8 if empty)."
            }
          />
        )}
        {daily || !scripted ? (
          <TextField
            field={fields.estimatedDays}
            label={scripted ? "Days of work (optional)" : "Days of work, for a daily rate (optional)"}
            help="Whole days, for the estimated total."
          />
        ) : null}
        <FairPayPanel
          fields={fields}
          fairHourlyCents={fairHourlyCents}
          checkButton={
            scripted ? null : (
              <button {...checkButtonProps} className="btn-secondary mt-2">
                Check pay
              </button>
            )
          }
        />
        <fieldset className="mb-2">
          <legend className="font-medium">Paid time includes</legend>
          <CheckboxField field={fields.coversPreparation} label="Preparation" />
          <CheckboxField field={fields.coversTravel} label="Travel" />
          <CheckboxField field={fields.coversDebrief} label="Debrief" />
        </fieldset>
        <TextAreaField
          field={fields.expensesPolicy}
          label="Expenses (optional)"
          help="What is reimbursed, apart from the fee: transport, parking, childcare…"
        />
        <TextField
          field={fields.paymentDueDays}
          label="Pay within how many days of completion? (optional)"
          help="Leave empty to use your organization's setting."
        />
        <TextAreaField
          field={fields.cancellationTerms}
          label="If it is cancelled (optional)"
          help="For example a cancellation fee."
        />
      </Section>
    </>
  );
}
