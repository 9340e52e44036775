// The ways a model refuses, in the model's own words. Models know nothing of HTTP: a route turns these
// into a message next to a field or a status code, in one place (`app/utils/http-errors.server.ts`).

/**
 * A rule of the work was broken: the message says which, in words a person can act on. `field` is the
 * form field it belongs to, or null when it concerns the whole form.
 */
export class RuleError extends Error {
  constructor(
    public field: string | null,
    message: string,
  ) {
    super(message);
    this.name = "RuleError";
  }
}

/** What was asked for does not exist in this organization (or belongs to someone else): say nothing more. */
export class NotFoundError extends Error {
  constructor(message = "We could not find that.") {
    super(message);
    this.name = "NotFoundError";
  }
}

/** The person's role does not allow this action. */
export class ForbiddenError extends Error {
  constructor(message = "This is not available with your role.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** The record moved on since it was read (changed by someone else, closed, or a replay that does not match). */
export class ConflictError extends Error {
  constructor(message = "This record changed in the meantime. Please reload the page.") {
    super(message);
    this.name = "ConflictError";
  }
}
