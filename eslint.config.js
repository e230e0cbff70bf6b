import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '.stack/**',
      '.tools/**',
      'coverage/**',
      '.out/**',
      '**/*.generated.ts',
      // Each workspace's three-line ava configuration (ava.workspace.js is linted).
      '*/*/ava.config.js',
      'bench/ava.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    // Business rules stay pure: no I/O, no clock, no randomness imported into them.
    files: ['services/*/src/domain/**/*.ts', 'packages/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['kafkajs', '@mikro-orm/*', 'pg', 'koa', '@koa/*', 'node:*'],
              message: 'Pure business logic: no I/O.',
            },
          ],
        },
      ],
    },
  },
  {
    // The API's use cases know nothing of HTTP: the wire names, views and patterns live in http/.
    files: ['services/prequal-api/src/applications/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/http/**', 'koa', '@koa/*'],
              message:
                'applications/ keeps use cases, validated input and errors: the HTTP contract is in http/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      '**/test/**/*.ts',
      'scripts/**',
      'bench/**',
      'packages/schema-tools/src/cli/**',
      'packages/cli/**',
    ],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node },
  },
);
