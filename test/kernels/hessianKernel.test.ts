import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createGradientKernel } from '../../src/kernels/gradientKernel.js';
import type { GradientKernel } from '../../src/kernels/gradientKernel.js';
import { sigmoid } from '../../src/math/sigmoid.js';
import { FirthObjective } from '../../src/objectives/firthObjective.js';
import { LogisticObjective } from '../../src/objectives/logisticObjective.js';
import { createThreadPool } from '../../src/node/threads/createThreadPool.js';
import { seededRandom } from '../helpers/fixtures.js';
import { randomProblem } from './problems.js';
import type { Problem } from './problems.js';

const pool = createThreadPool(3);
afterAll(() => pool.close());

interface Coordinates {
  readonly center: Float64Array;
  readonly scale: Float64Array;
  readonly fitIntercept: boolean;
  readonly l2: number;
}

function coordinates(seed: number, cols: number, fitIntercept: boolean, l2: number): Coordinates {
  const rnd = seededRandom(seed);
  return {
    center: Float64Array.from({ length: cols }, () => (rnd() - 0.5) * 2),
    scale: Float64Array.from({ length: cols }, () => 0.2 + rnd() * 3),
    fitIntercept,
    l2,
  };
}

/** The Hessian at θ = (w, b) mapped to the solver's coordinates, by the objective with `kernel`. */
function hessianWith(
  problem: Problem,
  coords: Coordinates,
  kernel: GradientKernel | undefined,
): Float64Array {
  const { X, y, s, w, b } = problem;
  const objective = new LogisticObjective({
    X,
    y,
    sampleWeight: s,
    penalizeScaled: false,
    ...coords,
    ...(kernel === undefined ? {} : { gradientKernel: kernel }),
  });
  const theta = new Float64Array(objective.dimension);
  objective.fromOriginal(w, coords.fitIntercept ? b : 0, theta);
  const out = new Float64Array(objective.dimension ** 2);
  objective.hessian(theta, out);
  return out;
}

/**
 * (1/S)·Σᵢ hᵢ·|x̃ᵢₐ|·|x̃ᵢ꜀|: two summation orders of the same terms differ by about ε times this,
 * however much the terms cancel, so the kernels are compared relative to it.
 */
function termScales(problem: Problem, coords: Coordinates): Float64Array {
  const { X, s, w, b } = problem;
  const { rows: m, cols: p, data } = X;
  const d = p + (coords.fitIntercept ? 1 : 0);
  const out = new Float64Array(d * d);
  const row = new Float64Array(d);
  let total = 0;
  for (let i = 0; i < m; i++) {
    const si = s === undefined ? 1 : s[i];
    total += si;
    let z = coords.fitIntercept ? b : 0;
    for (let j = 0; j < p; j++) z += w[j] * data[i * p + j];
    const h = si * sigmoid(z) * (1 - sigmoid(z));
    for (let j = 0; j < p; j++)
      row[j] = Math.abs((data[i * p + j] - coords.center[j]) / coords.scale[j]);
    if (coords.fitIntercept) row[p] = 1;
    for (let a = 0; a < d; a++) for (let c = 0; c < d; c++) out[a * d + c] += h * row[a] * row[c];
  }
  for (let k = 0; k < out.length; k++) out[k] /= total;
  return out;
}

function scaledError(got: Float64Array, want: Float64Array, scales: Float64Array): number {
  let worst = 0;
  for (let k = 0; k < want.length; k++) {
    const e = Math.abs(got[k] - want[k]) / Math.max(scales[k], 1e-300);
    worst = Math.max(worst, e);
  }
  return worst;
}

