import { afterAll, describe, expect, it } from 'vitest';
import { createGradientKernel } from '../../src/kernels/gradientKernel.js';
import { train } from '../../src/model/train.js';
import { createThreadPool } from '../../src/node/threads/createThreadPool.js';
import { randomProblem, scaledError, termScales } from './problems.js';

const pool = createThreadPool(3);
afterAll(() => pool.close());

describe('WASM gradient kernel over worker threads', () => {
  it('equals one thread up to summation order (1e-12) on odd shapes, weighted or not', () => {
    for (const [rows, cols, weighted] of [
      [1, 3, false],
      [2, 1, true],
      [5, 2, false],
      [1001, 7, true],
      [4099, 33, false],
      [30000, 20, true],
    ] as const) {
      const problem = randomProblem(rows * 31 + cols, rows, cols, weighted, 3);
      const { X, y, s, w, b } = problem;
      const single = createGradientKernel(X, y, s, { kernel: 'wasm' });
      const threaded = createGradientKernel(X, y, s, {
        kernel: 'wasm',
        threadPool: pool,
        minEntriesPerThread: 0,
      });
      const g1 = new Float64Array(cols + 1);
      const g3 = new Float64Array(cols + 1);
      const l1 = single.lossAndGradient(w, b, g1);
      for (let round = 0; round < 3; round++) {
        const l3 = threaded.lossAndGradient(w, b, g3);
        expect(scaledError(l3, g3, l1, g1, termScales(problem))).toBeLessThan(1e-12);
      }
      const threads = Math.min(3, Math.max(1, Math.floor(rows / 2)));
      expect(threaded.name).toBe(threads > 1 ? `wasm-simd×${threads}` : 'wasm-simd');
      threaded.release();
      single.release();
    }
  });

  it('is deterministic for a given thread count, and the pool passes between kernels', () => {
    const a = randomProblem(5, 5000, 12, false, 2);
    const b = randomProblem(6, 3000, 4, true, 2);
    const ka = createGradientKernel(a.X, a.y, a.s, { threadPool: pool, minEntriesPerThread: 0 });
    const kb = createGradientKernel(b.X, b.y, b.s, { threadPool: pool, minEntriesPerThread: 0 });
    const first = new Float64Array(13);
    const again = new Float64Array(13);
    const gb = new Float64Array(5);
    const la = ka.lossAndGradient(a.w, a.b, first);
    kb.lossAndGradient(b.w, b.b, gb); // takes the workers over
    expect(ka.lossAndGradient(a.w, a.b, again)).toBe(la);
    expect(again).toEqual(first);
    ka.release();
    kb.release();
  });

  it('train with a thread pool fits the same model as the plain kernel', () => {
    const { X, y } = randomProblem(9, 40000, 6, false, 1); // 2 threads of 120,000 entries
    const labels = Array.from(y);
    const plain = train(X, labels, { kernel: 'plain', tolerance: 1e-10 });
    const threaded = train(X, labels, { threadPool: pool, tolerance: 1e-10 });
    const wasm = train(X, labels, { kernel: 'wasm', tolerance: 1e-10 });
    for (const model of [threaded, wasm]) {
      expect(model.fitReport.objective).toBeCloseTo(plain.fitReport.objective, 12);
      model.coefficients.forEach((c, j) => expect(c).toBeCloseTo(plain.coefficients[j], 7));
      expect(model.intercept).toBeCloseTo(plain.intercept, 7);
    }
  });
});
