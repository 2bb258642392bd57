// ESLint for the web faces (api/web/): plain ES modules in the browser, no build step.
// `make lint` installs ESLint outside the checkout (PASSERELLE_ESLINT, see the Makefile); its
// recommended rules and the browser's globals are read from there.
import { createRequire } from "node:module";

const home = process.env.PASSERELLE_ESLINT;
if (!home) throw new Error("PASSERELLE_ESLINT must name the folder ESLint was installed in");
const require = createRequire(`${home}/node_modules/`);
const js = require("@eslint/js");
const globals = require("globals");

export default [
  js.configs.recommended,
  {
    files: ["api/web/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: globals.browser,
    },
    rules: {
      "no-var": "error",
      "prefer-const": "error",
      eqeqeq: ["error", "always"],
      "no-implicit-globals": "error",
      "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }],
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-script-url": "error",
      "prefer-arrow-callback": "error",
      "object-shorthand": "error",
      quotes: ["error", "double", { avoidEscape: true }],
      semi: ["error", "always"],
    },
  },
  {
    // The chat widget is embedded with one <script> tag on municipalities' pages: it reads its
    // own tag (document.currentScript, which modules do not have) and loads as one file.
    files: ["api/web/widget.js"],
    languageOptions: { sourceType: "script" },
  },
];
