import { fieldEncryptionState } from "../../db/schema";
import { db, type Executor } from "../utils/db.server";

/**
 * Whether clear text in a sealed column is refused: yes once `npm run db:encrypt-fields` (or
 * `db:migrate`) has sealed every sealed column and recorded it. Before that, a value in clear was
 * written before encryption existed and is read as it is. The openers ask only when they meet a
 * value in clear, so reading sealed values costs no query.
 */
export function clearTextRefused(executor: Executor = db) {
  return Boolean(executor.select({ id: fieldEncryptionState.id }).from(fieldEncryptionState).get());
}

/** Records that every sealed column holds only sealed values; the first time is kept. */
export function recordEveryColumnSealed(executor: Executor, at = new Date()) {
  executor.insert(fieldEncryptionState).values({ id: 1, everyColumnSealedAt: at }).onConflictDoNothing().run();
}
