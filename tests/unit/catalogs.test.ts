// Every language has every key English has, and nothing else; a value keeps the placeholders of its
// English original, so a translation cannot drop the amount or the date it was meant to show.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { DEFAULT_LANGUAGE, LANGUAGES, NAMESPACES } from "~/i18n/config";

type Catalog = { [key: string]: string | Catalog };
const dir = path.resolve("app/locales");

function read(language: string, namespace: string): Catalog {
  return JSON.parse(readFileSync(path.join(dir, language, `${namespace}.json`), "utf8")) as Catalog;
}

function flatten(catalog: Catalog, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    if (typeof value === "string") out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([^,}\s]+)[^}]*\}\}/g)].map((m) => m[1]).sort();
// An i18next plural key ("hours_one") may be missing or added in a language with other plural forms.
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "");

describe.each(LANGUAGES.filter((l) => l !== DEFAULT_LANGUAGE))("the %s catalogs", (language) => {
  test.each([...NAMESPACES])("%s has exactly the English keys, each filled in, with the same placeholders", (ns) => {
    const english = flatten(read(DEFAULT_LANGUAGE, ns));
    const other = flatten(read(language, ns));
    const englishBases = new Set([...english.keys()].map(base));
    const otherBases = new Set([...other.keys()].map(base));
    expect(
      [...englishBases].filter((k) => !otherBases.has(k)),
      "missing",
    ).toEqual([]);
    expect(
      [...otherBases].filter((k) => !englishBases.has(k)),
      "not in English",
    ).toEqual([]);
    for (const [key, value] of other) {
      expect(value.trim(), `${ns}:${key} is empty`).not.toBe("");
      const original = english.get(key) ?? english.get(`${base(key)}_other`) ?? english.get(base(key));
      if (original !== undefined)
        expect(placeholders(value), `${ns}:${key} placeholders`).toEqual(placeholders(original));
    }
  });
});

test("every language in languages.json has a folder with every catalog, and no folder is left out", () => {
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  expect(folders).toEqual([...LANGUAGES].sort());
  for (const language of LANGUAGES)
    for (const ns of NAMESPACES) expect(() => read(language, ns), `${language}/${ns}.json`).not.toThrow();
});

test("no sentence wraps words in a tag named like an empty HTML element (it would render as an empty element)", () => {
  const empty = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];
  const wrong: string[] = [];
  for (const language of LANGUAGES)
    for (const ns of NAMESPACES)
      for (const [key, value] of flatten(read(language, ns)))
        for (const tag of empty) if (value.includes(`</${tag}>`)) wrong.push(`${language}/${ns}:${key} <${tag}>`);
  expect(wrong).toEqual([]);
});
