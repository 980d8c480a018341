// Lint for the web apps: TypeScript's and React's rules, and the walls between the apps, the
// features and the shared code (bulletproof-react's project structure; web/README.md says why).
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// Features sit side by side in src/features, one level deep, so an import that leaves a feature
// for another one reads `../<feature>` or `../<feature>/<file>`.
const appFolders = /^(\.\.\/)+(player|admin)(\/|$)/.source;

const walls = {
  shared: [
    {
      regex: /(^|\/)(features|player|admin)(\/|$)/.source,
      message: "Shared code serves the features and the apps, so it may not import from them.",
    },
  ],
  feature: [
    { regex: appFolders, message: "A feature may not import an app: the apps compose the features." },
    {
      regex: /^\.\.\/[^./][^/]*\/(?!api$)/.source,
      message: "Import another feature through its index.ts (screens) or its api.ts (calls), not its internals.",
    },
    { regex: /^(\.\.\/){2,}features\//.source, message: "Reach another feature as ../<feature>." },
  ],
  app: [
    { regex: /^\.\.\/features\/[^/]+\/./.source, message: "An app imports a feature through its index.ts." },
    { regex: /^\.\.\/(player|admin)(\/|$)/.source, message: "One app may not import the other." },
  ],
};

const restrict = (patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

// Every call to the API goes through a feature's api.ts (or the client core, for sign-in and
// tokens), so a component never spells a path of its own.
const noApiPaths = [
  "error",
  {
    selector: "Literal[value=/\\/api\\/v1\\//]",
    message: "Call the API through the feature's api.ts, not with a path in a component.",
  },
  {
    selector: "TemplateElement[value.raw=/\\/api\\/v1\\//]",
    message: "Call the API through the feature's api.ts, not with a path in a component.",
  },
];

export default defineConfig([
  globalIgnores(["dist/", "test-results/", "playwright-report/", "src/shared/api/schema.d.ts"]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["src/**/*.{ts,tsx}"],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ["e2e/**/*.ts", "*.config.{js,ts}"],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["public/sw.js"],
    languageOptions: { globals: globals.serviceworker },
  },
  { files: ["src/shared/**"], rules: restrict(walls.shared) },
  { files: ["src/features/**"], rules: restrict(walls.feature) },
  { files: ["src/player/**", "src/admin/**"], rules: restrict(walls.app) },
  {
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/features/*/api.ts", "src/shared/api/client.ts", "src/**/*.test.{ts,tsx}"],
    rules: { "no-restricted-syntax": noApiPaths },
  },
]);
