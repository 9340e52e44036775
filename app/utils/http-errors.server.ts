// The one place a model's refusal becomes HTTP. Models throw the errors in `~/models/errors`; routes
// wrap their loader and action in `withHttpErrors`, and answer a broken rule next to its field with
// `replyWithRuleError`.
import { data } from "@remix-run/node";
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from "~/models/errors";

/** The status a refusal answers with, or null for anything else: a real failure, left to the error page. */
export function statusFor(error: unknown): number | null {
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof ConflictError) return 409;
  if (error instanceof RuleError) return 400;
  return null;
}

/**
 * Wraps a loader or an action, written `export const loader = /* @__PURE__ *\/ withHttpErrors(...)`: the
 * annotation lets the browser build drop the call, and with it the server code it holds.
 *
 * Wraps a loader or an action: a refusal from a model is thrown on as a response with its status and
 * message, which the page's error boundary shows; anything else is thrown on unchanged.
 */
export function withHttpErrors<F extends (...args: never[]) => Promise<unknown>>(fn: F): F {
  const wrapped = async (...args: Parameters<F>) => {
    try {
      return await fn(...args);
    } catch (error) {
      const status = statusFor(error);
      // The message's key, which the error page translates for its reader.
      if (status !== null) throw new Response((error as RuleError).text, { status });
      throw error;
    }
  };
  return wrapped as unknown as F;
}

interface Replying<R> {
  reply(options: { fieldErrors?: Record<string, string[]>; formErrors?: string[] }): R;
}

/**
 * A broken rule shown where it belongs: next to its field, or above the form when it concerns the whole
 * form, with everything typed kept. Anything else is thrown on, for `withHttpErrors` or the error page.
 */
export function replyWithRuleError<R>(error: unknown, submission: Replying<R>) {
  if (!(error instanceof RuleError)) throw error;
  return data(submission.reply(whereRuleErrorGoes(error)), { status: 400 });
}

/** A broken rule as Conform's reply options: on its field, or on the form when it has none. */
export function whereRuleErrorGoes(
  error: Pick<RuleError, "field" | "text"> & Partial<Pick<RuleError, "also">>,
  onForm = false,
) {
  if (!error.field || onForm) return { formErrors: [error.text] };
  const fieldErrors: Record<string, string[]> = { [error.field]: [error.text] };
  for (const other of error.also ?? []) (fieldErrors[other.field] ??= []).push(other.text);
  return { fieldErrors };
}
