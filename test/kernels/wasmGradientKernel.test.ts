import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGradientKernel } from '../../src/kernels/gradientKernel.js';
import { allocateKernelMatrix } from '../../src/kernels/kernelMemory.js';
import { gradientKernelModule } from '../../src/kernels/wasmModules.js';
import { crossEntropyGradient } from '../../src/kernels/crossEntropyGradient.js';
import { randomProblem, scaledError, termScales } from './problems.js';
import type { Problem } from './problems.js';

function compare(problem: Problem): { error: number; name: string } {
  const { X, y, s, w, b } = problem;
  const p = X.cols;
  const gRef = new Float64Array(p + 1);
  const gFast = new Float64Array(p + 1);
  const lRef = crossEntropyGradient(X, y, w, b, gRef, s);
  const kernel = createGradientKernel(X, y, s, { kernel: 'wasm' });
  const lFast = kernel.lossAndGradient(w, b, gFast);
  const name = kernel.name;
  kernel.release();
  return { error: scaledError(lFast, gFast, lRef, gRef, termScales(problem)), name };
}

describe('WebAssembly SIMD gradient kernel', () => {
  it('is available in Node 20 (SIMD and shared memory)', () => {
    expect(gradientKernelModule(false)).toBeDefined();
    expect(gradientKernelModule(true)).toBeDefined();
  });

  it('matches the plain TypeScript kernel to 1e-12 on random shapes, odd sizes and tails', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 67 }),
        fc.integer({ min: 1, max: 13 }),
        fc.boolean(),
        fc.constantFrom(0.01, 1, 8, 60),
        fc.integer({ min: 1, max: 2 ** 30 }),
        (rows, cols, weighted, spread, seed) => {
          const { error, name } = compare(randomProblem(seed, rows, cols, weighted, spread));
          expect(name).toBe('wasm-simd');
          expect(error).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 300, seed: 20240 },
    );
  });

  it('matches on larger data, where the exp and log1p of every row count', () => {
    for (const [rows, cols] of [
      [5001, 37],
      [20000, 3],
      [999, 100],
    ] as const) {
      for (const spread of [0.3, 40]) {
        const { error } = compare(randomProblem(rows + cols, rows, cols, rows % 2 === 1, spread));
        expect(error).toBeLessThan(1e-12);
      }
    }
  });

  it('is exact at the extremes: |z| up to 1e4 (exp underflow, softplus(z) = z)', () => {
    const X = { rows: 4, cols: 1, data: new Float64Array([1e4, -1e4, 745, -745]) };
    const y = new Float64Array([0, 1, 1, 0]);
    const w = new Float64Array([1]);
    const gRef = new Float64Array(2);
    const gFast = new Float64Array(2);
    const lRef = crossEntropyGradient(X, y, w, 0, gRef);
    const kernel = createGradientKernel(X, y, undefined, { kernel: 'wasm' });
    expect(kernel.lossAndGradient(w, 0, gFast)).toBe(lRef);
    expect(Array.from(gFast)).toEqual(Array.from(gRef));
  });

  it('does not mutate its inputs and can be called again after release', () => {
    const problem = randomProblem(7, 31, 5, true, 2);
    const frozen = [problem.X.data, problem.y, problem.s!, problem.w].map((a) =>
      Float64Array.from(a),
    );
    const kernel = createGradientKernel(problem.X, problem.y, problem.s, { kernel: 'wasm' });
    const g1 = new Float64Array(6);
    const g2 = new Float64Array(6);
    const l1 = kernel.lossAndGradient(problem.w, problem.b, g1);
    kernel.release();
    const l2 = kernel.lossAndGradient(problem.w, problem.b, g2);
    kernel.release();
    expect(l2).toBe(l1);
    expect(g2).toEqual(g1);
    expect([problem.X.data, problem.y, problem.s!, problem.w]).toEqual(frozen);
  });

  it('reads a matrix from allocateKernelMatrix in place, and kernels sharing it stay independent', () => {
    const a = randomProblem(11, 301, 9, false, 3);
    const X = allocateKernelMatrix(301, 9);
    X.data.set(a.X.data);
    const b = { ...randomProblem(12, 301, 9, true, 3), X };
    const kernelA = createGradientKernel(X, a.y, a.s, { kernel: 'wasm' });
    const kernelB = createGradientKernel(X, b.y, b.s, { kernel: 'wasm' });
    const gA = new Float64Array(10);
    const gB = new Float64Array(10);
    const gRef = new Float64Array(10);
    for (let round = 0; round < 2; round++) {
      const lA = kernelA.lossAndGradient(a.w, a.b, gA);
      const lB = kernelB.lossAndGradient(b.w, b.b, gB);
      const lRefA = crossEntropyGradient(X, a.y, a.w, a.b, gRef, a.s);
      expect(scaledError(lA, gA, lRefA, gRef, termScales({ ...a, X }))).toBeLessThan(1e-12);
      const lRefB = crossEntropyGradient(X, b.y, b.w, b.b, gRef, b.s);
      expect(scaledError(lB, gB, lRefB, gRef, termScales(b))).toBeLessThan(1e-12);
    }
    kernelA.release();
    kernelB.release();
  });

  it("'auto' keeps the plain kernel for tiny data and 'plain' always does", () => {
    const tiny = randomProblem(3, 10, 3, false, 1);
    expect(createGradientKernel(tiny.X, tiny.y, undefined).name).toBe('plain');
    const big = randomProblem(3, 2000, 10, false, 1);
    expect(createGradientKernel(big.X, big.y, undefined).name).toBe('wasm-simd');
    expect(createGradientKernel(big.X, big.y, undefined, { kernel: 'plain' }).name).toBe('plain');
  });
});
