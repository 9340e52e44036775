import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().default("./data/app.db"),
  PORT: z.coerce.number().int().positive().default(3000),
  // Where links in emails point. Defaults to the local server.
  APP_URL: z.url().optional(),
  RESEND_API_KEY: z.string().min(1).optional(),
  // 1 opens the development outbox (/dev/outbox) on this machine; never in production.
  DEV_OUTBOX: z.enum(["0", "1", ""]).optional(),
  // Neutral on purpose: the sender name must not reveal what the organization does.
  EMAIL_FROM: z.string().default("Portal <no-reply@example.org>"),
  // Field encryption at rest (ADR 008); read by app/utils/field-crypto.server.ts. One is required in
  // production; elsewhere a key file beside the database is created.
  FIELD_ENCRYPTION_KEYS: z.string().optional(),
  FIELD_ENCRYPTION_KEY_FILE: z.string().optional(),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (!cached) {
    const parsed = EnvSchema.safeParse(process.env);
    if (!parsed.success) {
      // Names only: values may be secrets.
      const fields = parsed.error.issues.map((i) => i.path.join(".")).join(", ");
      throw new Error(`Invalid environment variables: ${fields}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** Tests change the environment between cases; production reads it once. */
export function resetEnvCacheForTests() {
  cached = undefined;
}

export function isProduction() {
  return getEnv().NODE_ENV === "production";
}

/** Whether this server may show captured emails at /dev/outbox (to this machine only; see the outbox model). */
export function devOutboxEnabled() {
  return !isProduction() && getEnv().DEV_OUTBOX === "1";
}

export function appUrl() {
  const env = getEnv();
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
}