describe('WASM weighted Gram kernel (Newton Hessian)', () => {
  it('equals the reference loop to 1e-12 (relative to the term scales), 1 and 3 threads', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 700 }),
        fc.integer({ min: 1, max: 41 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 1 << 30 }),
        (rows, cols, weighted, fitIntercept, seed) => {
          const problem = randomProblem(seed, rows, cols, weighted, 2);
          const coords = coordinates(seed + 1, cols, fitIntercept, seed % 3 === 0 ? 0.1 : 0);
          const reference = hessianWith(problem, coords, undefined);
          const scales = termScales(problem, coords);
          const { X, y, s } = problem;
          const single = createGradientKernel(X, y, s, { kernel: 'wasm' });
          const threaded = createGradientKernel(X, y, s, {
            kernel: 'wasm',
            threadPool: pool,
            minEntriesPerThread: 0,
          });
          try {
            expect(
              scaledError(hessianWith(problem, coords, single), reference, scales),
            ).toBeLessThan(1e-12);
            const h3 = hessianWith(problem, coords, threaded);
            expect(scaledError(h3, reference, scales)).toBeLessThan(1e-12);
            // Deterministic for a given thread count (a fresh kernel: no cached result); symmetric.
            const again = createGradientKernel(X, y, s, {
              kernel: 'wasm',
              threadPool: pool,
              minEntriesPerThread: 0,
            });
            expect(hessianWith(problem, coords, again)).toEqual(h3);
            again.release();
            const d = Math.sqrt(h3.length);
            for (let a = 0; a < d; a++) {
              for (let c = 0; c < a; c++) expect(h3[c * d + a]).toBe(h3[a * d + c]);
            }
          } finally {
            single.release();
            threaded.release();
          }
        },
      ),
      { seed: 20261202, numRuns: 40 },
    );
  });

  it('lays out every width alike with and without the intercept (p = 1…9)', () => {
    for (let cols = 1; cols <= 9; cols++) {
      for (const fitIntercept of [false, true]) {
        const problem = randomProblem(cols, 50, cols, cols % 2 === 0, 1);
        const coords = coordinates(cols + 7, cols, fitIntercept, 0);
        const kernel = createGradientKernel(problem.X, problem.y, problem.s, { kernel: 'wasm' });
        const got = hessianWith(problem, coords, kernel);
        kernel.release();
        const want = hessianWith(problem, coords, undefined);
        expect(scaledError(got, want, termScales(problem, coords))).toBeLessThan(1e-12);
      }
    }
  });

  it('agrees on large centred values (no cancellation from forming XᵀWX raw)', () => {
    const problem = randomProblem(3, 2000, 9, true, 1);
    const data = Float64Array.from(problem.X.data, (v) => 1e6 + v);
    const shifted = {
      ...problem,
      X: { ...problem.X, data },
      b: problem.b - 1e6 * problem.w.reduce((a, v) => a + v, 0),
    };
    const center = new Float64Array(9).fill(1e6);
    const coords = { center, scale: new Float64Array(9).fill(1.3), fitIntercept: true, l2: 0 };
    const kernel = createGradientKernel(shifted.X, shifted.y, shifted.s, { kernel: 'wasm' });
    const got = hessianWith(shifted, coords, kernel);
    kernel.release();
    expect(
      scaledError(got, hessianWith(shifted, coords, undefined), termScales(shifted, coords)),
    ).toBeLessThan(1e-10);
  });

  it('returns the last result again for the same point, and a new one for another', () => {
    const problem = randomProblem(8, 500, 7, true, 1);
    const coords = coordinates(9, 7, true, 0);
    const kernel = createGradientKernel(problem.X, problem.y, problem.s, { kernel: 'wasm' });
    const first = hessianWith(problem, coords, kernel);
    kernel.release(); // as train does before the covariance is formed
    expect(hessianWith(problem, coords, kernel)).toEqual(first);
    const moved = { ...problem, b: problem.b + 0.5 };
    const other = hessianWith(moved, coords, kernel);
    expect(
      scaledError(other, hessianWith(moved, coords, undefined), termScales(moved, coords)),
    ).toBeLessThan(1e-12);
    expect(other[0]).not.toBe(first[0]);
    kernel.release();
  });

  it('falls back to the reference loop: kernel plain, and d beyond the Gram region', () => {
    const problem = randomProblem(4, 300, 6, false, 1);
    const coords = coordinates(5, 6, true, 0);
    const plain = createGradientKernel(problem.X, problem.y, problem.s, { kernel: 'plain' });
    expect(plain.weightedGram).toBeUndefined();
    expect(hessianWith(problem, coords, plain)).toEqual(hessianWith(problem, coords, undefined));

    const wide = randomProblem(6, 3, 600, false, 0.1);
    const wideCoords = coordinates(7, 600, true, 0);
    const kernel = createGradientKernel(wide.X, wide.y, wide.s, { kernel: 'wasm' });
    const out = new Float64Array(601 * 601);
    expect(
      kernel.weightedGram?.(wide.w, wide.b, wideCoords.center, wideCoords.scale, true, out),
    ).toBe(false);
    const got = hessianWith(wide, wideCoords, kernel);
    const want = hessianWith(wide, wideCoords, undefined);
    expect(got.every((v, k) => v === want[k])).toBe(true);
    kernel.release();
  });
});

describe('WASM Firth score correction (hat values)', () => {
  it('gives the reference loop’s Firth gradient to 1e-12 of the correction, 1 and 3 threads', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 600 }),
        fc.integer({ min: 1, max: 17 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 1 << 30 }),
        (rows, cols, weighted, fitIntercept, seed) => {
          const problem = randomProblem(seed, rows, cols, weighted, 1);
          const coords = coordinates(seed + 2, cols, fitIntercept, 0);
          const { X, y, s, w, b } = problem;
          const spec = { X, y, sampleWeight: s, penalizeScaled: false, ...coords };
          const gradient = (kernel: GradientKernel | undefined): Float64Array => {
            const objective = new FirthObjective({
              ...spec,
              ...(kernel === undefined ? {} : { gradientKernel: kernel }),
            });
            const theta = new Float64Array(objective.dimension);
            objective.logistic.fromOriginal(w, fitIntercept ? b : 0, theta);
            const g = new Float64Array(objective.dimension);
            objective.valueAndGradient(theta, g);
            return g;
          };
          const reference = gradient(undefined);
          // The correction alone: the Firth gradient minus the logistic one.
          const logistic = new LogisticObjective(spec);
          const theta = new Float64Array(logistic.dimension);
          logistic.fromOriginal(w, fitIntercept ? b : 0, theta);
          const plainGrad = new Float64Array(logistic.dimension);
          logistic.valueAndGradient(theta, plainGrad);
          const size = Math.max(...reference.map((g, k) => Math.abs(g - plainGrad[k])));
          for (const pooled of [false, true]) {
            const kernel = createGradientKernel(X, y, s, {
              kernel: 'wasm',
              ...(pooled ? { threadPool: pool, minEntriesPerThread: 0 } : {}),
            });
            expect(kernel.firthCorrection).toBeDefined();
            const got = gradient(kernel);
            kernel.release();
            const error = Math.max(...got.map((g, k) => Math.abs(g - reference[k])));
            expect(error).toBeLessThanOrEqual(1e-12 * size + 1e-16);
          }
        },
      ),
      { seed: 20261203, numRuns: 25 },
    );
  });
});
