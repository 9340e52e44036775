// The only place that runs argon2: every password hashed or checked anywhere goes through here.
import { hash, verify } from "@node-rs/argon2";

// OWASP's recommended argon2id settings.
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

// argon2 is slow and takes 19 MiB per run on purpose, and runs on Node's thread pool (4 threads by
// default), which file reads and other async work share. Without a limit, a burst of sign-ins or
// reset attempts fills the pool and every other request waits behind them. Two at a time keeps half
// the pool free; the rest wait in line, first come first served.
export const PASSWORD_HASH_CONCURRENCY = 2;

// Beyond this many waiting, a new request is turned away at once (503) instead of joining a line
// that only grows: a flood of sign-ins must not hold every other request's memory and time.
export const PASSWORD_HASH_MAX_WAITING = 32;

let running = 0;
const waiting: (() => void)[] = [];
const stats = { hashes: 0, verifications: 0, mostAtOnce: 0 };

async function argon2Work<T>(work: () => Promise<T>): Promise<T> {
  // A finishing run hands its turn straight to the next in line, so `running` never goes over.
  if (running < PASSWORD_HASH_CONCURRENCY) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  stats.mostAtOnce = Math.max(stats.mostAtOnce, running);
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function admit() {
  if (running >= PASSWORD_HASH_CONCURRENCY && waiting.length >= PASSWORD_HASH_MAX_WAITING) {
    throw new Response("Many people are signing in right now. Please wait a minute and try again.", {
      status: 503,
      headers: { "Retry-After": "60", "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}

export async function hashPassword(password: string) {
  admit();
  stats.hashes++;
  return argon2Work(() => hash(password, ARGON2_OPTIONS));
}

/** Whether the password matches the stored hash; a malformed hash matches nothing. */
export async function verifyPassword(storedHash: string, password: string) {
  admit();
  stats.verifications++;
  return argon2Work(() => verify(storedHash, password).catch(() => false));
}

/** How much argon2 work this process has done, the most that ran at once, and what runs or waits now. */
export function passwordHashingStats() {
  return { ...stats, running, waiting: waiting.length };
}

export function resetPasswordHashingStatsForTests() {
  Object.assign(stats, { hashes: 0, verifications: 0, mostAtOnce: running });
}
