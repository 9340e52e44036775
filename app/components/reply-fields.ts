// Form fields from the server's answer alone, in a module of its own so that pages which do not use it
// do not carry it (the portal's pages count every byte: tests/unit/client-bundle.test.ts).
import type { FieldProps } from "./forms";

type Meta = FieldProps["field"];

/** The server's answer to a form (Conform's `submission.reply()`), as the page receives it. */
type Reply = {
  initialValue?: Record<string, unknown> | null;
  error?: Record<string, string[] | null> | null;
};

/**
 * A form's fields from the server's answer alone, for portal pages that must not carry Conform's
 * browser code: the ids Conform would give (the form's id, "-", the field's name), each field's
 * messages, and what was sent (else `defaults`). Inputs keep what was typed: they are uncontrolled.
 */
export function fieldsFromReply<Name extends string>(
  formId: string,
  reply: Reply | null | undefined,
  names: readonly Name[],
  defaults: Partial<Record<Name, string>> = {},
) {
  const meta = (id: string, errors: string[] | null | undefined, initialValue?: unknown) => ({
    id,
    errorId: `${id}-error`,
    descriptionId: `${id}-description`,
    errors: errors ?? undefined,
    initialValue,
  });
  const fields = {} as Record<Name, Meta>;
  for (const name of names) {
    fields[name] = {
      ...meta(`${formId}-${name}`, reply?.error?.[name], reply?.initialValue?.[name] ?? defaults[name]),
      name,
    };
  }
  return { form: meta(formId, reply?.error?.[""]), fields };
}
