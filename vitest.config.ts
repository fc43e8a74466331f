import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Examples import the package by name, as users do; tests run them against the sources.
  resolve: {
    alias: [
      {
        find: /^logreg\/node$/,
        replacement: fileURLToPath(new URL('./src/node/index.ts', import.meta.url)),
      },
      {
        find: /^logreg\/onnx$/,
        replacement: fileURLToPath(new URL('./src/onnx/index.ts', import.meta.url)),
      },
      { find: /^logreg$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Each test file in a child process of its own: the in-process CLI tests change the folder
    // (process.chdir, test/cli/runInProcess.ts), which worker threads do not allow.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['test/cli/buildOnce.ts'],
    setupFiles: ['test/setup.ts'],
  },
});
