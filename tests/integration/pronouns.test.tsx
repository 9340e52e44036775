// How staff pages speak about a consultant: the pronouns they gave, or their name and "their" when
// the pronouns are unknown or not one of the three the product knows; and shared forms that speak
// to the consultant in the portal and to staff on staff pages.
import { renderIn } from "../support/render";
import { describe, expect, it } from "vitest";
import { TimeEntryFields } from "../../app/components/time-fields";
import { capitalized, personWords } from "../../app/utils/pronouns";

const sentence = (name: string, pronouns: string | null) => {
  const p = personWords(name, pronouns);
  return `${capitalized(p.subject)} ${p.verb("has", "have")} a portal account and can see ${p.possessive} own records. Ask ${p.object}.`;
};

describe("personWords", () => {
  it("uses she, he and they as given", () => {
    expect(sentence("Ana", "she/her")).toBe("She has a portal account and can see her own records. Ask her.");
    expect(sentence("Ben", "he/him")).toBe("He has a portal account and can see his own records. Ask him.");
    expect(sentence("Ari", "they/them")).toBe("They have a portal account and can see their own records. Ask them.");
  });

  it("reads the pronouns as people type them", () => {
    for (const typed of ["She/Her", " she ", "she", "her/hers", "she / her", "she, her", "SHE/HER/HERS"]) {
      expect(personWords("Ana", typed).possessive, typed).toBe("her");
    }
    expect(personWords("Ben", "him").subject).toBe("he");
    expect(personWords("Ari", "Them/They").subject).toBe("they");
    // The first one listed is the one to use.
    expect(personWords("Sol", "she/they").subject).toBe("she");
    expect(personWords("Sol", "they/she").subject).toBe("they");
  });

  it("falls back to the name and “their” when the pronouns are unknown or not one it knows", () => {
    for (const pronouns of [
      null,
      "",
      "   ",
      "ze/hir",
      "xe/xem",
      "any",
      "ask me",
      "<b>they</b>",
      "constructor",
      "__proto__",
    ]) {
      expect(sentence("Kofi", pronouns), String(pronouns)).toBe(
        "Kofi has a portal account and can see their own records. Ask Kofi.",
      );
    }
  });
});

describe("the time entry fields", () => {
  const meta = (name: string) => ({ id: name, name, errorId: `${name}-error`, descriptionId: `${name}-help` });
  const fields = {
    workDate: meta("workDate"),
    hours: meta("hours"),
    kind: meta("kind"),
    note: meta("note"),
    creationKey: meta("creationKey"),
  };
  const labels = (html: string) => [...html.matchAll(/<label[^>]*>(.*?)<\/label>/g)].map((m) => m[1]);

  it("speak to the consultant in the portal", () => {
    const html = renderIn(<TimeEntryFields fields={fields} creationKey="k" audience={{ kind: "self" }} />);
    expect(labels(html)).toEqual(["Date you worked", "Hours", "What kind of work", "Note (you can leave this empty)"]);
  });

  it("speak to staff about the consultant on staff pages, never as “you”", () => {
    const staffLabels = (pronouns: string | null, name = "Ana") =>
      labels(
        renderIn(
          <TimeEntryFields
            fields={fields}
            creationKey="k"
            audience={{ kind: "staff", consultant: personWords(name, pronouns) }}
          />,
        ),
      );
    expect(staffLabels("she/her")).toEqual(["Date she worked", "Hours", "What kind of work", "Note (optional)"]);
    expect(staffLabels("they/them")[0]).toBe("Date they worked");
    expect(staffLabels(null, "Kofi")[0]).toBe("Date Kofi worked");
    expect(staffLabels("he/him").join(" ")).not.toMatch(/\byou\b/i);
  });

  it("in Spanish, pick the sentence's own variant for the pronoun given, or the name", () => {
    const spanish = (audience: Parameters<typeof TimeEntryFields>[0]["audience"]) =>
      labels(renderIn(<TimeEntryFields fields={fields} creationKey="k" audience={audience} />, "es"));
    expect(spanish({ kind: "self" })).toEqual([
      "Fecha en que trabajó",
      "Horas",
      "Qué tipo de trabajo",
      "Nota (puede dejarla vacía)",
    ]);
    const staff = (pronouns: string | null, name = "Ana") =>
      spanish({ kind: "staff", consultant: personWords(name, pronouns) })[0];
    expect(staff("she/her")).toBe("Fecha en que ella trabajó");
    expect(staff("he/him")).toBe("Fecha en que él trabajó");
    expect(staff("they/them")).toBe("Fecha en que trabajó");
    expect(staff("ze/hir", "Kofi")).toBe("Fecha en que Kofi trabajó");
  });
});

describe("personWords says which pronoun was given, for translated sentences", () => {
  it("she, he or they as given, else the name", () => {
    expect(personWords("Ana", "She/Her")).toMatchObject({ pronoun: "she", name: "Ana" });
    expect(personWords("Ben", "him")).toMatchObject({ pronoun: "he", name: "Ben" });
    expect(personWords("Ari", "they/she")).toMatchObject({ pronoun: "they", name: "Ari" });
    expect(personWords("Kofi", "xe/xem")).toMatchObject({ pronoun: "name", name: "Kofi" });
    expect(personWords("Kofi", null)).toMatchObject({ pronoun: "name", name: "Kofi" });
  });
});
