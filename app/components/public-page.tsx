import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "./language-switch";
import { QuickExit, QuickExitHelp } from "./quick-exit";

/**
 * The frame for pages seen before signing in: one card, one heading. A survivor may be on any of
 * them (signing in, a new password, an invitation), so Quick exit is here as in the portal.
 */
export function PublicPage({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
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
        {t("skipToContent")}
      </a>
      {/* Starts below the quick-exit button, so the two never overlap on a narrow screen. */}
      <main id="main" className="mx-auto w-full max-w-md px-4 pb-10 pt-16">
        <div className="mb-3 flex justify-end print:hidden">
          <LanguageSwitch />
        </div>
        <div className="card">
          <h1 className="page-title mb-6">{title}</h1>
          {children}
        </div>
        <details className="mt-4 rounded-lg border border-slate-200 bg-white p-4 print:hidden">
          <summary className="cursor-pointer font-medium text-brand-800">{t("quickExit.whatItDoes")}</summary>
          <div className="mt-2">
            <QuickExitHelp />
          </div>
        </details>
      </main>
    </>
  );
}
