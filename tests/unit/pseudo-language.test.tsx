// The test-only pseudo language (app/i18n/resources.server.ts): every piece of text a catalog string
// puts on a page is wrapped in ⟦ ⟧, including the words Trans puts inside a sentence's tags, so the
// browser test (tests/e2e/i18n-pseudo.spec.ts) can tell catalog words from words that never were.
import { describe, expect, it } from "vitest";
import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";

// Offered only when asked for, before the catalogs are read.
process.env.PSEUDO_LANGUAGE = "1";
const { pseudoString, PSEUDO_LANGUAGE } = await import("~/i18n/resources.server");
const { SafeTrans } = await import("~/i18n/safe-trans");
const { renderIn } = (await import("../support/render")) as {
  renderIn: (element: ReactElement, language?: string) => string;
};

describe("the pseudo language", () => {
  it("wraps each piece of text between a sentence's tags, and leaves the tags and spaces alone", () => {
    expect(pseudoString("Read <terms>the terms</terms>.")).toBe("⟦Read ⟧<terms>⟦the terms⟧</terms>⟦.⟧");
    expect(pseudoString("Review and delete<hidden> <name/>’s information</hidden>")).toBe(
      "⟦Review and delete⟧<hidden> <name/>⟦’s information⟧</hidden>",
    );
    expect(pseudoString("{{count}} hours")).toBe("⟦{{count}} hours⟧");
    expect(pseudoString("")).toBe("");
  });

  it("marks every text a sentence with a link puts on the page", () => {
    function Links() {
      const { t } = useTranslation("portal");
      return (
        <SafeTrans t={t} i18nKey="profile.accountSafety.twoStep" components={{ a: <a href="/portal/two-step" /> }} />
      );
    }
    expect(renderIn(<Links />, PSEUDO_LANGUAGE)).toBe(
      '<a href="/portal/two-step">⟦Two-step sign-in⟧</a>⟦: ask for a code from your phone when you sign in. It is your choice.⟧',
    );
  });
});
