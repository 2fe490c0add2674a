// ESLint (flat config) with typescript-eslint's type-checked rules: errors for real defects (floating promises,
// misused promises, unsafe any flowing into typed code is left to tsc's strict mode), plus the layering rules of
// DESIGN.md: src/domain stays free of I/O (db, http, pdf, jobs, services) and nothing below src/http imports it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (patterns, message) => ({ patterns: [{ group: patterns, message }] });

export default tseslint.config(
  { ignores: ['dist/**', 'web/**', 'node_modules/**', 'migrations/**', 'data/**', 'out/**', 'coverage/**', 'eslint.config.js', 'knip.config.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // Narrowed unknowns ('{}') are thrown on purpose in the table reader's worker plumbing.
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Style and `any` plumbing at the database/JSON edges are not defects: tsc strict mode already guards the types.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        layer(['**/db/**', '**/http/**', '**/pdf/**', '**/jobs/**', '**/services/**', 'drizzle-orm', 'drizzle-orm/*', 'pg', 'fastify', 'pdfkit', 'node:fs', 'node:fs/*'], 'src/domain is pure: no database, HTTP, PDF, jobs or file I/O'),
      ],
    },
  },
  {
    files: ['src/services/**/*.ts', 'src/db/**/*.ts', 'src/pdf/**/*.ts', 'src/jobs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', layer(['**/http/**', '../http', '../../http'], 'nothing below src/http imports it (errors live in src/domain/errors.ts)')] },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-empty-function': 'off',
    },
  },
);
