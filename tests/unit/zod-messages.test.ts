// Zod's own messages (where a schema gives none) reach the page as catalog keys, in the reader's language.
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { translateMessage } from "../../app/i18n/message";
import { translator } from "../../app/i18n/translate.server";
import "../../app/utils/validation";

const firstMessage = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error("expected a refusal");
  return result.error.issues[0]!.message;
};

describe("Zod's own messages", () => {
  it("are catalog keys that read well in English and Spanish", () => {
    const cases: [z.ZodType, unknown, string, string][] = [
      [z.object({ name: z.string() }), {}, "Fill in this field.", "Complete este campo."],
      [z.string().max(5), "too long", "Use no more than 5 characters.", "Use 5 caracteres como máximo."],
      [z.enum(["a", "b"]), "c", "Choose one of the options.", "Elija una de las opciones."],
      [z.array(z.string()).min(1), [], "Choose at least one.", "Elija al menos una opción."],
      [
        z.number().max(3),
        4,
        "This number is outside the range allowed.",
        "Este número está fuera del rango permitido.",
      ],
    ];
    for (const [schema, input, english, spanish] of cases) {
      const text = firstMessage(schema, input);
      expect(translateMessage(translator("en"), text)).toBe(english);
      expect(translateMessage(translator("es"), text)).toBe(spanish);
    }
  });

  it("never replace the words a schema gives itself", () => {
    expect(firstMessage(z.string().min(1, "common:errors.changed"), "")).toBe("common:errors.changed");
  });
});
