import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValueError } from '../../src/errors.js';
import { shiftedColumnSums } from '../../src/kernels/columnMomentsKernel.js';
import { createGradientKernel } from '../../src/kernels/gradientKernel.js';
import { allocateKernelMatrix } from '../../src/kernels/kernelMemory.js';
import { featureScaling } from '../../src/model/featureScaling.js';
import { inOrderColumnSums } from '../../src/model/dataFingerprint.js';
import { train } from '../../src/model/train.js';
import { randomProblem } from './problems.js';

/** |a − b| ≤ tol·max(|b|, floor), entry by entry. */
function expectClose(a: Float64Array, b: Float64Array, tol: number, floor = 0): void {
  a.forEach((v, j) =>
    expect(Math.abs(v - b[j])).toBeLessThanOrEqual(tol * Math.max(Math.abs(b[j]), floor)),
  );
}

describe('featureScaling by the WebAssembly shifted-sums pass', () => {
  it('equals the plain two-pass moments to 1e-12 on random shapes, weights and offsets', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 1, max: 2_000_000 }),
        fc.integer({ min: 1, max: 41 }),
        fc.boolean(),
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        (seed, rows, cols, weighted, offset) => {
          const problem = randomProblem(seed, Math.max(2, rows % 1500), cols, weighted, 1);
          const data = problem.X.data.map((v, k) => v + offset * ((k % cols) + 1));
          const X = { ...problem.X, data };
          const fast = featureScaling(X, problem.s, true, 'wasm');
          const reference = featureScaling(X, problem.s, true, 'plain');
          expectClose(fast.center, reference.center, 1e-12, 1);
          expectClose(fast.sd, reference.sd, 1e-12);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is used above 65,536 entries with kernel auto, and agrees there too', () => {
    const { X, s } = randomProblem(7, 5000, 17, true, 1);
    expectClose(featureScaling(X, s, true).sd, featureScaling(X, s, true, 'plain').sd, 1e-12);
    expect(shiftedColumnSums(X, s)).toBeDefined();
  });

  it('gives a constant column an sd of exactly 0 and its value as the centre', () => {
    const { X } = randomProblem(3, 3001, 5, false, 1);
    for (let i = 0; i < X.rows; i++) X.data[i * 5 + 2] = 0.1;
    const scaling = featureScaling(X, undefined, true, 'wasm');
    expect(scaling.sd[2]).toBe(0);
    expect(scaling.center[2]).toBe(0.1);
    expect(scaling.scale[2]).toBe(1);
  });

  it('turns a NaN or infinite entry into a non-finite sd, and train names the entry', () => {
    const { X, y } = randomProblem(5, 20_000, 8, false, 1);
    const labels = Array.from(y);
    for (const bad of [NaN, Infinity, -Infinity]) {
      const data = X.data.slice();
      data[12_345 * 8 + 6] = bad;
      const broken = { ...X, data };
      expect(Number.isFinite(featureScaling(broken, undefined, true).sd[6])).toBe(false);
      expect(() => train(broken, labels)).toThrow(ValueError);
      expect(() => train(broken, labels)).toThrow(
        `X[12345][6] must be a finite number, got ${bad}`,
      );
    }
  });

  it('finite entries whose squares overflow give an infinite sd, which train refuses naming the feature (issue 14: it used to fit all-zero coefficients)', () => {
    const { X, y } = randomProblem(9, 300, 3, false, 1);
    const data = X.data.slice();
    for (let i = 0; i < X.rows; i++) data[i * 3] = i % 2 === 0 ? 1e200 : -1e200;
    expect(() => train({ ...X, data }, Array.from(y), { C: 1e-3 })).toThrow(
      /^train: feature 'x0' has entries up to 1\.00e\+200, too large to fit/,
    );
  });
});

