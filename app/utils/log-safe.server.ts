// What an error may put in the log. Messages are left out: a failed query's message (Drizzle's
// DrizzleQueryError) holds the values it was given, such as names and time notes, and other
// libraries put input into theirs too. The name, a code and the stack frames say where it broke.

const SAFE_NAME = /^[A-Za-z_$][\w$.]{0,99}$/;
const SAFE_CODE = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_FRAMES = 30;

function codeOf(value: unknown) {
  if (typeof value !== "object" || value === null || !("code" in value)) return null;
  const code = (value as { code: unknown }).code;
  return (typeof code === "string" || typeof code === "number") && SAFE_CODE.test(String(code)) ? String(code) : null;
}

/**
 * The stack's frames ("    at …" lines) without the message at its head. V8 starts the stack
 * with "Name: message", and a message may itself hold lines that look like frames (a note typed
 * as "\n    at …"), so the head is cut off first; if the stack does not start with it (the message
 * changed after the error was made), any line of the message is left out as well.
 */
function framesOf(error: Error) {
  const stack = typeof error.stack === "string" ? error.stack : "";
  const head = error.message ? `${error.name}: ${error.message}` : error.name;
  const rest = stack.startsWith(head) ? stack.slice(head.length) : stack;
  const messageLines = new Set(error.message.split("\n"));
  return rest
    .split("\n")
    .filter((line) => line.startsWith("    at ") && !messageLines.has(line))
    .slice(0, MAX_FRAMES);
}

/** One log entry for an error: its name, its code and its cause's code, then the stack frames. */
export function errorForLog(error: unknown): string {
  if (!(error instanceof Error)) return "non-Error thrown";
  const name = SAFE_NAME.test(error.name) ? error.name : "Error";
  const code = codeOf(error);
  const causeCode = codeOf(error.cause);
  const summary = [name, code ? `code=${code}` : null, causeCode ? `cause.code=${causeCode}` : null]
    .filter(Boolean)
    .join(" ");
  return [summary, ...framesOf(error)].join("\n");
}
