// Consent's labels and messages are catalog keys: each one must name a sentence that exists in every
// language (a typo would show the bare key on a page), and the badges staff and the portal share speak
// the reader's language.
import { describe, expect, it } from "vitest";
import { ConsentStateBadge, FlagBadge } from "../../app/components/consent-status";
import { LANGUAGES } from "../../app/i18n/config";
import { translateMessage } from "../../app/i18n/message";
import { i18nFor } from "../../app/i18n/translate.server";
import {
  CONSENT_EVENT_LABELS,
  CONSENT_METHOD_LABELS,
  CONSENT_STATE_LABELS,
  CONSENT_USE_ACTION_LABELS,
  CONSENT_USE_STATUS_LABELS,
  NAME_CHOICE_LABELS,
} from "../../app/utils/consent-options";
import { durationMessage } from "../../app/utils/consent-wording";
import { renderIn } from "../support/render";

const inLanguage = (language: string, text: string) => translateMessage(i18nFor(language).t, text);

const LABEL_MAPS = {
  CONSENT_STATE_LABELS,
  CONSENT_EVENT_LABELS,
  CONSENT_METHOD_LABELS,
  NAME_CHOICE_LABELS,
  CONSENT_USE_STATUS_LABELS,
  CONSENT_USE_ACTION_LABELS,
};

describe.each(LANGUAGES)("in %s", (language) => {
  it.each(Object.entries(LABEL_MAPS))("every label of %s is a sentence in the catalog", (_, labels) => {
    for (const key of Object.values(labels)) {
      const words = inLanguage(language, key);
      expect(words, key).not.toBe(key);
      expect(words.trim(), key).not.toBe("");
    }
  });
});

describe("how long a yes lasts", () => {
  it("reads in years when it is whole years, else in months, with the right plural", () => {
    expect(inLanguage("en", durationMessage(36))).toBe("3 years");
    expect(inLanguage("en", durationMessage(12))).toBe("1 year");
    expect(inLanguage("en", durationMessage(1))).toBe("1 month");
    expect(inLanguage("en", durationMessage(18))).toBe("18 months");
    expect(inLanguage("es", durationMessage(36))).toBe("3 años");
    expect(inLanguage("es", durationMessage(12))).toBe("1 año");
    expect(inLanguage("es", durationMessage(1))).toBe("1 mes");
    expect(inLanguage("es", durationMessage(18))).toBe("18 meses");
  });
});

describe("the shared consent badges", () => {
  it("say the state and the flag in the reader's language", () => {
    expect(renderIn(<ConsentStateBadge state="withdrawn" />)).toContain("Withdrawn");
    expect(renderIn(<ConsentStateBadge state="withdrawn" />, "es")).toContain("Retirado");
    expect(renderIn(<ConsentStateBadge state="not_asked" />, "es")).toContain("Aún no se ha preguntado");
    expect(renderIn(<FlagBadge cause={{ kind: "expired" }} />)).toContain("Consent ended: take down or stop");
    expect(renderIn(<FlagBadge cause={{ kind: "withdrawn" }} />, "es")).toContain(
      "Consentimiento retirado: quitar o detener",
    );
  });
});
