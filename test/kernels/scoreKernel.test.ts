import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateKernelMatrix } from '../../src/kernels/kernelMemory.js';
import { linearScores, probabilities } from '../../src/kernels/scoreKernel.js';
import type { Matrix } from '../../src/linalg/matrix.js';
import { linearScore } from '../../src/math/linearScore.js';
import { sigmoid } from '../../src/math/sigmoid.js';
import { randomProblem } from './problems.js';

/**
 * Largest error of the WASM scores and probabilities against the plain loop, relative to what two
 * summation orders may differ by: ε·(|b| + Σⱼ|wⱼxᵢⱼ|) for zᵢ, and that times σ(zᵢ) for σ(zᵢ)
 * (dσ/σ = (1 − σ)·dz).
 */
function errors(X: Matrix, w: Float64Array, b: number): { score: number; probability: number } {
  const { rows: m, cols: p, data } = X;
  const z = new Float64Array(m);
  const q = new Float64Array(m);
  linearScores(X, w, b, z, 'wasm');
  probabilities(X, w, b, q, 'wasm');
  let score = 0;
  let probability = 0;
  for (let i = 0; i < m; i++) {
    let scale = Math.abs(b);
    for (let j = 0; j < p; j++) scale += Math.abs(w[j] * data[i * p + j]);
    const zRef = linearScore(data, i * p, w, b);
    const qRef = sigmoid(zRef);
    score = Math.max(score, Math.abs(z[i] - zRef) / Math.max(scale, Number.MIN_VALUE));
    probability = Math.max(
      probability,
      Math.abs(q[i] - qRef) / Math.max(qRef * (1 + scale), Number.MIN_VALUE),
    );
  }
  return { score, probability };
}

describe('linearScores and probabilities (WebAssembly SIMD scoring)', () => {
  it('match the plain loop to 1e-12 on random shapes, odd sizes and tails', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 67 }),
        fc.integer({ min: 1, max: 13 }),
        fc.constantFrom(0.01, 1, 8, 60),
        fc.integer({ min: 1, max: 2 ** 30 }),
        (rows, cols, spread, seed) => {
          const { X, w, b } = randomProblem(seed, rows, cols, false, spread);
          const { score, probability } = errors(X, w, b);
          expect(score).toBeLessThan(1e-12);
          expect(probability).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('match across row blocks, streamed or read in place from kernel memory', () => {
    for (const [rows, cols] of [
      [5003, 13],
      [1501, 100],
      [20_001, 3],
    ] as const) {
      const { X, w, b } = randomProblem(rows * cols, rows, cols, false, 2);
      expect(errors(X, w, b).score).toBeLessThan(1e-12);
      const K = allocateKernelMatrix(rows, cols);
      K.data.set(X.data);
      const { score, probability } = errors(K, w, b);
      expect(score).toBeLessThan(1e-12);
      expect(probability).toBeLessThan(1e-12);
    }
  });

  it('give σ at the extremes exactly: 0 and 1 without overflow, 0.5 at z = 0', () => {
    const X = { rows: 5, cols: 1, data: new Float64Array([-1e4, -800, 0, 800, 1e4]) };
    const q = new Float64Array(5);
    probabilities(X, new Float64Array([1]), 0, q, 'wasm');
    expect([...q]).toEqual([0, 0, 0.5, 1, 1]);
  });

  it("'plain' is the reference loop itself, and inputs are not mutated", () => {
    const { X, w, b } = randomProblem(7, 40, 9, false, 3);
    const data = X.data.slice();
    const coefficients = w.slice();
    const z = new Float64Array(40);
    linearScores(X, w, b, z, 'plain');
    for (let i = 0; i < 40; i++) expect(z[i]).toBe(linearScore(X.data, i * 9, w, b));
    const fast = new Float64Array(40);
    linearScores(X, w, b, fast);
    expect(X.data).toEqual(data);
    expect(w).toEqual(coefficients);
  });

  it('throw a RangeError when w or out do not fit X', () => {
    const X = { rows: 3, cols: 2, data: new Float64Array(6) };
    expect(() => linearScores(X, new Float64Array(3), 0, new Float64Array(3))).toThrow(RangeError);
    expect(() => probabilities(X, new Float64Array(2), 0, new Float64Array(2))).toThrow(
      /probabilities: X is 3 × 2/,
    );
  });
});
