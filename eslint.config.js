import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'docs/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // A promise left floating loses its rejection: in the library an unhandled rejection, in
    // a test an assertion that never ran. `void` marks the few that cannot reject.
    files: ['src/**/*.ts', 'test/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    // Type tests declare values only to check their types.
    files: ['test/types/**'],
    rules: { '@typescript-eslint/no-unused-vars': 'off', 'no-self-assign': 'off' },
  },
);
