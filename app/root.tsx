import { useErrorWords } from "~/components/staff-error";
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration } from "@remix-run/react";
import type { ReactNode } from "react";
import stylesheet from "~/tailwind.css";
import { useNonce } from "./utils/nonce";

// A plain shape, like the tab title: nothing in it says what this site is about.
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
];

// Neutral on purpose: a tab title must not tell an onlooker what this site is about.
export const meta: MetaFunction = () => [{ title: "Portal" }];

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
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

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const { status, heading, detail } = useErrorWords();
  return (
    <main id="main" className="mx-auto max-w-xl p-6">
      <div className="card">
        <h1 className="page-title">{heading}</h1>
        {detail ? <p className="mt-3">{detail}</p> : null}
        {status >= 500 ? <p className="mt-3">Please try again in a moment. Nothing you saved has been lost.</p> : null}
        <p className="mt-4">
          <a className="link" href="/">
            Go to the start page
          </a>
        </p>
      </div>
    </main>
  );
}
