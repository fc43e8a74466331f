import { afterAll, describe, expect, it } from 'vitest';
import { createGradientKernel } from '../../src/kernels/gradientKernel.js';
import { allocateKernelMatrix } from '../../src/kernels/kernelMemory.js';
import { linearScores, probabilities } from '../../src/kernels/scoreKernel.js';
import { threadedScores } from '../../src/kernels/threadedScores.js';
import { linearScore } from '../../src/math/linearScore.js';
import { sigmoid } from '../../src/math/sigmoid.js';
import { createThreadPool } from '../../src/node/threads/createThreadPool.js';
import { randomProblem } from './problems.js';

const pool = createThreadPool(3);
const pair = createThreadPool(2);
afterAll(async () => {
  await pool.close();
  await pair.close();
});

/** How many entries of a and b differ (NaN counts as differing). */
function differing(a: Float64Array, b: Float64Array): number {
  let count = 0;
  for (let i = 0; i < a.length; i++) if (!(a[i] === b[i])) count++;
  return count;
}

describe('scoring over worker threads (src/kernels/threadedScores.ts)', () => {
  it('gives every row bit for bit the one-thread WebAssembly score, streamed from a plain array or in place', () => {
    // Over a million entries each: more blocks than ring slots (1 MiB of X each), a short last
    // one, odd row counts, p small and large.
    for (const [rows, cols] of [
      [400_001, 3],
      [20_003, 100],
      [4_001, 257],
      [9_001, 1001],
    ] as const) {
      const { X, w, b } = randomProblem(rows + cols, rows, cols, false, 4);
      const K = allocateKernelMatrix(rows, cols);
      K.data.set(X.data);
      for (const threads of [pool, pair]) {
        for (const matrix of [X, K]) {
          const z1 = new Float64Array(rows);
          const zt = new Float64Array(rows).fill(NaN);
          linearScores(X, w, b, z1, 'wasm');
          linearScores(matrix, w, b, zt, 'wasm', threads);
          expect(differing(zt, z1)).toBe(0);
          const q1 = new Float64Array(rows);
          const qt = new Float64Array(rows).fill(NaN);
          probabilities(X, w, b, q1, 'wasm');
          probabilities(matrix, w, b, qt, 'auto', threads);
          expect(differing(qt, q1)).toBe(0);
        }
      }
    }
  });

  it('agrees with the plain TypeScript loop to 1e-12 (relative to Σ|wⱼxᵢⱼ|)', () => {
    const { X, w, b } = randomProblem(3, 60_001, 17, false, 3);
    const q = new Float64Array(X.rows);
    const z = new Float64Array(X.rows);
    probabilities(X, w, b, q, 'auto', pool);
    linearScores(X, w, b, z, 'auto', pool);
    for (let i = 0; i < X.rows; i++) {
      let scale = Math.abs(b);
      for (let j = 0; j < X.cols; j++) scale += Math.abs(w[j] * X.data[i * X.cols + j]);
      const zRef = linearScore(X.data, i * X.cols, w, b);
      expect(Math.abs(z[i] - zRef)).toBeLessThanOrEqual(1e-12 * scale);
      expect(Math.abs(q[i] - sigmoid(zRef))).toBeLessThanOrEqual(1e-12 * (1 + scale));
    }
  });

  it('declines inputs too small to pay for a thread, and leaves the pool usable by the gradient kernel', () => {
    const small = randomProblem(4, 99_999, 10, false, 1);
    const out = new Float64Array(99_999).fill(7);
    expect(threadedScores(small.X, small.w, small.b, out, true, pool)).toBe(false);
    expect(out.every((v) => v === 7)).toBe(true);
    const problem = randomProblem(5, 40_000, 12, true, 1);
    const kernel = createGradientKernel(problem.X, problem.y, problem.s, {
      threadPool: pool,
      minEntriesPerThread: 0,
    });
    const g1 = new Float64Array(13);
    const g2 = new Float64Array(13);
    const loss = kernel.lossAndGradient(problem.w, problem.b, g1);
    // Scoring takes the workers over (another memory); the next pass takes them back.
    const q = new Float64Array(40_000);
    probabilities(problem.X, problem.w, problem.b, q, 'auto', pool);
    expect(kernel.lossAndGradient(problem.w, problem.b, g2)).toBe(loss);
    expect(g2).toEqual(g1);
    kernel.release();
  });
});
