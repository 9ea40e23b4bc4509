// ESLint flat config: type-checked typescript-eslint rules, and the boundaries between packages.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const crossPackageInternals = {
  group: ['@callfwd/*/src/*', '@callfwd/*/dist/*', '../../*/src/*'],
  message: 'Import another package only through its public API (its package name).',
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/*.d.ts', '.callfwd/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      'no-restricted-imports': ['error', { patterns: [crossPackageInternals] }],
    },
  },
  {
    // The domain is pure: zod and its own files only; no I/O, no clock, no randomness, no process.
    files: ['packages/domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            crossPackageInternals,
            { regex: '^(?!zod$|\\.{1,2}/).*', message: 'packages/domain imports nothing but zod and its own files.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'The domain takes settings as arguments.' },
        { name: 'setTimeout', message: 'The domain has no timers.' },
        { name: 'setInterval', message: 'The domain has no timers.' },
        { name: 'fetch', message: 'The domain does no I/O.' },
        { name: 'crypto', message: 'The domain takes ids as arguments.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'The domain takes time as an argument.' },
        { object: 'Math', property: 'random', message: 'The domain takes randomness as an argument.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The domain takes time as an argument.' },
      ],
    },
  },
  {
    // Apps never import each other; only tests, demo and bench import the simulator.
    files: ['packages/esl-listener/src/**/*.ts', 'packages/worker/src/**/*.ts', 'packages/store/src/**/*.ts', 'packages/freeswitch/src/**/*.ts', 'packages/domain/src/**/*.ts'],
    ignores: ['packages/domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            crossPackageInternals,
            { group: ['@callfwd/fs-sim', '@callfwd/cli'], message: 'Production code never imports the simulator or the CLI.' },
          ],
          paths: [],
        },
      ],
    },
  },
  {
    files: ['packages/esl-listener/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [crossPackageInternals, { group: ['@callfwd/worker', '@callfwd/cli', '@callfwd/fs-sim'], message: 'Apps never import each other.' }] }],
    },
  },
  {
    files: ['packages/worker/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [crossPackageInternals, { group: ['@callfwd/esl-listener', '@callfwd/cli', '@callfwd/fs-sim'], message: 'Apps never import each other.' }] }],
    },
  },
  {
    files: ['**/test/**/*.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
