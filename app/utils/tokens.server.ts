import { createHash, randomBytes } from "node:crypto";

/** A URL-safe random token with 256 bits of entropy, for emailed single-use links. */
export function generateToken() {
  return randomBytes(32).toString("base64url");
}

/** Tokens and rate-limit keys are stored only as SHA-256 digests. */
export function sha256(value: string) {
  return createHash("sha256").update(value).digest("hex");
}

export function normalizeEmail(email: string) {
  return email.trim().toLowerCase();
}
