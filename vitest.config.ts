import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * A test file is end-to-end when it runs the built binary (`runCli`, `spawnSync`) or a browser
 * (Chromium): those need `npm run build` and take most of `npm test`'s time.
 */
const endToEnd = /\brunCli\(|\bspawnSync\(|\bchromium\b/i;

/** The test files that run the built binary or a browser, found by reading them. */
export const endToEndTests = readdirSync(`${root}test`, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => `test/${file.replaceAll('\\', '/')}`)
  .filter((file) => endToEnd.test(readFileSync(`${root}${file}`, 'utf8')));

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
    // Each test file in a child process of its own: the in-process CLI tests change the folder
    // (process.chdir, test/cli/runInProcess.ts), which worker threads do not allow.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['test/cli/buildOnce.ts'],
    setupFiles: ['test/setup.ts'],
    // Two groups. The unit, reference and in-process CLI files share one module graph per worker
    // (isolate: false): most of their time went to loading the same modules again for each file
    // (test/cli and test/hostile: about 180 s -> 45 s on 2 cores). The files that run the built
    // binary or a browser stay isolated, one fresh module graph each.
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...endToEndTests],
          isolate: false,
        },
      },
      { extends: true, test: { name: 'isolated', include: endToEndTests } },
    ],
  },
});
