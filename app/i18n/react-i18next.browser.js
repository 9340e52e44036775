// What `import … from "react-i18next"` means in the browser bundle (package.json "browser" maps it here;
// the server and the tests use the package itself). The same code from the same package, without its index:
// the index also re-exports `Trans` and its HTML parser, and the bundler places every file an index
// reaches in the chunk of every page that imports it, so `Trans` (about 4 kB gzipped) would load on every
// page. Pages that need it get it through `SafeTrans` (`react-i18next/TransWithoutContext`), on their own.
// Anything else a client module imports from "react-i18next" fails the build here: add it below, from its
// own file, never through the index.
export { useTranslation } from "../../node_modules/react-i18next/dist/es/useTranslation.js";
export { initReactI18next } from "../../node_modules/react-i18next/dist/es/initReactI18next.js";
