// The only place that runs argon2: every password hashed or checked anywhere goes through here.
import { hash, verify } from "@node-rs/argon2";

// OWASP's recommended argon2id settings.
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

let running = 0;
const stats = { hashes: 0, verifications: 0, mostAtOnce: 0 };

async function argon2Work<T>(work: () => Promise<T>): Promise<T> {
  running++;
  stats.mostAtOnce = Math.max(stats.mostAtOnce, running);
  try {
    return await work();
  } finally {
    running--;
  }
}

export function hashPassword(password: string) {
  stats.hashes++;
  return argon2Work(() => hash(password, ARGON2_OPTIONS));
}

/** Whether the password matches the stored hash; a malformed hash matches nothing. */
export function verifyPassword(storedHash: string, password: string) {
  stats.verifications++;
  return argon2Work(() => verify(storedHash, password)).catch(() => false);
}

/** How much argon2 work this process has done, and the most that ran at once. */
export function passwordHashingStats() {
  return { ...stats, running };
}

export function resetPasswordHashingStatsForTests() {
  Object.assign(stats, { hashes: 0, verifications: 0, mostAtOnce: running });
}
