/**
 * ESLint flat config. Globals are given per folder so that each part can only see its own
 * runtime: the core sees none, the add-on sees Apps Script, the sidebar sees the DOM, the audit
 * job and the tests see Node.
 */
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const globals = require('globals');

const appsScriptGlobals = Object.fromEntries(
  [
    'SpreadsheetApp',
    'HtmlService',
    'PropertiesService',
    'LockService',
    'CacheService',
    'Session',
    'Logger',
    'Utilities',
    'ScriptApp',
    'GoogleAppsScript',
  ].map((name) => [name, 'readonly']),
);

module.exports = tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'reports/', 'coverage/', 'test-output/', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'node:*',
            'exceljs',
            'fs',
            'path',
            'os',
            'child_process',
            '../addon/*',
            '../sidebar/*',
          ],
        },
      ],
    },
  },
  {
    files: ['src/addon/**/*.ts'],
    languageOptions: { globals: { ...appsScriptGlobals } },
  },
  {
    files: ['src/sidebar/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, google: 'readonly' } },
  },
  {
    files: [
      'audit/**/*.ts',
      'scripts/**/*.{ts,js,mjs}',
      'test/**/*.{ts,js}',
      '*.js',
      'bench/**/*.ts',
    ],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
