// What a person had typed when their session ran out, kept in this tab only (sessionStorage: gone
// when the tab closes) until they sign in again on the same page. Bound to the person, so that
// someone else signing in on a shared device never sees it.
const PREFIX = "seh-draft:";

type Draft = { owner: string; savedAt: number; fields: [string, string][] };

// Long enough to sign in again; not so long that text lingers in a tab left open.
const KEPT_FOR_MS = 30 * 60_000;

// Only what a person types: never passwords, hidden values (tokens, ids) or files.
const KEPT_TYPES = new Set(["text", "email", "tel", "number", "date", "url", "search", "textarea", "select-one"]);

function keyFor(path: string) {
  return `${PREFIX}${path}`;
}

/** Keeps the typed values of the page's forms before it leaves for the sign-in page. */
export function keepDrafts(path: string, owner: string) {
  const fields: [string, string][] = [];
  for (const form of Array.from(document.forms)) {
    if (form.method.toLowerCase() !== "post") continue;
    for (const element of Array.from(form.elements)) {
      if (!(
        element instanceof HTMLInputElement ||
        element instanceof HTMLTextAreaElement ||
        element instanceof HTMLSelectElement
      ))
        continue;
      if (!element.name || !KEPT_TYPES.has(element.type)) continue;
      const typed =
        element instanceof HTMLSelectElement
          ? Array.from(element.options).some((option) => option.selected !== option.defaultSelected)
          : element.value !== element.defaultValue;
      if (typed) fields.push([element.name, element.value]);
    }
  }
  if (fields.length === 0) return;
  try {
    window.sessionStorage.setItem(keyFor(path), JSON.stringify({ owner, savedAt: Date.now(), fields } satisfies Draft));
  } catch {
    // Storage full or turned off: nothing more can be done without sending the text anywhere.
  }
}

/**
 * Puts kept values back into the same fields of the page, once, for the same person. Returns
 * whether anything was put back.
 */
export function restoreDrafts(path: string, owner: string) {
  let draft: Draft | null = null;
  try {
    const raw = window.sessionStorage.getItem(keyFor(path));
    window.sessionStorage.removeItem(keyFor(path));
    draft = raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return false;
  }
  if (!draft || draft.owner !== owner || !(Date.now() - draft.savedAt < KEPT_FOR_MS)) return false;
  let restored = false;
  for (const [name, value] of draft.fields) {
    for (const form of Array.from(document.forms)) {
      const element = form.elements.namedItem(name);
      if (
        element instanceof HTMLInputElement ||
        element instanceof HTMLTextAreaElement ||
        element instanceof HTMLSelectElement
      ) {
        if (!KEPT_TYPES.has(element.type)) continue;
        element.value = value;
        restored = true;
      }
    }
  }
  return restored;
}

/** Quick exit and Sign out leave nothing typed behind in the tab. */
export function forgetAllDrafts() {
  try {
    for (const key of Object.keys(window.sessionStorage)) {
      if (key.startsWith(PREFIX)) window.sessionStorage.removeItem(key);
    }
  } catch {
    // Nothing stored.
  }
}
