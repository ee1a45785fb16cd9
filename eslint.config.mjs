// Lint: typescript-eslint (type-aware), Pulumi's Output-in-template rules, no floating promises.
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";

export default tseslint.config(
  {
    ignores: [
      "lib/**",
      "node_modules/**",
      "src/generated/**",
      "sdk/**",
      "examples/**/node_modules/**",
      "**/rendered/**",
      "tests/e2e/programs/**",
      "examples/**",
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "@pulumi": pulumi },
    rules: {
      "@pulumi/no-output-in-template-literal": "error",
      "@pulumi/no-output-instance-in-template-literal": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  { rules: { "@typescript-eslint/no-require-imports": "off" } },
);
