// Every action reads its posted form here. A field that takes one value must come once: readers
// disagree on which copy of a repeated field counts (FormData.get takes the first, Object.fromEntries
// the last, Conform makes a list of them), so a check made on one copy could let another through.
// A browser never repeats such a field; only a tampered request does, and it is refused whole.

import { message } from "~/i18n/message";

/** Fields that take several values (a group of checkboxes): their names, or a test on the name. */
export type ListFields = readonly string[] | ((name: string) => boolean);

// Catalog keys: the error page shows them in the reader's language.
const REPEATED_FIELD_MESSAGE = message("common:formData.repeated");
const UNREADABLE_FORM_MESSAGE = message("common:formData.unreadable");

/** The first field that takes one value but came more than once, or null when there is none. */
export function repeatedField(form: FormData, lists: ListFields = []): string | null {
  const isList = typeof lists === "function" ? lists : (name: string) => lists.includes(name);
  const seen = new Set<string>();
  for (const name of form.keys()) {
    if (seen.has(name) && !isList(name)) return name;
    seen.add(name);
  }
  return null;
}

/**
 * The request's form, refused with a 400 when it is not a form or when a field that takes one value
 * came more than once. Name in `lists` the fields that take several values.
 */
export async function readForm(request: Request, lists: ListFields = []): Promise<FormData> {
  // A body that is not a form (JSON, a broken multipart body) is the sender's mistake, not a server error.
  const form = await request.formData().catch(() => {
    throw new Response(UNREADABLE_FORM_MESSAGE, { status: 400 });
  });
  if (repeatedField(form, lists) !== null) throw new Response(REPEATED_FIELD_MESSAGE, { status: 400 });
  return form;
}
