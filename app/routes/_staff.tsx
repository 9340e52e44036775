import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizationSwitcher } from "~/components/organization-switcher";
import { SessionTimeout } from "~/components/session-timeout";
import { forgetAllDrafts } from "~/utils/session-drafts";
import { listActiveMemberships } from "~/models/membership.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { languageFor } from "~/i18n/i18n.server";
import { can } from "~/models/permissions";

/** The catalog every page of this area reads from, fetched with the page so it renders at once. */
export const handle = { i18n: ["staff"] };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership, sessionEndsAt } = await requirePermission(request, "staff-pages:use");
  return {
    session: { msLeft: sessionEndsAt - Date.now(), owner: user.id },
    // The page's language: the person's own choice, over the one their browser asks for.
    language: await languageFor(request, user.preferredLanguage),
    preferredName: user.preferredName,
    role: membership.role,
    may: {
      manageSettings: can(membership.role, "settings:manage"),
      manageMembers: can(membership.role, "members:manage"),
      readAudit: can(membership.role, "audit:read"),
      erase: can(membership.role, "consultant:erase"),
    },
    organizationId: membership.organizationId,
    timeZone: membership.organizationTimeZone,
    organizationName: membership.organizationName,
    organizations: listActiveMemberships(user.id).map((m) => ({ id: m.organizationId, name: m.organizationName })),
  };
});

const navClass = ({ isActive }: { isActive: boolean }) =>
  `block rounded-md px-3 py-2 font-medium ${isActive ? "bg-brand-600 text-white" : "text-slate-800 hover:bg-slate-200"}`;

export default function StaffLayout() {
  const shell = useLoaderData<typeof loader>();
  const { may } = shell;
  const { t } = useTranslation(["staff", "common"]);
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2 print:hidden"
      >
        {t("common:skipToContent")}
      </a>
      {/* On paper (reports, summaries) the menus are noise. */}
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <p className="font-bold text-brand-800">{shell.organizationName}</p>
          <div className="flex flex-wrap items-center gap-3">
            <OrganizationSwitcher current={shell.organizationId} organizations={shell.organizations} />
            <details className="relative">
              <summary className="btn-secondary cursor-pointer list-none">{shell.preferredName}</summary>
              <div className="absolute right-0 z-10 mt-2 w-48 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
                <p className="px-2 py-1 text-sm text-slate-700">
                  {t("layout.signedInAs", { role: t(`common:roles.${shell.role}`) })}
                </p>
                <Link to="/account/two-step" className="block rounded-md px-2 py-2 hover:bg-slate-100">
                  {t("layout.twoStep")}
                </Link>
                <Link to="/account/sessions" className="block rounded-md px-2 py-2 hover:bg-slate-100">
                  {t("layout.sessions")}
                </Link>
                <Link to="/account/language" className="block rounded-md px-2 py-2 hover:bg-slate-100">
                  {t("common:languageChoice.heading")}
                </Link>
                <Form method="post" action="/logout" onSubmit={forgetAllDrafts}>
                  <button type="submit" className="w-full rounded-md px-2 py-2 text-left hover:bg-slate-100">
                    {t("layout.signOut")}
                  </button>
                </Form>
              </div>
            </details>
          </div>
        </div>
        <nav aria-label={t("layout.nav.label")} className="mx-auto max-w-6xl px-4 pb-3">
          <ul className="flex flex-wrap gap-2">
            <li>
              <NavLink to="/dashboard" className={navClass}>
                {t("layout.nav.dashboard")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/consultants" className={navClass}>
                {t("layout.nav.consultants")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/programs" className={navClass}>
                {t("layout.nav.programs")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/engagements" className={navClass}>
                {t("layout.nav.engagements")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/payments" className={navClass}>
                {t("layout.nav.payments")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/consent" className={navClass}>
                {t("layout.nav.consent")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/feedback" className={navClass}>
                {t("layout.nav.feedback")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/assessments" className={navClass}>
                {t("layout.nav.assessments")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/partners" className={navClass}>
                {t("layout.nav.partners")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/reports/engagement" className={navClass}>
                {t("layout.nav.funderReport")}
              </NavLink>
            </li>
            {may.manageSettings ? (
              <>
                <li>
                  <NavLink to="/settings/pay" className={navClass}>
                    {t("layout.nav.paySettings")}
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/settings/checklist" className={navClass}>
                    {t("layout.nav.checklist")}
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/settings/activities" className={navClass}>
                    {t("layout.nav.activities")}
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/settings/consent" className={navClass}>
                    {t("layout.nav.consentWording")}
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/settings/check-ins" className={navClass}>
                    {t("checkInSettings.nav")}
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/settings/organization" className={navClass}>
                    {t("layout.nav.organization")}
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/settings/security" className={navClass}>
                    {t("layout.nav.security")}
                  </NavLink>
                </li>
              </>
            ) : null}
            {may.manageMembers ? (
              <li>
                <NavLink to="/admin/users" className={navClass}>
                  {t("layout.nav.users")}
                </NavLink>
              </li>
            ) : null}
            {may.readAudit ? (
              <li>
                <NavLink to="/admin/audit" className={navClass}>
                  {t("layout.nav.audit")}
                </NavLink>
              </li>
            ) : null}
            {may.erase ? (
              <li>
                <NavLink to="/admin/erasure-requests" className={navClass}>
                  {t("layout.nav.erasure")}
                </NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
      </header>
      <SessionTimeout {...shell.session} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        <Outlet />
      </main>
    </>
  );
}
