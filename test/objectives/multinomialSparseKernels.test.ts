import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { denseFromSparse } from '../../src/linalg/sparseMatrix.js';
import type { SparseMatrix } from '../../src/linalg/sparseMatrix.js';
import { featureScaling } from '../../src/model/featureScaling.js';
import { MultinomialObjective } from '../../src/objectives/multinomialObjective.js';
import type { MultinomialObjectiveSpec } from '../../src/objectives/multinomialObjective.js';
import { seededRandom } from '../helpers/fixtures.js';
import {
  expectGradientMatchesFiniteDifferences,
  expectHessianAgreesWithProduct,
  expectHessianVectorProductMatchesFiniteDifferences,
} from '../helpers/derivativeChecks.js';

/** A random CSR matrix: about `density` of the entries stored, some rows empty, odd values. */
function randomCsr(seed: number, rows: number, cols: number, density: number): SparseMatrix {
  const rand = seededRandom(seed);
  const indptr = new Int32Array(rows + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < rows; i++) {
    const empty = rand() < 0.2;
    for (let j = 0; j < cols && !empty; j++) {
      if (rand() < density) {
        indices.push(j);
        values.push((rand() - 0.3) * 10 ** Math.floor(rand() * 3));
      }
    }
    indptr[i + 1] = indices.length;
  }
  return {
    format: 'csr',
    rows,
    cols,
    indptr,
    indices: Int32Array.from(indices),
    values: Float64Array.from(values),
  };
}

/** The same objective on the CSR matrix and on its dense copy. */
function pair(
  seed: number,
  rows: number,
  cols: number,
  K: number,
  options: {
    weighted: boolean;
    fitIntercept: boolean;
    l2: number;
    penalizeScaled: boolean;
    gauge: 'all' | 'intercepts';
  },
): { sparse: MultinomialObjective; dense: MultinomialObjective } {
  const X = randomCsr(seed, rows, cols, 0.3);
  const rand = seededRandom(seed + 1);
  const y = new Int32Array(rows).map(() => Math.floor(rand() * K));
  const sampleWeight = options.weighted
    ? new Float64Array(rows).map(() => (rand() < 0.1 ? 0 : rand() * 3))
    : undefined;
  const dense = denseFromSparse(X);
  const scaling = featureScaling(dense, sampleWeight, options.fitIntercept);
  const spec: Omit<MultinomialObjectiveSpec, 'X'> = {
    y,
    classCount: K,
    sampleWeight,
    fitIntercept: options.fitIntercept,
    l2: options.l2,
    center: scaling.center,
    scale: scaling.scale,
    penalizeScaled: options.penalizeScaled,
    gauge: options.gauge,
  };
  return {
    sparse: new MultinomialObjective({ ...spec, X }),
    dense: new MultinomialObjective({ ...spec, X: dense }),
  };
}

/** max |a − b| / max(1, max |b|): relative to the vector's size. */
function relativeError(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  let size = 1;
  for (let k = 0; k < b.length; k++) size = Math.max(size, Math.abs(b[k]));
  for (let k = 0; k < b.length; k++) worst = Math.max(worst, Math.abs(a[k] - b[k]));
  return worst / size;
}

const optionsArbitrary = fc.record({
  weighted: fc.boolean(),
  fitIntercept: fc.boolean(),
  l2: fc.constantFrom(0, 0.01, 0.5),
  penalizeScaled: fc.boolean(),
  gauge: fc.constantFrom<'all' | 'intercepts'>('all', 'intercepts'),
});

