import js from "@eslint/js";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import i18next from "eslint-plugin-i18next";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "public/build/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "tests/.tmp/**",
      "data/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { react, "react-hooks": reactHooks },
    settings: { react: { version: "18.3" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
      "react/prop-types": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      // Personal data must never reach logs: only warnings and errors are allowed, and reviewed.
      "no-console": ["error", { allow: ["info", "warn", "error"] }],
    },
  },
  {
    files: ["app/**", "db/**", "scripts/**"],
    ignores: ["app/utils/password-hash.server.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@node-rs/argon2",
              message: "Use app/utils/password-hash.server.ts: it limits how many hashes run at once.",
            },
            {
              name: "react-i18next",
              importNames: ["Trans"],
              message:
                "Use SafeTrans (~/i18n/safe-trans): it keeps people's words as typed, and it brings Trans only to the pages that use it.",
            },
            {
              name: "remix-i18next/react",
              message:
                "It imports react-i18next's index, which puts Trans and its HTML parser on every page (see app/i18n/react-i18next.browser.js).",
            },
          ],
        },
      ],
    },
  },
  {
    // One way to read a posted form, so no action can quietly take the first or last copy of a field
    // that takes one value.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/utils/form-data.server.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='formData']",
          message:
            "Read a posted form with readForm from app/utils/form-data.server.ts: it refuses a field that takes one value sent more than once.",
        },
      ],
    },
  },
  {
    // Every word a person reads comes from the catalogs (app/locales): text between tags, and the props
    // that end up on the page, may not be written in the code.
    files: ["app/**/*.tsx", "emails/**/*.tsx"],
    plugins: { i18next },
    rules: {
      "i18next/no-literal-string": [
        "error",
        {
          mode: "jsx-only",
          "jsx-attributes": {
            include: [
              "label",
              "help",
              "title",
              "placeholder",
              "aria-label",
              "alt",
              "legend",
              "heading",
              "hint",
              "description",
              "caption",
              "emptyText",
              "children",
            ],
          },
        },
      ],
    },
  },
);
