import { defineConfig } from 'vitest/config';
import base, { endToEndTests } from './vitest.config.js';

/**
 * Slow files that `npm test` runs and the quick run leaves out: the multinomial L1 and elastic-net
 * fits on digits against scikit-learn (about two thirds of the unit tests' time), and the check
 * that the shipped WebAssembly bytes are what the AssemblyScript compiler makes (a build step).
 */
export const slowTests = [
  'test/model/trainMulticlass.l1.test.ts',
  'test/kernels/gradientKernelBytes.test.ts',
];

/**
 * `npm run test:quick`: the unit, property and reference tests against the sources, without a
 * build, the end-to-end CLI runs, the browser or the slow files above; `npm test` stays the full
 * gate.
 */
export default defineConfig({
  ...(base.resolve === undefined ? {} : { resolve: base.resolve }),
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...endToEndTests, ...slowTests],
    pool: 'forks', // as vitest.config.ts: the in-process CLI tests change the folder
    testTimeout: 60_000,
    setupFiles: ['test/setup.ts'],
    // Files share one module graph per worker (about 30 s instead of 60 s on 2 cores: most of the
    // time went to loading modules again for each file); `npm test` keeps every file isolated.
    isolate: false,
  },
});
