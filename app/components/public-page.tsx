import type { ReactNode } from "react";

/** The frame for pages seen before signing in: one card, one heading. */
export function PublicPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2"
      >
        Skip to content
      </a>
      <main id="main" className="mx-auto w-full max-w-md px-4 py-10">
        <div className="card">
          <h1 className="page-title mb-6">{title}</h1>
          {children}
        </div>
      </main>
    </>
  );
}
