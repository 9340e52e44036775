import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const TMP_DIR = path.join(REPO_ROOT, "tests", ".tmp");

declare module "vitest" {
  export interface ProvidedContext {
    /** This run's folder: the migrated base database and each test file's copy. */
    runDir: string;
    /** This run's field encryption key file. */
    fieldKeyFile: string;
  }
}
