// The ways a model refuses, in the model's own words. Models know nothing of HTTP: a route turns these
// into a message next to a field or a status code, in one place (`app/utils/http-errors.server.ts`).
//
// Each carries a catalog key and its values, not a sentence: the reader's language is known only where
// the answer is shown. `message` is the English, for tests and developers.
import { message, type MessageValues } from "~/i18n/message";
import { inEnglish } from "~/i18n/translate.server";

abstract class TranslatableError extends Error {
  /** The message packed for the page, which translates it for its reader (see `~/i18n/message`). */
  readonly text: string;
  constructor(key: string, values?: MessageValues) {
    super(inEnglish(key, values));
    this.text = message(key, values);
  }
}

/**
 * A rule of the work was broken: the message says which, in words a person can act on. `field` is the
 * form field it belongs to, or null when it concerns the whole form.
 */
export class RuleError extends TranslatableError {
  /** Other fields the same refusal is about, each with its own message, so all show after one save. */
  also: { field: string; text: string }[] = [];
  constructor(
    public field: string | null,
    key: string,
    values?: MessageValues,
  ) {
    super(key, values);
    this.name = "RuleError";
  }
}

/** What was asked for does not exist in this organization (or belongs to someone else): say nothing more. */
export class NotFoundError extends TranslatableError {
  constructor(key = "common:errors.notFoundThing", values?: MessageValues) {
    super(key, values);
    this.name = "NotFoundError";
  }
}

/** The person's role does not allow this action. */
export class ForbiddenError extends TranslatableError {
  constructor(key = "common:errors.notAllowed", values?: MessageValues) {
    super(key, values);
    this.name = "ForbiddenError";
  }
}

/** The record moved on since it was read (changed by someone else, closed, or a replay that does not match). */
export class ConflictError extends TranslatableError {
  constructor(key = "common:errors.changed", values?: MessageValues) {
    super(key, values);
    this.name = "ConflictError";
  }
}
