import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const TMP_DIR = path.join(REPO_ROOT, "tests", ".tmp");
export const BASE_DB = path.join(TMP_DIR, "base.db");