describe('MultinomialObjective on CSR input', () => {
  it('value, gradient, Hessian-vector product and Hessian equal the dense ones to 1e-12 (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100000 }),
        fc.integer({ min: 1, max: 23 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 2, max: 5 }),
        optionsArbitrary,
        (seed, rows, cols, K, options) => {
          const { sparse, dense } = pair(seed, rows, cols, K, options);
          const d = dense.dimension;
          const rand = seededRandom(seed + 2);
          const theta = new Float64Array(d).map(() => rand() - 0.5);
          const v = new Float64Array(d).map(() => rand() - 0.5);
          const gs = new Float64Array(d);
          const gd = new Float64Array(d);
          const fs = sparse.valueAndGradient(theta, gs);
          const fd = dense.valueAndGradient(theta, gd);
          if (!(Math.abs(fs - fd) <= 1e-12 * Math.max(1, Math.abs(fd)))) return false;
          if (!(relativeError(gs, gd) <= 1e-12)) return false;
          const hs = new Float64Array(d);
          const hd = new Float64Array(d);
          sparse.hessianVectorProduct(theta, v, hs);
          dense.hessianVectorProduct(theta, v, hd);
          if (!(relativeError(hs, hd) <= 1e-12)) return false;
          const Hs = new Float64Array(d * d);
          const Hd = new Float64Array(d * d);
          sparse.hessian(theta, Hs);
          dense.hessian(theta, Hd);
          return relativeError(Hs, Hd) <= 1e-12;
        },
      ),
      { numRuns: 200 },
    );
  });

  it('all rows empty: scores are the intercepts alone, and still match dense', () => {
    const X: SparseMatrix = {
      format: 'csr',
      rows: 4,
      cols: 3,
      indptr: new Int32Array(5),
      indices: new Int32Array(0),
      values: new Float64Array(0),
    };
    const spec = {
      y: new Int32Array([0, 1, 2, 1]),
      classCount: 3,
      sampleWeight: undefined,
      fitIntercept: true,
      l2: 0.1,
      center: new Float64Array(3),
      scale: new Float64Array(3).fill(1),
      penalizeScaled: false,
    };
    const sparse = new MultinomialObjective({ ...spec, X });
    const dense = new MultinomialObjective({ ...spec, X: denseFromSparse(X) });
    const theta = new Float64Array(sparse.dimension).map((_, k) => Math.sin(k));
    const gs = new Float64Array(sparse.dimension);
    const gd = new Float64Array(sparse.dimension);
    expect(sparse.valueAndGradient(theta, gs)).toBeCloseTo(dense.valueAndGradient(theta, gd), 14);
    expect(relativeError(gs, gd)).toBeLessThan(1e-15);
  });

  it('gradient, Hessian-vector product and Hessian match finite differences (sparse, gauge on intercepts)', () => {
    const { sparse } = pair(5, 30, 6, 4, {
      weighted: true,
      fitIntercept: true,
      l2: 0.05,
      penalizeScaled: false,
      gauge: 'intercepts',
    });
    const rand = seededRandom(3);
    const theta = new Float64Array(sparse.dimension).map(() => rand() - 0.5);
    const v = new Float64Array(sparse.dimension).map(() => rand() - 0.5);
    expectGradientMatchesFiniteDifferences(sparse, theta);
    expectHessianVectorProductMatchesFiniteDifferences(sparse, theta, v);
    expectHessianAgreesWithProduct(sparse, theta, v);
  });

  it('does not mutate X, θ or v', () => {
    const { sparse } = pair(8, 12, 5, 3, {
      weighted: false,
      fitIntercept: true,
      l2: 0.1,
      penalizeScaled: false,
      gauge: 'all',
    });
    const theta = new Float64Array(sparse.dimension).fill(0.1);
    const v = new Float64Array(sparse.dimension).fill(-0.2);
    const before = [Float64Array.from(theta), Float64Array.from(v)];
    sparse.valueAndGradient(theta, new Float64Array(sparse.dimension));
    sparse.hessianVectorProduct(theta, v, new Float64Array(sparse.dimension));
    sparse.hessian(theta, new Float64Array(sparse.dimension ** 2));
    expect(theta).toEqual(before[0]);
    expect(v).toEqual(before[1]);
  });
});

describe("MultinomialObjective gauge: 'intercepts'", () => {
  it('adds nothing on the coefficients: the value is loss + penalty + the intercepts’ gauge only', () => {
    const base = {
      weighted: false,
      fitIntercept: true,
      l2: 0,
      penalizeScaled: false,
    } as const;
    const all = pair(4, 20, 3, 3, { ...base, gauge: 'all' }).dense;
    const intercepts = pair(4, 20, 3, 3, { ...base, gauge: 'intercepts' }).dense;
    // Shift the coefficient of feature 0 by 1 in every class: the loss is unchanged.
    const theta = new Float64Array(all.dimension);
    const shifted = Float64Array.from(theta);
    for (let k = 0; k < 3; k++) shifted[k * all.stride] += 1;
    const g = new Float64Array(all.dimension);
    expect(intercepts.valueAndGradient(shifted, g)).toBeCloseTo(
      intercepts.valueAndGradient(theta, g),
      14,
    );
    // With the gauge on every coordinate it grows by (1/K)·½·K² = 1.5.
    expect(all.valueAndGradient(shifted, g) - all.valueAndGradient(theta, g)).toBeCloseTo(1.5, 12);
  });
});
