// One item of a self-assessment as form fields, by answer type. Field names follow
// app/utils/assessment-answers.ts. `submitted` holds what was just posted when a field needs
// fixing, so nothing typed is lost; otherwise the saved answer fills the field.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useMessage } from "~/i18n/use-message";
import type { TemplateColumn, TemplateItem } from "~/utils/assessment-template";
import { SAMHSA_PRINCIPLES } from "~/utils/assessment-template";
import type { TableRow } from "~/utils/assessment-answers";
import { optionWord, type TemplateView } from "~/utils/template-translations";

export type Submitted = Record<string, string[]>;

type Props = {
  item: TemplateItem;
  /** In the reader's language where written; a choice saves its option, whatever words show it. */
  template: TemplateView;
  saved: unknown;
  submitted?: Submitted;
  errors: Record<string, string>;
};

/** The id of the page's <datalist> of partner names, offered in every "provider" cell. */
export const PARTNER_LIST_ID = "partner-names";

const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

function ErrorText({ name, errors }: { name: string; errors: Record<string, string> }) {
  const words = useMessage();
  return errors[name] ? (
    <p id={`${fieldId(name)}-error`} className="mt-1 font-medium text-red-800">
      {words(errors[name])}
    </p>
  ) : null;
}

/** The first value to show: what was just posted, else the saved answer as text. */
function shown(name: string, submitted: Submitted | undefined, saved: unknown): string {
  if (submitted) return submitted[name]?.[0] ?? "";
  if (saved === null || saved === undefined) return "";
  if (typeof saved === "boolean") return saved ? "yes" : "no";
  return String(saved);
}

function Choices({
  name,
  legend,
  options,
  current,
  errors,
  children,
}: {
  name: string;
  legend: ReactNode;
  options: [string, string][];
  current: string;
  errors: Record<string, string>;
  children?: ReactNode;
}) {
  return (
    <fieldset className="mb-5" aria-describedby={errors[name] ? `${fieldId(name)}-error` : undefined}>
      <legend className="font-medium">{legend}</legend>
      {children}
      <div className="mt-1 flex flex-wrap gap-x-5 gap-y-1">
        {options.map(([value, label]) => (
          <label key={value} className="inline-flex min-h-[44px] items-center gap-2">
            <input type="radio" name={name} value={value} defaultChecked={current === value} />
            {label}
          </label>
        ))}
      </div>
      <ErrorText name={name} errors={errors} />
    </fieldset>
  );
}

