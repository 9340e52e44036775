// The catalogs, read once from `app/locales/<language>/<namespace>.json` when the server starts.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_LANGUAGE, LANGUAGES, NAMESPACES, type Language, type Namespace } from "./config";

type Catalog = { [key: string]: string | Catalog };
export type Resources = Record<Language, Record<Namespace, Catalog>>;

/**
 * A made-up language for tests only: every English string wrapped in ⟦ ⟧, so a test can see any text
 * on a page that did not come from a catalog. Offered only when PSEUDO_LANGUAGE=1.
 */
export const PSEUDO_LANGUAGE = "en-XA";

const LOCALES_DIR = path.resolve("app/locales");

function readCatalog(language: Language, namespace: Namespace): Catalog {
  const file = path.join(LOCALES_DIR, language, `${namespace}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Catalog) : {};
}

// A sentence's tags (`<terms>`, `</terms>`, `<name/>`): Trans turns the text between them into separate
// pieces of the page, so each piece is wrapped on its own.
const TAG = /(<\/?[A-Za-z0-9_-]+\s*\/?>)/;

/** "Read <terms>the terms</terms>." → "⟦Read ⟧<terms>⟦the terms⟧</terms>⟦.⟧" */
export function pseudoString(value: string): string {
  return value
    .split(TAG)
    .map((piece, i) => (i % 2 === 1 || piece.trim() === "" ? piece : `⟦${piece}⟧`))
    .join("");
}

function wrapped(catalog: Catalog): Catalog {
  return Object.fromEntries(
    Object.entries(catalog).map(([key, value]) => [
      key,
      typeof value === "string" ? pseudoString(value) : wrapped(value),
    ]),
  );
}

export function pseudoLanguageOffered() {
  return process.env.PSEUDO_LANGUAGE === "1";
}

function load(): Resources {
  const resources: Resources = {};
  for (const language of LANGUAGES) {
    resources[language] = Object.fromEntries(NAMESPACES.map((ns) => [ns, readCatalog(language, ns)])) as Record<
      Namespace,
      Catalog
    >;
  }
  if (pseudoLanguageOffered()) {
    const english = resources[DEFAULT_LANGUAGE]!;
    resources[PSEUDO_LANGUAGE] = Object.fromEntries(NAMESPACES.map((ns) => [ns, wrapped(english[ns])])) as Record<
      Namespace,
      Catalog
    >;
  }
  return resources;
}

export const resources: Resources = load();

/**
 * Changes whenever a catalog does: the browser fetches `/locales/<language>/<namespace>?v=<version>` and
 * may keep it for a year, because a new wording means a new address.
 */
export const catalogVersion = createHash("sha256").update(JSON.stringify(resources)).digest("hex").slice(0, 12);
