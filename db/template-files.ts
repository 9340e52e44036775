// Self-assessment templates are files (db/templates/*.json): checked and stored with the migrations,
// so adding a checklist means adding a file. Kept apart from the app's database module so the
// migration command can use it on its own connection.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, eq } from "drizzle-orm";
import { assessmentTemplates } from "./schema";
import type { Executor } from "../app/utils/db.server";
import { describeTemplatePath, TemplateDefinition, type Template } from "../app/utils/assessment-template";

export const TEMPLATE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "templates");

/** A template file that cannot be used, with the file and the place in it named. */
export class TemplateFileError extends Error {}

/** Checks one template file's text; throws TemplateFileError naming the file and the item. */
export function parseTemplateFile(fileName: string, text: string): Template {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new TemplateFileError(`${fileName}: not valid JSON (${(error as Error).message}).`);
  }
  const parsed = TemplateDefinition.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${describeTemplatePath(raw, issue.path)}: ${issue.message}`);
    throw new TemplateFileError(`${fileName}: ${problems.join("; ")}`);
  }
  return parsed.data;
}

/** Every template file in a folder (db/templates by default), checked. */
export function readTemplateFiles(dir = TEMPLATE_DIR) {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ fileName: f, template: parseTemplateFile(f, fs.readFileSync(path.join(dir, f), "utf8")) }));
}

const checksumOf = (template: Template) => createHash("sha256").update(JSON.stringify(template)).digest("hex");

/**
 * Stores each template version not stored yet. A file whose version is already stored with other
 * content is refused: assessments started on that version must keep seeing what they were started on.
 */
export function storeTemplates(tx: Executor, files: { fileName: string; template: Template }[]) {
  let added = 0;
  for (const { fileName, template } of files) {
    const checksum = checksumOf(template);
    const stored = tx
      .select({ checksum: assessmentTemplates.checksum })
      .from(assessmentTemplates)
      .where(and(eq(assessmentTemplates.key, template.key), eq(assessmentTemplates.version, template.version)))
      .get();
    if (stored) {
      if (stored.checksum !== checksum) {
        throw new TemplateFileError(
          `${fileName}: version ${template.version} of "${template.key}" is already in use with other content. Raise "version" to publish a change.`,
        );
      }
      continue;
    }
    tx.insert(assessmentTemplates)
      .values({ key: template.key, version: template.version, title: template.title, definition: template, checksum })
      .run();
    added++;
  }
  return added;
}