function TextInput({
  name,
  label,
  value,
  errors,
  multiline,
  inputMode,
}: {
  name: string;
  label: ReactNode;
  value: string;
  errors: Record<string, string>;
  multiline?: boolean;
  inputMode?: "decimal";
}) {
  const id = fieldId(name);
  const common = {
    id,
    name,
    defaultValue: value,
    className: "input",
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${id}-error` : undefined,
  };
  return (
    <div className="mb-5">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {multiline ? <textarea rows={3} {...common} /> : <input inputMode={inputMode} {...common} />}
      <ErrorText name={name} errors={errors} />
    </div>
  );
}

function ItemNotes({ item }: { item: TemplateItem }) {
  const { t } = useTranslation("staff");
  const words = useMessage();
  const help =
    item.help && item.type !== "scale" && item.type !== "table" ? (
      <span className="mt-1 block text-sm font-normal text-slate-700">{item.help}</span>
    ) : null;
  if (item.principles.length === 0) return help;
  return (
    <>
      {help}
      <span className="mt-1 block text-sm font-normal text-slate-700">
        {t("assessments.item.principles", { list: item.principles.map((p) => words(SAMHSA_PRINCIPLES[p])).join(", ") })}
      </span>
    </>
  );
}

function Cell({
  column,
  optionWords,
  name,
  rowLabel,
  value,
  errors,
}: {
  column: TemplateColumn;
  optionWords: Pick<TemplateView, "optionWords">;
  name: string;
  rowLabel: string;
  value: unknown;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation("staff");
  const id = fieldId(name);
  // "item.<item>.<row>.<column>": the column's options are worded under "<item>.<column>".
  const optionPath = `${name.split(".")[1]}.${column.key}`;
  const label = t("assessments.item.cell", { column: column.label, row: rowLabel });
  const invalid = errors[name] ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {};
  let control: ReactNode;
  if (column.type === "choices") {
    const picked = new Set(Array.isArray(value) ? (value as string[]) : []);
    control = (
      <fieldset {...(errors[name] ? { "aria-describedby": `${id}-error` } : {})}>
        <legend className="sr-only">{label}</legend>
        {column.options.map((o) => (
          <label key={o} className="mr-3 inline-flex min-h-[44px] items-center gap-1">
            <input type="checkbox" name={name} value={o} defaultChecked={picked.has(o)} />
            {optionWord(optionWords, optionPath, o)}
          </label>
        ))}
      </fieldset>
    );
  } else if (column.type === "choice" || column.type === "yes_no") {
    const options: [string, string][] =
      column.type === "yes_no"
        ? [
            ["yes", t("assessments.item.yes")],
            ["no", t("assessments.item.no")],
          ]
        : column.options.map((o) => [o, optionWord(optionWords, optionPath, o)]);
    control = (
      <select
        id={id}
        name={name}
        defaultValue={shown(name, undefined, value)}
        className="input"
        aria-label={label}
        {...invalid}
      >
        <option value="">—</option>
        {options.map(([v, t]) => (
          <option key={v} value={v}>
            {t}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <input
        id={id}
        name={name}
        // Providers named before are offered again (a plain text field without JavaScript too).
        list={column.key === "provider" ? PARTNER_LIST_ID : undefined}
        defaultValue={shown(name, undefined, value)}
        inputMode={column.type === "number" ? "decimal" : undefined}
        className="input"
        aria-label={label}
        {...invalid}
      />
    );
  }
  return (
    <td className="p-1 align-top md:p-2">
      <span className="text-sm font-medium md:hidden" aria-hidden="true">
        {column.label}
      </span>
      {control}
      <ErrorText name={name} errors={errors} />
    </td>
  );
}

function TableItem({
  item,
  template,
  saved,
  submitted,
  errors,
}: Props & { item: Extract<TemplateItem, { type: "table" }> }) {
  const { t } = useTranslation("staff");
  const rows = Array.isArray(saved) ? (saved as TableRow[]) : [];
  // After a refused save the page shows what was posted, so nothing typed is lost.
  const valueOf = (name: string, column: TemplateColumn, savedValue: unknown) => {
    if (!submitted) return savedValue;
    return column.type === "choices" ? (submitted[name] ?? []) : (submitted[name]?.[0] ?? "");
  };
  const byRow = new Map(rows.map((r) => [r.row, r]));
  const otherRows = rows.filter((r) => r.row.startsWith("other-"));
  // Room for one more extra row than are filled in (each save offers the next one).
  const others = item.allowOtherRows
    ? [...otherRows.map((_, i) => `other-${i}`), `other-${otherRows.length}`].slice(0, 20)
    : [];
  return (
    <div className="mb-6">
      <p className="font-medium">{item.text}</p>
      {item.help ? <p className="text-sm text-slate-700">{item.help}</p> : null}
      <table className="mt-2 w-full text-left">
        <thead className="hidden md:table-header-group">
          <tr>
            <th scope="col" className="p-2">
              {item.rowHeader}
            </th>
            {item.columns.map((c) => (
              <th key={c.key} scope="col" className="p-2">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {item.rows.map((row) => (
            <tr key={row.key} className="block border-t border-slate-200 md:table-row">
              <th scope="row" className="block p-1 md:table-cell md:p-2">
                {row.label}
              </th>
              {item.columns.map((c) => (
                <Cell
                  key={c.key}
                  column={c}
                  optionWords={template}
                  name={`item.${item.key}.${row.key}.${c.key}`}
                  rowLabel={row.label}
                  value={valueOf(`item.${item.key}.${row.key}.${c.key}`, c, byRow.get(row.key)?.cells[c.key])}
                  errors={errors}
                />
              ))}
            </tr>
          ))}
          {others.map((rowKey, n) => {
            const existing = byRow.get(rowKey);
            const labelName = `item.${item.key}.${rowKey}.label`;
            return (
              <tr key={rowKey} className="block border-t border-slate-200 md:table-row">
                <th scope="row" className="block p-1 font-normal md:table-cell md:p-2">
                  <input
                    id={fieldId(labelName)}
                    name={labelName}
                    defaultValue={submitted ? (submitted[labelName]?.[0] ?? "") : (existing?.label ?? "")}
                    aria-label={t("assessments.item.otherNeedNumbered", { n: n + 1 })}
                    placeholder={t("assessments.item.otherNeed")}
                    className="input"
                  />
                  <ErrorText name={labelName} errors={errors} />
                </th>
                {item.columns.map((c) => (
                  <Cell
                    key={c.key}
                    column={c}
                    optionWords={template}
                    name={`item.${item.key}.${rowKey}.${c.key}`}
                    rowLabel={existing?.label ?? t("assessments.item.otherNeedRow", { n: n + 1 })}
                    value={valueOf(`item.${item.key}.${rowKey}.${c.key}`, c, existing?.cells[c.key])}
                    errors={errors}
                  />
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function AssessmentItem(props: Props) {
  const { item, template, saved, submitted, errors } = props;
  const { t } = useTranslation("staff");
  const name = `item.${item.key}`;
  const legend = (
    <>
      {item.text}
      <ItemNotes item={item} />
    </>
  );
  switch (item.type) {
    case "scale": {
      const scale = template.scales[item.scale]!;
      const options: [string, string][] = scale.options.map((o) => [String(o.value), o.label]);
      if (scale.notApplicable) options.push(["na", t("assessments.item.notApplicable")]);
      return (
        <Choices name={name} legend={legend} options={options} current={shown(name, submitted, saved)} errors={errors}>
          {item.help ? <p className="text-sm text-slate-700">{item.help}</p> : null}
        </Choices>
      );
    }
    case "yes_no":
      return (
        <Choices
          name={name}
          legend={legend}
          options={[
            ["yes", t("assessments.item.yes")],
            ["no", t("assessments.item.no")],
          ]}
          current={shown(name, submitted, saved)}
          errors={errors}
        />
      );
    case "choice":
      return (
        <Choices
          name={name}
          legend={legend}
          options={item.options.map((o) => [o, optionWord(template, item.key, o)])}
          current={shown(name, submitted, saved)}
          errors={errors}
        />
      );
    case "text":
      return <TextInput name={name} label={legend} value={shown(name, submitted, saved)} errors={errors} multiline />;
    case "number":
      return (
        <TextInput
          name={name}
          label={legend}
          value={shown(name, submitted, saved)}
          errors={errors}
          inputMode="decimal"
        />
      );
    case "text_list": {
      const values = submitted?.[name] ?? (Array.isArray(saved) ? (saved as string[]) : []);
      return (
        <fieldset className="mb-5" aria-describedby={errors[name] ? `${fieldId(name)}-error` : undefined}>
          <legend className="font-medium">{legend}</legend>
          {Array.from({ length: item.maxItems }, (_, i) => (
            <label key={i} className="mt-1 block">
              <span className="sr-only">{t("assessments.item.entry", { text: item.text, n: i + 1 })}</span>
              <input name={name} defaultValue={values[i] ?? ""} className="input" />
            </label>
          ))}
          <ErrorText name={name} errors={errors} />
        </fieldset>
      );
    }
    case "table":
      return <TableItem {...props} item={item} />;
  }
}
