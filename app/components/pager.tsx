// Previous / Next links for a paged list: plain links (GET), so they work without JavaScript and
// keep the list's filters, which `hrefFor` puts back in the address.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function Pager({
  label,
  page,
  pageCount,
  hrefFor,
}: {
  label: string;
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}) {
  const { t } = useTranslation("common");
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={label} className="mt-4 flex items-center gap-3">
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} className="btn-secondary">
          {t("pager.previous")}
        </Link>
      ) : null}
      <span>{t("pager.pageOf", { page, pageCount })}</span>
      {page < pageCount ? (
        <Link to={hrefFor(page + 1)} className="btn-secondary">
          {t("pager.next")}
        </Link>
      ) : null}
    </nav>
  );
}
