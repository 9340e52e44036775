// parseWithZod for route actions whose page goes to a phone. Imported from "@conform-to/zod/v4" in a
// route, it keeps Zod in the page's JavaScript (about 95 kB gzipped, tests/unit/client-bundle.test.ts)
// even when only the action calls it; a .server module is left out of the browser build, Zod with it.
export { parseWithZod } from "@conform-to/zod/v4";
