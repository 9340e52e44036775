import { withHttpErrors } from "~/utils/http-errors.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OrganizationSwitcher } from "~/components/organization-switcher";
import { SessionTimeout } from "~/components/session-timeout";
import { forgetAllDrafts } from "~/utils/session-drafts";
import { QuickExit } from "~/components/quick-exit";
import { listActiveMemberships } from "~/models/membership.server";
import { requirePermission } from "~/utils/auth/guards.server";
import { languageFor } from "~/i18n/i18n.server";

/** The catalog every page of this area reads from, fetched with the page so it renders at once. */
export const handle = { i18n: ["portal"] };

export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { user, membership, sessionEndsAt } = await requirePermission(request, "portal:use");
  return {
    session: { msLeft: sessionEndsAt - Date.now(), owner: user.id },
    // The page's language: the person's own choice, over the one their browser asks for.
    language: await languageFor(request, user.preferredLanguage),
    preferredName: user.preferredName,
    organizationId: membership.organizationId,
    timeZone: membership.organizationTimeZone,
    organizations: listActiveMemberships(user.id).map((m) => ({ id: m.organizationId, name: m.organizationName })),
  };
});

// Three equal tabs fit side by side on a 360 px screen (three rows), each a full 44 px touch target.
// Wider screens take four a row: seven in one row would break "My choices" over two lines.
const navClass = ({ isActive }: { isActive: boolean }) =>
  `flex min-h-[44px] items-center justify-center rounded-md px-1 text-center font-medium ${
    isActive ? "bg-brand-600 text-white" : "text-brand-800 underline underline-offset-2 hover:bg-slate-100"
  }`;

export default function PortalLayout() {
  const { preferredName, organizationId, organizations, session } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["portal", "common"]);
  return (
    <>
      {/* Not on paper: a printed page needs no exit button. */}
      <div className="print:hidden">
        <QuickExit />
      </div>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2"
      >
        {t("common:skipToContent")}
      </a>
      <header className="border-b border-slate-200 bg-white print:hidden">
        {/* Room on the right for the quick-exit button, which is always on top. */}
        <div className="mx-auto flex max-w-2xl flex-wrap items-center justify-between gap-2 py-3 pl-4 pr-36">
          <p className="font-semibold text-brand-800">{t("layout.hello", { name: preferredName })}</p>
          <OrganizationSwitcher current={organizationId} organizations={organizations} />
          <Form method="post" action="/logout" onSubmit={forgetAllDrafts}>
            <button type="submit" className="link">
              {t("layout.signOut")}
            </button>
          </Form>
        </div>
        {/* Starts below the quick-exit button, so the two never overlap on a narrow screen. */}
        <nav aria-label={t("layout.navLabel")} className="mx-auto mt-2 max-w-2xl px-4 pb-3">
          <ul className="grid grid-cols-3 gap-2 sm:grid-cols-4">
            <li>
              <NavLink to="/portal" end className={navClass}>
                {t("layout.home")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/portal/work" className={navClass}>
                {t("layout.work")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/portal/pay" className={navClass}>
                {t("layout.pay")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/portal/consent" className={navClass}>
                {t("layout.choices")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/portal/feedback" className={navClass}>
                {t("layout.feedback")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/portal/availability" className={navClass}>
                {t("availability.nav")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/portal/profile" className={navClass}>
                {t("layout.profile")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/portal/my-data" className={navClass}>
                {t("layout.myData")}
              </NavLink>
            </li>
          </ul>
        </nav>
      </header>
      <SessionTimeout {...session} />
      <main id="main" className="mx-auto max-w-2xl px-4 py-6">
        <Outlet />
      </main>
    </>
  );
}
