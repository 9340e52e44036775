import { useErrorWords } from "~/components/staff-error";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { requestLanguage } from "~/i18n/i18n.server";
import { useLanguage, useTitleKey } from "~/i18n/page-language";
import { catalogVersion } from "~/i18n/resources.server";
import { withHttpErrors } from "~/utils/http-errors.server";
import stylesheet from "~/tailwind.css";
import { useNonce } from "./utils/nonce";

// A plain shape, like the tab title: nothing in it says what this site is about.
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
];

export const handle = { i18n: ["common"] };

/** The language asked for before sign-in; the staff and portal layouts put a person's own over it. */
export const loader = /* @__PURE__ */ withHttpErrors(async function loader({ request }: LoaderFunctionArgs) {
  return { language: await requestLanguage(request), catalogVersion };
});

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const language = useLanguage();
  const { t, i18n } = useTranslation();
  const titleKey = useTitleKey();
  // A person who saves another language gets it on the next page without a reload: i18next fetches its
  // catalogs and the page re-renders in it.
  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [language, i18n]);
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <CatalogVersion />
        {/* Neutral on purpose: a tab title must not tell an onlooker what this site is about. */}
        <title>{t(titleKey as "title")}</title>
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/** Tells the browser which catalogs to fetch: a new wording means a new address, so a year's cache is safe. */
function CatalogVersion() {
  const root = useRouteLoaderData<typeof loader>("root");
  return root ? <meta name="catalog-version" content={root.catalogVersion} /> : null;
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const { status, heading, detail } = useErrorWords();
  const { t } = useTranslation();
  return (
    <main id="main" className="mx-auto max-w-xl p-6">
      <div className="card">
        <h1 className="page-title">{heading}</h1>
        {detail ? <p className="mt-3">{detail}</p> : null}
        {status >= 500 ? <p className="mt-3">{t("errors.tryAgain")}</p> : null}
        <p className="mt-4">
          <a className="link" href="/">
            {t("errors.toStart")}
          </a>
        </p>
      </div>
    </main>
  );
}
