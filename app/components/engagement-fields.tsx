import { useId, type ReactNode } from "react";
import { ENGAGEMENT_LEVELS, RATE_KINDS, STAGES, WORK_FORMATS } from "../../db/schema";
import { FORMAT_LABELS, LEVEL_LABELS, RATE_KIND_LABELS, STAGE_LABELS } from "~/utils/engagement-options";
import { CheckboxField, SelectField, TextAreaField, TextField } from "./forms";

type Meta = Parameters<typeof TextField>[0]["field"];
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
  | "coversPreparation"
  | "coversTravel"
  | "coversDebrief"
  | "expensesPolicy"
  | "paymentDueDays"
  | "cancellationTerms",
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

/** The engagement form: who and where, the scope of work, and the pay terms the consultant agrees to. */
export function EngagementFields({ fields, choices }: { fields: Fields; choices: Choices }) {
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
        <TextField
          field={fields.estimatedHours}
          label="Estimated hours (optional)"
          help="Needed to check a daily rate, flat fee or honorarium against your fair hourly rate."
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
