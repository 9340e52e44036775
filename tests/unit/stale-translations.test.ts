import { describe, expect, it } from "vitest";
import { refuseStaleTranslations, staleTranslations } from "../../app/models/localized.server";
import { RuleError } from "../../app/models/errors";
import { readMessage } from "../../app/i18n/message";
import { i18nFor } from "../../app/i18n/translate.server";
import { translateMessage } from "../../app/i18n/message";

const before = { label: "Use of my story", text: "We may tell your story in our training." };
const spanish = { es: { label: "Uso de mi historia", text: "Podemos contar su historia en nuestras capacitaciones." } };
const newText = { ...before, text: "We may tell your story in our training and online." };

describe("a translation left saying what the English used to say", () => {
  it("names each field whose English changed while that field of a written translation stayed the same", () => {
    expect(staleTranslations(before, newText, spanish, spanish, [])).toEqual([{ language: "es", field: "text" }]);
    const both = { label: "Use of my story in public", text: newText.text };
    expect(staleTranslations(before, both, spanish, spanish, [])).toEqual([
      { language: "es", field: "label" },
      { language: "es", field: "text" },
    ]);
  });

  it("is satisfied when that field of the translation changed too, even if another field did not", () => {
    const after = { es: { ...spanish.es, text: "Podemos contar su historia en capacitaciones y en línea." } };
    expect(staleTranslations(before, newText, spanish, after, [])).toEqual([]);
  });

  it("lets staff say the translation still says the same", () => {
    expect(staleTranslations(before, newText, spanish, spanish, ["es"])).toEqual([]);
  });

  it("lets staff clear the translation: its readers then read the English", () => {
    expect(staleTranslations(before, newText, spanish, {}, [])).toEqual([]);
    expect(staleTranslations(before, newText, spanish, { es: { label: "", text: " " } }, [])).toEqual([]);
    expect(staleTranslations(before, newText, spanish, null, [])).toEqual([]);
  });

  it("has nothing to say when the English did not change, whatever the translation does", () => {
    const after = { es: { ...spanish.es, text: "Otra cosa, escrita de nuevo por el personal." } };
    expect(staleTranslations(before, before, spanish, after, [])).toEqual([]);
    expect(staleTranslations(before, before, spanish, spanish, [])).toEqual([]);
    // Spaces around the words are not a change of meaning.
    expect(staleTranslations(before, { ...before, text: ` ${before.text} ` }, spanish, spanish, [])).toEqual([]);
  });

  it("a translation written for the first time is written against the new English", () => {
    expect(staleTranslations(before, newText, {}, spanish, [])).toEqual([]);
    expect(staleTranslations(before, newText, undefined, spanish, [])).toEqual([]);
  });

  it("treats a field the English gains or loses as a change", () => {
    const english = { title: "Training", scopeWhen: null as string | null };
    const terms = { es: { title: "Capacitación" } };
    expect(staleTranslations(english, { ...english, scopeWhen: "March" }, terms, terms, [])).toEqual([
      { language: "es", field: "scopeWhen" },
    ]);
  });
});

describe("the refusal", () => {
  it("does nothing when nothing is stale", () => {
    expect(() => refuseStaleTranslations([], () => "x")).not.toThrow();
  });

  it("goes next to every stale field, and reads in English and Spanish", () => {
    const stale = staleTranslations(before, { label: "New", text: newText.text }, spanish, spanish, []);
    let refusal: unknown;
    try {
      refuseStaleTranslations(stale, (s) => `translations.${s.language}.${s.field}`);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(RuleError);
    const error = refusal as RuleError;
    expect(error.field).toBe("translations.es.label");
    expect(error.also.map((a) => a.field)).toEqual(["translations.es.text"]);
    expect(error.message).toBe(
      "The English changed: update the Spanish too, or tick ‘The Spanish still says the same’.",
    );
    expect(readMessage(error.also[0]!.text).values).toEqual({ language: "es" });
    expect(translateMessage(i18nFor("es").t, error.text)).toBe(
      "Cambió el inglés: actualice también el español, o marque «El español sigue diciendo lo mismo».",
    );
  });
});
