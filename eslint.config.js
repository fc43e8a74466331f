// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Node built-ins may only be imported from src/node/ and src/cli/: the core runs in browsers. */
const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'stream',
  'zlib',
  'url',
  'util',
  'crypto',
  'process',
  'readline',
  'buffer',
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'demo-output/', 'docs/', '.bench-cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/node/**', 'src/cli/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeBuiltins, ...nodeBuiltins.map((m) => `node:${m}`), 'node:*'],
              message:
                'The library core runs in browsers: Node built-ins belong in src/node/ or src/cli/.',
            },
            {
              group: ['protobufjs', 'protobufjs/*'],
              message: 'The core has no runtime dependencies: ONNX encoding belongs in src/onnx/.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    // The logreg/onnx entry: browser-safe like the core, but may use its one dependency.
    files: ['src/onnx/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeBuiltins, ...nodeBuiltins.map((m) => `node:${m}`), 'node:*'],
              message: 'logreg/onnx runs in browsers: no Node built-ins.',
            },
          ],
        },
      ],
    },
  },
  {
    // Scripts that run in a browser's Web Worker (test/browser).
    files: ['test/browser/*.js'],
    languageOptions: { globals: { ...globals.worker } },
  },
);
