import { describe, expect, it } from "vitest";
import type { Translations } from "../../db/schema";
import { localized, sameTranslations } from "../../app/models/localized.server";

const english = { label: "Use of my story", text: "We may tell your story in our training." };

describe("the organization's words for a reader", () => {
  it("English readers get the English, never marked as a fallback", () => {
    expect(localized(english, { es: { label: "x", text: "y" } }, "en", ["label", "text"])).toEqual({
      words: english,
      language: "en",
      fallback: false,
    });
  });

  it("a Spanish reader gets the Spanish when every field was written", () => {
    const result = localized(
      english,
      { es: { label: "Uso de mi historia", text: "Podemos contar su historia." } },
      "es",
      ["label", "text"],
    );
    expect(result).toEqual({
      words: { label: "Uso de mi historia", text: "Podemos contar su historia." },
      language: "es",
      fallback: false,
    });
  });

  it("half a translation is not shown: English, marked as a fallback", () => {
    const partial: (Translations | null)[] = [
      {},
      null,
      { es: { label: "Uso de mi historia" } },
      { es: { label: "x", text: "  " } },
    ];
    for (const translations of partial) {
      expect(localized(english, translations, "es", ["label", "text"])).toEqual({
        words: english,
        language: "en",
        fallback: true,
      });
    }
  });

  it("a field the English leaves empty needs no translation", () => {
    const result = localized({ title: "Panel", note: null }, { es: { title: "Panel de debate" } }, "es", [
      "title",
      "note",
    ]);
    expect(result).toEqual({ words: { title: "Panel de debate", note: null }, language: "es", fallback: false });
  });
});

describe("whether translations changed", () => {
  it("ignores order and empty fields, sees any real change", () => {
    expect(sameTranslations({ es: { a: "1", b: "2" } }, { es: { b: "2", a: "1" } })).toBe(true);
    expect(sameTranslations({ es: { a: "1", b: "" } }, { es: { a: "1" } })).toBe(true);
    expect(sameTranslations({}, { es: { a: " " } })).toBe(true);
    expect(sameTranslations(null, {})).toBe(true);
    expect(sameTranslations({ es: { a: "1" } }, { es: { a: "2" } })).toBe(false);
    expect(sameTranslations({ es: { a: "1" } }, {})).toBe(false);
  });
});
