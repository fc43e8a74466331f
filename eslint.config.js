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

/**
 * The folders of src/, bottom layer first. A folder may import folders of lower layers only:
 * never its own layer's siblings, never a layer above (src/errors.ts is below every layer;
 * src/index.ts, the logreg entry, sits above the core). README's Architecture section lists the
 * same folders in the same order, and test/architecture.test.ts checks the import graph against
 * this list, so an upward import fails both lint and the tests.
 */
export const layers = [
  ['math', 'stats'],
  ['linalg'],
  ['validation'],
  ['solvers', 'kernels', 'metrics'],
  ['objectives'],
  ['options'],
  ['inference'],
  ['model'],
  ['data'],
  ['selection', 'onnx', 'plot', 'browser', 'sql'],
  ['report'],
  ['node'],
  ['cli'],
];

/** Folders allowed a Node built-in or a runtime dependency: the rest of src/ runs in browsers. */
const nodeFolders = ['node', 'cli'];

const builtinPattern = {
  group: [...nodeBuiltins, ...nodeBuiltins.map((m) => `node:${m}`), 'node:*'],
  message: 'The library core runs in browsers: Node built-ins belong in src/node/ or src/cli/.',
};
const protobufPattern = {
  group: ['protobufjs', 'protobufjs/*'],
  message: 'The core has no runtime dependencies: ONNX encoding belongs in src/onnx/.',
};
const fileReaderPattern = {
  group: ['hyparquet', 'hyparquet/*', 'apache-arrow', 'apache-arrow/*'],
  message:
    'The core has no runtime dependencies: Parquet files are read in src/node/; Arrow tables are read by shape (tableFromArrow).',
};

/** The folders below layer `rank`, for the lint message. */
const allowed = (rank) =>
  ['errors.ts', ...layers.slice(0, rank).flat()].map((f) => `src/${f}`).join(', ');

/** One config block per folder: its own layer and the layers above are off limits. */
const layerBlocks = layers.flatMap((layer, rank) =>
  layer.map((folder) => {
    const forbidden = layers
      .slice(rank)
      .flat()
      .filter((other) => other !== folder);
    const patterns = [];
    if (forbidden.length > 0) {
      patterns.push({
        regex: `^(\\.\\./)+(${forbidden.join('|')})/`,
        message: `src/${folder} may import only the layers below it (${allowed(rank)}; see layers in eslint.config.js): move the shared piece down instead.`,
      });
    }
    if (!nodeFolders.includes(folder)) patterns.push(builtinPattern);
    if (!nodeFolders.includes(folder) && folder !== 'onnx') patterns.push(protobufPattern);
    if (!nodeFolders.includes(folder)) patterns.push(fileReaderPattern);
    return {
      files: [`src/${folder}/**/*.ts`],
      rules: { 'no-restricted-imports': patterns.length > 0 ? ['error', { patterns }] : 'off' },
    };
  }),
);

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
      // The root files (index.ts, errors.ts): browser-safe, no runtime dependency.
      'no-restricted-imports': [
        'error',
        { patterns: [builtinPattern, protobufPattern, fileReaderPattern] },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  ...layerBlocks,
  {
    // Scripts that run in a browser's Web Worker (test/browser).
    files: ['test/browser/*.js'],
    languageOptions: { globals: { ...globals.worker } },
  },
);
