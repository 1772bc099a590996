// ESLint for the UI (ui/: TypeScript and React), the end-to-end tests (e2e/: Node ES
// modules whose callbacks also run inside the app window) and the server's public booking
// page (crates/server/src/routes/public/page/: a plain browser ES module, no build step). `npm run lint` runs it, and
// scripts/test.sh runs that. typescript-eslint parses with the project's `typescript`
// package, which is why that stays on a 6.0 release (typescript-eslint 8 takes < 6.1).
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default defineConfig(
  { ignores: ["ui/dist/**", "target/**", "node_modules/**"] },
  {
    files: ["ui/**/*.{ts,tsx}"],
    extends: [js.configs.recommended, tseslint.configs.recommended, reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
    rules: {
      // Rules of hooks and complete effect dependencies are errors, not hints.
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      // `_name` marks a parameter that is there for its position only.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["ui/vite.config.ts"],
    languageOptions: { globals: globals.node },
  },
  {
    // Node test files; the functions they hand to `browser.execute` run in the window.
    files: ["e2e/**/*.mjs"],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // The public booking page's script, served as it is to customers' browsers.
    files: ["crates/server/src/routes/public/page/**/*.js"],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.browser, sourceType: "module", ecmaVersion: 2020 },
  },
);