describe("the WASM gradient kernel's copy of X, with the column sums from the same pass", () => {
  it('gives the shifted sums of the streaming pass (1e-12) and then the same passes, bit for bit', () => {
    // 70,001 × 13: many 512 KiB copy blocks, an odd last one; weighted and not; X an ordinary
    // Float64Array (copied block by block) or already in kernel memory (summed in place).
    for (const weighted of [false, true]) {
      for (const inKernel of [false, true]) {
        const problem = randomProblem(weighted ? 11 : 12, 70_001, 13, weighted, 1);
        const X = inKernel ? allocateKernelMatrix(70_001, 13) : problem.X;
        if (inKernel) X.data.set(problem.X.data);
        const staged = createGradientKernel(X, problem.y, problem.s, { kernel: 'wasm' });
        const sums = staged.columnSums?.();
        const reference = shiftedColumnSums(problem.X, problem.s);
        expect(sums).toBeDefined();
        expect(reference).toBeDefined();
        if (sums === undefined || reference === undefined) return;
        expect(Array.from(sums.shift)).toEqual(Array.from(reference.shift));
        expectClose(sums.sum, reference.sum, 1e-12, 1);
        expectClose(sums.sumOfSquares, reference.sumOfSquares, 1e-12);
        const plain = createGradientKernel(problem.X, problem.y, problem.s, { kernel: 'wasm' });
        const g1 = new Float64Array(14);
        const g2 = new Float64Array(14);
        expect(staged.lossAndGradient(problem.w, problem.b, g1)).toBe(
          plain.lossAndGradient(problem.w, problem.b, g2),
        );
        expect(Array.from(g1)).toEqual(Array.from(g2));
        staged.release();
        plain.release();
      }
    }
  });

  it("takes the data fingerprint's in-order column sums in the same pass, bit for bit the plain loop's", () => {
    // 20,001 × 13 and 9,999 × 4: several 512 KiB blocks, odd counts; copied in or summed in place.
    for (const [rows, cols] of [
      [20_001, 13],
      [9_999, 4],
    ] as const) {
      for (const inKernel of [false, true]) {
        const problem = randomProblem(rows + cols, rows, cols, true, 1);
        const X = inKernel ? allocateKernelMatrix(rows, cols) : problem.X;
        if (inKernel) X.data.set(problem.X.data);
        const kernel = createGradientKernel(X, problem.y, problem.s, { kernel: 'wasm' });
        const sums = kernel.columnSums?.(true);
        const reference = inOrderColumnSums(problem.X);
        expect(sums?.inOrder).toBeDefined();
        expect(Array.from(sums?.inOrder?.sum ?? [])).toEqual(Array.from(reference.sum));
        expect(Array.from(sums?.inOrder?.moment ?? [])).toEqual(Array.from(reference.moment));
        // Without the flag the pass leaves them out; after a first pass X is summed in place.
        expect(kernel.columnSums?.()?.inOrder).toBeUndefined();
        expect(Array.from(kernel.columnSums?.(true)?.inOrder?.moment ?? [])).toEqual(
          Array.from(reference.moment),
        );
        kernel.release();
      }
    }
  });

  it("an unpenalized fit's data fingerprint is the same with the WASM and the plain kernel", () => {
    const { X, y } = randomProblem(17, 20_001, 6, false, 0.5);
    const labels = Array.from(y);
    const fast = train(X, labels, { penalty: 'none', kernel: 'wasm' });
    const plain = train(X, labels, { penalty: 'none', kernel: 'plain' });
    expect(fast.fitReport.dataFingerprint).toBeDefined();
    expect(fast.fitReport.dataFingerprint).toEqual(plain.fitReport.dataFingerprint);
  });

  it('train with the staged copy reaches the fit of the plain kernel (1e-9)', () => {
    const { X, y, s } = randomProblem(13, 20_000, 9, true, 1);
    const labels = Array.from(y);
    const options = {
      penalty: 'l2',
      C: 1,
      tolerance: 1e-10,
      sampleWeight: s ?? new Float64Array(X.rows).fill(1),
    } as const;
    const fast = train(X, labels, options);
    const plain = train(X, labels, { ...options, kernel: 'plain' });
    fast.coefficients.forEach((c, j) => expect(c).toBeCloseTo(plain.coefficients[j], 9));
    expect(fast.intercept).toBeCloseTo(plain.intercept, 9);
  });
});
