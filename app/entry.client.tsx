import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import resourcesToBackend from "i18next-resources-to-backend";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { initReactI18next } from "react-i18next";
import { getInitialNamespaces } from "remix-i18next/client";
import { i18nOptions } from "./i18n/config";
import { addFormatters } from "./i18n/formatters";

async function hydrate() {
  const version = document.querySelector<HTMLMetaElement>('meta[name="catalog-version"]')?.content ?? "";
  const namespaces = [...new Set(["common", ...getInitialNamespaces()])];
  await i18next
    .use(initReactI18next)
    .use(
      resourcesToBackend((language: string, namespace: string) =>
        fetch(`/locales/${language}/${namespace}?v=${version}`).then((response) => {
          if (!response.ok) throw new Error(`Catalog ${response.status}`);
          return response.json();
        }),
      ),
    )
    .init({
      ...i18nOptions,
      // The server already chose among the languages it offers; the page says which.
      supportedLngs: false,
      // Both catalogs are complete (a test holds them to it): no second language to fetch "just in case".
      fallbackLng: false,
      load: "currentOnly",
      lng: document.documentElement.lang,
      ns: namespaces,
    });
  addFormatters(i18next);
  // Without its words the page would hydrate into bare keys: it stays as the server sent it instead,
  // and its forms work as plain forms.
  if (!namespaces.every((ns) => i18next.hasLoadedNamespace(ns))) return;
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
}

void hydrate();
