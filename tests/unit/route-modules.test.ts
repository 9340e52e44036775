// The shape every route module keeps, so a new route cannot quietly break a rule of the layers.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROUTES_DIR = path.resolve(__dirname, "../../app/routes");
const MODELS_DIR = path.resolve(__dirname, "../../app/models");
const routes = readdirSync(ROUTES_DIR)
  .filter((file) => file.endsWith(".tsx"))
  .map((file) => ({ file, text: readFileSync(path.join(ROUTES_DIR, file), "utf8") }));

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesBelow(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

describe("route modules", () => {
  it.each(routes)("$file wraps its loader and action so a model's refusal becomes its status", ({ text }) => {
    const exported = [...text.matchAll(/^export (?:async function|function|const) (loader|action)\b.*$/gm)];
    for (const [line] of exported) {
      // The annotation lets the browser build drop the server code: without it the call stays in the
      // page's JavaScript, with the loader's body, and the page fails to start.
      expect(line).toMatch(/^export const (loader|action) = \/\* @__PURE__ \*\/ withHttpErrors\(async function \1\b/);
    }
  });
});

describe("models", () => {
  const models = filesBelow(MODELS_DIR).map((file) => ({
    file: path.relative(MODELS_DIR, file),
    text: readFileSync(file, "utf8"),
  }));

  it.each(models)("$file knows nothing of HTTP", ({ text }) => {
    expect(text).not.toMatch(/new Response\(/);
    expect(text).not.toMatch(/from "@remix-run\//);
  });
});
