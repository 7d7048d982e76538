import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", ".next*/", "lib/generated/", "test-results/", "playwright-report/", "bench/tmp/", "next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The pure core never reaches for a framework or the database.
    files: ["lib/metrics/**", "lib/ingest/**", "lib/story/**", "lib/demo/**", "lib/monitoring/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["react", "react-*", "next", "next/*", "@prisma/*", "**/generated/**", "**/db/**", "better-sqlite3"] }],
    },
  },
  { files: ["**/*.js", "**/*.mjs"], languageOptions: { globals: globals.node } },
);
