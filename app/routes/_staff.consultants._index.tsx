import { SafeTrans } from "~/i18n/safe-trans";
import { withHttpErrors } from "~/utils/http-errors.server";
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { CONSULTANT_STATUSES } from "../../db/schema";
import { FilterForm } from "~/components/filter-form";
import { optionsFrom, SelectField } from "~/components/forms";
import { StepProgress } from "~/components/progress";
import {
  cachedDirectoryFilterOptions,
  hasAnyConsultant,
  searchConsultants,
} from "~/models/consultant/directory.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { useMessage } from "~/i18n/use-message";
import { AvailabilityBadge } from "~/components/availability-badge";
import { DIRECTORY_SORTS, expertiseLabel, PROGRESS_FILTERS, STATUS_LABELS } from "~/utils/consultant-options";
import { readForm } from "~/utils/form-data.server";
import { DirectoryQuerySchema } from "~/utils/consultant-schema";

export const handle = { title: "staff:consultants.directory.title" };

function directoryView(organizationId: string, input: Record<string, unknown>) {
  const query = DirectoryQuerySchema.parse(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== "")));
  return {
    query,
    result: searchConsultants(organizationId, query),
    options: cachedDirectoryFilterOptions(organizationId),
    isEmptyOrganization: !hasAnyConsultant(organizationId),
  };
}

// A search is a POST: Remix runs the action, then this route's loader in the same request (the
// load context is that request's). The page shows the search's directory, so the loader gives it
// back instead of building the unfiltered one for nothing.
const searchedIn = new WeakMap<AppLoadContext, ReturnType<typeof directoryView>>();

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request, context }: LoaderFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  return searchedIn.get(context) ?? directoryView(membership.organizationId, {});
});

export const action = /* @__PURE__ */ withHttpErrors(async function action({ request, context }: ActionFunctionArgs) {
  const { membership } = await requirePermission(request, "staff-pages:use");
  const view = directoryView(membership.organizationId, Object.fromEntries(await readForm(request)));
  searchedIn.set(context, view);
  return view;
});

// In the browser the loader's data is not shown after a search (the action's is), so a search
// does not ask for it again.
export const shouldRevalidate: ShouldRevalidateFunction = ({
  formMethod,
  formAction,
  currentUrl,
  defaultShouldRevalidate,
}) =>
  formMethod?.toUpperCase() === "POST" &&
  (!formAction || new URL(formAction, currentUrl).pathname === currentUrl.pathname)
    ? false
    : defaultShouldRevalidate;

export default function ConsultantDirectory() {
  const loaded = useLoaderData<typeof loader>();
  const searched = useActionData<typeof action>();
  const { query, result, options, isEmptyOrganization } = searched ?? loaded;
  const { t } = useTranslation("staff");
  const words = useMessage();
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="page-title">{t("consultants.directory.title")}</h1>
        <Link to="/consultants/new" className="btn-primary">
          {t("consultants.directory.add")}
        </Link>
      </div>

      {isEmptyOrganization ? (
        <div className="card mt-6">
          <h2 className="text-lg font-semibold">{t("consultants.directory.emptyHeading")}</h2>
          <p className="mt-2">{t("consultants.directory.emptyText")}</p>
        </div>
      ) : (
        <>
          <FilterForm
            label={t("consultants.directory.find")}
            columns={3}
            clearTo="/consultants"
            method="post"
            id="directory"
          >
            <div className="sm:col-span-2 lg:col-span-3">
              <label htmlFor="q" className="block font-medium">
                {t("consultants.directory.searchByName")}
              </label>
              <input id="q" name="q" type="search" defaultValue={query.q ?? ""} className="input" />
            </div>
            <SelectField
              look="compact"
              field={{ id: "status", name: "status", initialValue: query.status }}
              label={t("consultants.directory.status")}
              placeholder={t("consultants.directory.anyStatus")}
              options={optionsFrom(CONSULTANT_STATUSES, (s) => STATUS_LABELS[s])}
            />
            <SelectField
              look="compact"
              field={{ id: "expertise", name: "expertise", initialValue: query.expertise }}
              label={t("consultants.directory.expertise")}
              placeholder={t("consultants.directory.any")}
              options={optionsFrom(options.expertise, expertiseLabel)}
            />
            <SelectField
              look="compact"
              field={{ id: "language", name: "language", initialValue: query.language }}
              label={t("consultants.directory.language")}
              placeholder={t("consultants.directory.any")}
              options={optionsFrom(options.languages)}
            />
            <SelectField
              look="compact"
              field={{ id: "progress", name: "progress", initialValue: query.progress }}
              label={t("consultants.directory.onboarding")}
              placeholder={t("consultants.directory.anyProgress")}
              options={Object.entries(PROGRESS_FILTERS)}
            />
            <SelectField
              look="compact"
              field={{ id: "sort", name: "sort", initialValue: query.sort }}
              label={t("consultants.directory.sortBy")}
              options={Object.entries(DIRECTORY_SORTS)}
            />
          </FilterForm>

          <p className="mt-4 text-slate-700" role="status">
            {t("consultants.directory.count", { count: result.count })}
          </p>
          {result.rows.length === 0 ? (
            <p className="card mt-2">
              <SafeTrans
                t={t}
                i18nKey="consultants.directory.noMatch"
                components={{ a: <Link to="/consultants" className="link" /> }}
              />
            </p>
          ) : (
            <ul className="mt-2 grid gap-3 md:grid-cols-2">
              {result.rows.map((c) => (
                <li key={c.id} className="card">
                  <p className="text-lg font-semibold">
                    <Link to={`/consultants/${c.id}`} className="link">
                      {c.preferredName}
                    </Link>
                    {c.pronouns ? (
                      <span className="ml-2 text-sm font-normal text-slate-700">({c.pronouns})</span>
                    ) : null}
                  </p>
                  <p className="text-sm">
                    {words(STATUS_LABELS[c.status])} ·{" "}
                    {c.hasPortalAccount ? t("consultants.directory.hasPortal") : t("consultants.directory.noPortal")}
                  </p>
                  <AvailabilityBadge availability={c.availability} />
                  {c.languages.length ? (
                    <p className="text-sm text-slate-700">
                      {t("consultants.directory.languages", { list: c.languages.join(", ") })}
                    </p>
                  ) : null}
                  {c.expertise.length ? (
                    <p className="text-sm text-slate-700">
                      {t("consultants.directory.expertiseList", {
                        list: c.expertise.map((tag) => words(expertiseLabel(tag))).join(", "),
                      })}
                    </p>
                  ) : null}
                  <div className="mt-2">
                    <StepProgress
                      done={c.doneSteps}
                      total={result.totalSteps}
                      label={t("consultants.directory.onboarding")}
                    />
                  </div>
                </li>
              ))}
            </ul>
          )}
          {result.pageCount > 1 ? (
            <nav aria-label={t("consultants.directory.pages")} className="mt-4 flex items-center gap-3">
              {query.page > 1 ? (
                <button form="directory" name="page" value={query.page - 1} className="btn-secondary">
                  {t("consultants.directory.previous")}
                </button>
              ) : null}
              <span>{t("consultants.directory.pageOf", { page: query.page, total: result.pageCount })}</span>
              {query.page < result.pageCount ? (
                <button form="directory" name="page" value={query.page + 1} className="btn-secondary">
                  {t("consultants.directory.next")}
                </button>
              ) : null}
            </nav>
          ) : null}
        </>
      )}
    </>
  );
}

export { StaffErrorBoundary as ErrorBoundary } from "~/components/staff-error";
