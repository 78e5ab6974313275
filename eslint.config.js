// @ts-check
import { defineConfig } from 'eslint/config';
import eslintPluginAstro from 'eslint-plugin-astro';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The Worker's rooms, each importing only the rooms below it: the base (settings, log, teams, the
 * audit trail), then email/, follow-up/, leads/, integrations/, sweep/. `forbidden` lists what a
 * room may not import.
 */
const ROOM_RULES = [
  {
    files: ['functions/*.ts', 'functions/audit/**'],
    forbidden: ['email', 'follow-up', 'leads', 'integrations', 'sweep', 'desk'],
    except: ['functions/worker.ts', 'functions/health.ts'],
  },
  {
    files: ['functions/email/**'],
    forbidden: ['follow-up', 'leads', 'integrations', 'sweep', 'desk'],
  },
  { files: ['functions/follow-up/**'], forbidden: ['leads', 'integrations', 'sweep', 'desk'] },
  { files: ['functions/leads/**'], forbidden: ['integrations', 'sweep', 'desk'] },
  // Webhooks in: may use the outbox, follow-up and leads, never the cron's own steps or the desk.
  { files: ['functions/integrations/**'], forbidden: ['sweep', 'desk'] },
  { files: ['functions/desk/**'], forbidden: ['sweep'] },
  {
    files: ['functions/access/**'],
    forbidden: ['email', 'follow-up', 'leads', 'integrations', 'sweep', 'desk'],
  },
];

/**
 * @param {{ files: string[]; forbidden: string[]; except?: string[] }} room
 * @returns {import('eslint').Linter.Config}
 */
const roomRule = ({ files, forbidden, except = [] }) => ({
  files,
  ignores: except,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^(\\./|(\\.\\./)+)(${forbidden.join('|')})(/|$)`,
            message: `Imports point one way: this room may not import ${forbidden.join(', ')} (README: The tree).`,
          },
        ],
      },
    ],
  },
});

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
  ...ROOM_RULES.map(roomRule),
  {
    // Browser-safe code and the components never reach into the Worker; only thin pages call it.
    files: ['src/lib/**', 'src/scripts/**', 'src/components/**', 'src/layouts/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)functions(/|$)',
              message: 'src/ code other than pages never imports the Worker (functions/).',
            },
          ],
        },
      ],
    },
  },
  {
    // No module of the Worker or of src/ may import itself back through others.
    files: ['functions/**/*.ts', 'src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: { 'import-x/no-cycle': 'error' },
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
