// What the browser downloads, read from the production build the test run makes (tests/setup/global-setup.ts):
// a portal page must stay light on a cheap phone, and the language layer must bring only what a page uses.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../setup/paths";

/** The most JavaScript, gzipped, a portal page may load (ADR 012, README "Performance"). */
const PORTAL_BUDGET_KB = 120;

/**
 * Portal pages that still validate their forms in the browser with Zod (about 95 kB gzipped on its own):
 * over the budget until Zod leaves the client. They may not grow; a page that sheds Zod leaves this list.
 */
const WITH_ZOD_IN_THE_BROWSER = [
  "routes/portal.consent._index",
  "routes/portal.feedback.$id",
  "routes/portal.pay",
  "routes/portal.pay_.$id.decline",
  "routes/portal.profile",
  "routes/portal.work.$id",
];
const WITH_ZOD_CEILING_KB = 245;

/**
 * The language layer's code on a page, minified (i18next, the react-i18next hooks, the catalog fetcher,
 * remix-i18next's client part and app/i18n): about 54 kB, 17 kB gzipped. `Trans` on every page, or a second
 * copy of a package, would take it over.
 */
const LANGUAGE_LAYER_MAX_BYTES = 56_000;
const LANGUAGE_LAYER =
  /node_modules\/(i18next|react-i18next|remix-i18next|i18next-resources-to-backend|html-parse-stringify)\/|^app\/i18n\//;

type ManifestRoute = { id: string; parentId?: string; module: string; imports?: string[] };
type Manifest = { entry: { module: string; imports: string[] }; routes: Record<string, ManifestRoute> };
type Metafile = { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };

const publicDir = path.join(REPO_ROOT, "public");
const manifest = readManifest();
const metafile = JSON.parse(readFileSync(path.join(REPO_ROOT, "build", "metafile.js.json"), "utf8")) as Metafile;

function readManifest(): Manifest {
  const dir = path.join(publicDir, "build");
  const file = readdirSync(dir).find((name) => name.startsWith("manifest-"));
  if (!file) throw new Error("No public/build/manifest-*.js: the build did not run.");
  const text = readFileSync(path.join(dir, file), "utf8");
  return JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as Manifest;
}

/** Every script a page loads: the entry, and each route from the root down to it, with their chunks. */
function pageScripts(routeId: string): string[] {
  const files = new Set([manifest.entry.module, ...manifest.entry.imports]);
  for (let route = manifest.routes[routeId]; route; route = manifest.routes[route.parentId ?? ""]) {
    files.add(route.module);
    for (const file of route.imports ?? []) files.add(file);
  }
  return [...files];
}

function gzippedKb(routeId: string) {
  const bytes = pageScripts(routeId).reduce(
    (sum, url) => sum + gzipSync(readFileSync(path.join(publicDir, url))).length,
    0,
  );
  return Math.round(bytes / 102.4) / 10;
}

/** The source files bundled into a page's scripts, with how many bytes each left in them. */
function pageInputs(routeId: string): Map<string, number> {
  const inputs = new Map<string, number>();
  for (const url of pageScripts(routeId)) {
    const output = metafile.outputs[`public${url}`];
    if (!output) throw new Error(`${url} is not in build/metafile.js.json`);
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (bytesInOutput > 0) inputs.set(input, (inputs.get(input) ?? 0) + bytesInOutput);
    }
  }
  return inputs;
}

const allInputs = Object.values(metafile.outputs).flatMap((output) =>
  Object.entries(output.inputs)
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([input]) => input),
);
const portalPages = Object.keys(manifest.routes).filter((id) => id.startsWith("routes/portal"));
const carriesZod = (id: string) => [...pageInputs(id).keys()].some((input) => input.includes("node_modules/zod/"));

describe("portal pages' JavaScript", () => {
  it("lists real pages", () => {
    expect(portalPages).toContain("routes/portal._index");
    for (const id of WITH_ZOD_IN_THE_BROWSER) expect(portalPages).toContain(id);
  });

  it.each(portalPages.filter((id) => !WITH_ZOD_IN_THE_BROWSER.includes(id)))(
    `%s loads at most ${PORTAL_BUDGET_KB} kB gzipped`,
    (id) => {
      expect(carriesZod(id)).toBe(false);
      expect(gzippedKb(id)).toBeLessThanOrEqual(PORTAL_BUDGET_KB);
    },
  );

  it.each(WITH_ZOD_IN_THE_BROWSER)(`%s still carries Zod, and no more than ${WITH_ZOD_CEILING_KB} kB gzipped`, (id) => {
    expect(carriesZod(id)).toBe(true);
    expect(gzippedKb(id)).toBeLessThanOrEqual(WITH_ZOD_CEILING_KB);
  });
});

describe("the language layer in the browser", () => {
  it("stays within its size on the portal home", () => {
    const bytes = [...pageInputs("routes/portal._index")]
      .filter(([input]) => LANGUAGE_LAYER.test(input))
      .reduce((sum, [, size]) => sum + size, 0);
    expect(bytes).toBeGreaterThan(40_000);
    expect(bytes).toBeLessThanOrEqual(LANGUAGE_LAYER_MAX_BYTES);
  });

  it.each(Object.keys(manifest.routes))("%s has Trans and its HTML parser only if it uses SafeTrans", (id) => {
    const inputs = [...pageInputs(id).keys()];
    const usesSafeTrans = inputs.includes("app/i18n/safe-trans.tsx");
    const trans = inputs.filter((input) => /TransWithoutContext|html-parse-stringify/.test(input));
    if (!usesSafeTrans) expect(trans).toEqual([]);
  });

  it("bundles each package once, as ES modules, without react-i18next's index", () => {
    const files = [...new Set(allInputs)];
    expect(
      files.filter((input) => /node_modules\/(i18next|react-i18next)\/dist\/(cjs|commonjs|umd)\//.test(input)),
    ).toEqual([]);
    // One i18next, in one chunk: a second copy would be a second instance the hooks never see.
    expect(allInputs.filter((input) => /node_modules\/i18next\/dist\/esm\/i18next\.js$/.test(input))).toHaveLength(1);
    expect(files.filter((input) => /node_modules\/remix-i18next\/build\/(react|server)\.js$/.test(input))).toEqual([]);
    expect(files.filter((input) => /node_modules\/react-i18next\/dist\/es\/index\.js$/.test(input))).toEqual([]);
  });

  it("fetches the catalogs rather than bundling them, and keeps server modules out", () => {
    const files = [...new Set(allInputs)];
    expect(files.filter((input) => /^app\/locales\//.test(input))).toEqual(["app/locales/languages.json"]);
    expect(files.filter((input) => /\.server(\.[jt]sx?)?$/.test(input) && !input.startsWith("empty-module:"))).toEqual(
      [],
    );
  });
});
