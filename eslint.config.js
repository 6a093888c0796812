import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'sandbox/host/dist',
      'sandbox/neighbour-plugin/dist',
      'sandbox/sim/schemas',
      'test-results',
      'playwright-report',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The engine, the CMA layer, the operations and the ledger stay plain TypeScript: no React, no SDK.
    files: ['src/engine/**', 'src/cma/**', 'src/operations/**', 'src/ledger/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react/*'],
              message: 'The engine knows nothing of React.',
            },
            {
              group: ['datocms-plugin-sdk', 'datocms-react-ui'],
              message: 'The engine knows nothing of the SDK.',
            },
          ],
        },
      ],
    },
  },
  {
    // The engine takes operations through its deps: their types only, never their code, and
    // nothing from the catalog or the settings.
    files: ['src/engine/**'],
    ignores: ['src/engine/**/*.test.ts', 'src/engine/testing/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/operations/**', '**/actions/**', '**/config/parameters'],
              allowTypeImports: true,
              message:
                'The engine imports only the types of operations, the catalog and the settings.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    // CLIs and servers of the sandbox, bench and scripts print to the terminal.
    files: ['sandbox/**', 'bench/**', 'scripts/**', 'tests/**', 'src/**/*.e2e.ts'],
    rules: { 'no-console': 'off' },
  },
);
