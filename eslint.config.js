import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'docs/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // Type tests declare values only to check their types.
    files: ['test/types/**'],
    rules: { '@typescript-eslint/no-unused-vars': 'off', 'no-self-assign': 'off' },
  },
);
