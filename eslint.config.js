// @ts-check
import { defineConfig } from 'eslint/config';
import eslintPluginAstro from 'eslint-plugin-astro';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      'dist/',
      '.astro/',
      '.wrangler/',
      'worker-configuration.d.ts',
      'playwright-report/',
      'test-results/',
      'reports/',
    ],
  },
  ...tseslint.configs.recommended,
  ...eslintPluginAstro.configs.recommended,
  ...eslintPluginAstro.configs['jsx-a11y-strict'],
  {
    // After a form comes back with errors, focus goes to the error summary so that a screen reader
    // announces it first; without JavaScript, autofocus is the only way to move it there.
    files: ['src/components/forms/LeadForm.astro'],
    rules: { 'astro/jsx-a11y/no-autofocus': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
);
