import { useMatches } from "@remix-run/react";
import { DEFAULT_LANGUAGE, type Language } from "./config";

/**
 * The language a page is in: the deepest route whose data names one. The root names the language asked
 * for before sign-in; the staff and portal layouts name the signed-in person's own.
 */
export function pageLanguage(dataInOrder: unknown[]): Language {
  for (let i = dataInOrder.length - 1; i >= 0; i--) {
    const data = dataInOrder[i];
    if (data && typeof data === "object" && "language" in data && typeof data.language === "string") {
      return data.language;
    }
  }
  return DEFAULT_LANGUAGE;
}

export function useLanguage(): Language {
  return pageLanguage(useMatches().map((m) => m.data));
}

/** A route's title: `handle = { title: "staff:payments.title" }`, a catalog key the root renders. */
export function useTitleKey(): string {
  const matches = useMatches();
  for (let i = matches.length - 1; i >= 0; i--) {
    const handle = matches[i]!.handle as { title?: unknown } | undefined;
    if (typeof handle?.title === "string") return handle.title;
  }
  return "common:title";
}
