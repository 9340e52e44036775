// What /verify says a checked letter states: its hours and months in the reader's language (Spanish as
// written in the US: 6.5 horas), with the warning that a copy saying otherwise was changed; and, for a
// letter whose words were erased, that there is nothing to compare. Never a name: the facts hold none.
import { describe, expect, it } from "vitest";
import { CheckedLetterFacts } from "../../app/components/checked-letter-facts";
import { renderIn } from "../support/render";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

describe("CheckedLetterFacts", () => {
  it("states the hours and the first and last month, in English and in Spanish", () => {
    const facts = { totalHundredths: 650, firstMonth: "2026-08", lastMonth: "2026-11" };
    expect(text(renderIn(<CheckedLetterFacts facts={facts} />, "en"))).toBe(
      "The letter states 6.5 hours of work in all, from August 2026 to November 2026. " +
        "If the copy you hold says something else, it has been changed.",
    );
    expect(text(renderIn(<CheckedLetterFacts facts={facts} />, "es"))).toBe(
      "La carta indica 6.5 horas de trabajo en total, de agosto de 2026 a noviembre de 2026. " +
        "Si la copia que tiene dice otra cosa, fue modificada.",
    );
  });

  it("names one month once, and no month when the letter states no dates", () => {
    const html = renderIn(
      <CheckedLetterFacts facts={{ totalHundredths: 100, firstMonth: "2026-03", lastMonth: "2026-03" }} />,
    );
    expect(text(html)).toContain("The letter states 1 hour of work in all, in March 2026.");
    const undated = renderIn(
      <CheckedLetterFacts facts={{ totalHundredths: 0, firstMonth: null, lastMonth: null }} />,
      "es",
    );
    expect(text(undated)).toContain("La carta indica 0 horas de trabajo en total.");
  });

  it("says there is nothing to compare once the letter's words were erased", () => {
    expect(text(renderIn(<CheckedLetterFacts facts={null} />))).toBe(
      "We no longer keep what this letter states, so we cannot show its hours and dates.",
    );
  });
});
