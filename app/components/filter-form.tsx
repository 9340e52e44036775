// The form of filters above a list: its fields, a button to show the list filtered and, for a list
// with many filters, a link back to the whole list. A GET form by default, so a filtered list can be
// bookmarked and works without JavaScript; a list searched by a person's name posts its filters
// instead, to keep the name out of the address.
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

// Whole class names, so Tailwind finds them.
const WIDE_COLUMNS = { 3: "lg:grid-cols-3", 4: "lg:grid-cols-4", 5: "lg:grid-cols-5" } as const;

export function FilterForm({
  label,
  columns,
  clearTo,
  submitLabel,
  method = "get",
  id,
  spacing = "mt-4",
  moreActions,
  children,
}: {
  /** Names the form for screen readers: "Filter payments". */
  label: string;
  /** Many filters sit in a grid of this many columns on a wide screen; a few sit in one row. */
  columns?: keyof typeof WIDE_COLUMNS;
  /** The whole list, without filters. */
  clearTo?: string;
  /** The button's words; "Show" when not given. */
  submitLabel?: string;
  method?: "get" | "post";
  /** For buttons outside the form that send it (the pager). */
  id?: string;
  /** The space above the form. */
  spacing?: "mt-2" | "mt-3" | "mt-4";
  /** Beside the button, such as a download of what is shown. */
  moreActions?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation("common");
  const submitText = submitLabel ?? t("filterForm.show");
  const after = (
    <>
      {clearTo ? (
        <Link to={clearTo} className="btn-secondary">
          {t("filterForm.clear")}
        </Link>
      ) : null}
      {moreActions}
    </>
  );
  if (columns === undefined) {
    return (
      <Form method={method} id={id} className={`card ${spacing} flex flex-wrap items-end gap-3`} aria-label={label}>
        {children}
        <button type="submit" className="btn-secondary">
          {submitText}
        </button>
        {after}
      </Form>
    );
  }
  return (
    <Form
      method={method}
      id={id}
      className={`card ${spacing} grid gap-3 sm:grid-cols-2 ${WIDE_COLUMNS[columns]}`}
      aria-label={label}
    >
      {children}
      <div className="flex items-end gap-2">
        <button type="submit" className="btn-primary">
          {submitText}
        </button>
        {after}
      </div>
    </Form>
  );
}
