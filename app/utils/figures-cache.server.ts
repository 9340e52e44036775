// Figures derived from many rows (the dashboard's panels), kept for a short while. On a
// national collaborative's data one dashboard reads hundreds of thousands of rows; the same
// figures asked for again within a minute come from here. Pages that use it say when the figures
// were worked out and offer to work them out again.
//
// Only aggregates go in here, never a person's record, and the key says whose they are (the
// organization always comes first), so one organization's figures cannot answer another's.

const TTL_MS = 60_000;
// Enough for every organization's usual views; the oldest goes first when it is full.
const MAX_ENTRIES = 500;

type Entry = { value: unknown; computedAt: number };
const entries = new Map<string, Entry>();

/**
 * The cached value for `key` when it is younger than a minute (unless `fresh`), otherwise
 * `compute()`'s result, stored. Returns when it was worked out, for the page to say so.
 */
export function cachedFigures<T>(
  key: string,
  compute: () => T,
  options: { fresh?: boolean; now?: number } = {},
): { value: T; computedAt: Date } {
  const now = options.now ?? Date.now();
  const hit = entries.get(key);
  if (hit && !options.fresh && now - hit.computedAt < TTL_MS) {
    return { value: hit.value as T, computedAt: new Date(hit.computedAt) };
  }
  const value = compute();
  entries.delete(key);
  entries.set(key, { value, computedAt: now });
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return { value, computedAt: new Date(now) };
}

/** Drops every cached value whose key starts with `keyPrefix`: the rows behind it just changed. */
export function forgetFigures(keyPrefix: string) {
  for (const key of [...entries.keys()]) if (key.startsWith(keyPrefix)) entries.delete(key);
}

export const FIGURES_TTL_SECONDS = TTL_MS / 1000;
