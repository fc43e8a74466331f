import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/errors.js';
import { featureScaling } from '../../src/model/featureScaling.js';
import { elasticNetProblem } from '../../src/model/fitElasticNet.js';
import { train } from '../../src/model/train.js';
import { sparseFromDense } from '../../src/linalg/sparseMatrix.js';
import { proximalNewton } from '../../src/solvers/proximalNewton.js';
import { loadJson, maxRelativeError } from '../helpers/fixtures.js';

/** MASS::crabs (scripts/r-offset-penalized.R): y = orange species, FL RW CL CW, offset o = log(BD). */
function loadCrabs(): { X: number[][]; y: number[]; o: number[] } {
  const file = fileURLToPath(new URL('../fixtures/offset_crabs.csv', import.meta.url));
  const rows = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').map(Number));
  return { X: rows.map((r) => r.slice(0, 4)), y: rows.map((r) => r[5]), o: rows.map((r) => r[4]) };
}

/** R 4.2.2, brglm2 0.9 brglmFit(type = "AS_mean", epsilon = 1e-14) with offset = o. */
const ref = loadJson<{
  firth: { features: string[]; estimates: number[]; standardErrors: number[] };
}>('r_offset_penalized.json').firth;
const crabs = loadCrabs();

/**
 * The largest violation of the L1 optimality conditions of (1/n)·Σ logloss(yᵢ, w·xᵢ + b + oᵢ) +
 * ‖w‖₁/(C·n): g = (1/n)·Σ(pᵢ − yᵢ)xᵢ with g + sign(w)/(C·n) = 0 where w ≠ 0, |g| ≤ 1/(C·n) where
 * w = 0, and a zero intercept gradient.
 */
function lassoKkt(w: readonly number[], b: number, C: number, X: number[][], o: number[]): number {
  const n = X.length;
  const g = new Float64Array(w.length);
  let g0 = 0;
  X.forEach((x, i) => {
    const z = b + o[i] + x.reduce((s, v, j) => s + v * w[j], 0);
    const r = (1 / (1 + Math.exp(-z)) - crabs.y[i]) / n;
    g0 += r;
    x.forEach((v, j) => (g[j] += r * v));
  });
  const l1 = 1 / (C * n);
  let worst = Math.abs(g0);
  w.forEach((wj, j) => {
    const v = wj !== 0 ? Math.abs(g[j] + l1 * Math.sign(wj)) : Math.max(0, Math.abs(g[j]) - l1);
    worst = Math.max(worst, v);
  });
  return worst;
}

describe('offsets in Firth, L1 / elastic-net and sgd fits', () => {
  // The species are completely separated by FL, RW and CW: no maximum-likelihood estimate exists.
  it("Firth with an offset equals brglm2's brglmFit(offset = ): estimates and standard errors", () => {
    const X = crabs.X.map((r) => [r[0], r[1], r[3]]);
    const model = train(X, crabs.y, {
      penalty: 'firth',
      offset: crabs.o,
      offsetName: 'o',
      featureNames: ['FL', 'RW', 'CW'],
      tolerance: 1e-12,
    });
    expect(model.fitReport.converged).toBe(true);
    expect(model.offset).toBe('o');
    // The summary lists the intercept first; the fixture stores it last.
    const order = [3, 0, 1, 2];
    const s = model.summary();
    expect(s.coefficients.map((c) => c.name)).toEqual(order.map((k) => ref.features[k]));
    const estimates = order.map((k) => ref.estimates[k]);
    const errors = order.map((k) => ref.standardErrors[k]);
    expect(
      maxRelativeError(
        s.coefficients.map((c) => c.estimate),
        estimates,
      ),
    ).toBeLessThan(1e-9);
    expect(
      maxRelativeError(
        s.coefficients.map((c) => c.stdError!),
        errors,
      ),
    ).toBeLessThan(1e-8);
    // Without the offset the estimates differ: the offset is used, not ignored.
    const plain = train(X, crabs.y, { penalty: 'firth', tolerance: 1e-12 });
    expect(maxRelativeError(plain.coefficients, ref.estimates.slice(0, 3))).toBeGreaterThan(1e-2);
  });

  it('L1 with an offset meets its optimality conditions, with the offset in every score', () => {
    for (const C of [0.05, 0.5]) {
      const model = train(crabs.X, crabs.y, {
        penalty: 'l1',
        C,
        offset: crabs.o,
        tolerance: 1e-12,
        maxIterations: 500,
      });
      expect(model.fitReport.solver).toBe('newglmnet');
      expect(model.fitReport.converged).toBe(true);
      expect(lassoKkt(model.coefficients, model.intercept, C, crabs.X, crabs.o)).toBeLessThan(1e-9);
      expect(
        lassoKkt(
          model.coefficients,
          model.intercept,
          C,
          crabs.X,
          crabs.X.map(() => 0),
        ),
      ).toBeGreaterThan(1e-4);
    }
  });

  it('the data-based Newton models (dense and CSR, for many features) read the offset too', () => {
    const data = new Float64Array(crabs.X.flat());
    const dense = { rows: crabs.X.length, cols: 4, data };
    const scaling = featureScaling(dense, undefined, true);
    const fits = (['dense', 'data'] as const).flatMap((model) =>
      [dense, sparseFromDense(dense)].map((X) => {
        const spec = {
          X,
          y: Float64Array.from(crabs.y),
          sampleWeight: undefined,
          fitIntercept: true,
          C: 0.5,
          l1Ratio: 1,
          center: scaling.center,
          scale: scaling.scale,
          penalizeScaled: false,
          offset: Float64Array.from(crabs.o),
        };
        const problem = elasticNetProblem(spec, model);
        const r = proximalNewton(problem.objective, problem.l1Weights, new Float64Array(5), {
          tolerance: 1e-12,
          maxIterations: 500,
          model: problem.model,
        });
        expect(r.converged).toBe(true);
        return r;
      }),
    );
    // The same Newton model (curvature at the scores with the offset) gives the same steps: any
    // model that left the offset out would still converge, but by other steps.
    for (const r of fits.slice(1)) {
      expect(r.lossHistory.length).toBe(fits[0].lossHistory.length);
      expect(maxRelativeError(r.lossHistory, fits[0].lossHistory)).toBeLessThan(1e-9);
      expect(maxRelativeError(r.x, fits[0].x, 1e-6)).toBeLessThan(1e-8);
    }
  });

  it('a constant offset with an intercept shifts the intercept only (L1, elastic net, Firth)', () => {
    const shift = crabs.X.map(() => 0.75);
    for (const options of [
      { penalty: 'l1' as const, C: 0.5 },
      { penalty: 'elasticnet' as const, C: 0.5, l1Ratio: 0.5 },
      { penalty: 'firth' as const },
    ]) {
      const a = train(crabs.X, crabs.y, { ...options, tolerance: 1e-11, maxIterations: 500 });
      const b = train(crabs.X, crabs.y, {
        ...options,
        offset: shift,
        tolerance: 1e-11,
        maxIterations: 500,
      });
      expect(maxRelativeError(b.coefficients, a.coefficients, 1e-6)).toBeLessThan(1e-6);
      expect(b.intercept).toBeCloseTo(a.intercept - 0.75, 6);
    }
  });

  it("Firth's profile bounds and LR test with a constant offset: slopes' unchanged, intercept's shifted", () => {
    const X = crabs.X.map((r) => [r[0], r[1], r[3]]);
    const options = { penalty: 'firth' as const, profileConfidenceLevel: 0.95, tolerance: 1e-11 };
    const a = train(X, crabs.y, options).summary({ ci: 'profile' });
    const b = train(X, crabs.y, { ...options, offset: X.map(() => 0.75) }).summary({
      ci: 'profile',
    });
    a.coefficients.forEach((c, k) => {
      const shift = c.name === '(Intercept)' ? -0.75 : 0;
      expect(b.coefficients[k].ciLower! - shift).toBeCloseTo(c.ciLower!, 7);
      expect(b.coefficients[k].ciUpper! - shift).toBeCloseTo(c.ciUpper!, 7);
    });
    expect(b.lrStatistic!).toBeCloseTo(a.lrStatistic!, 7);
  });

  it('sgd with an offset reaches the Newton optimum (full batches, constant step; dense and CSR)', () => {
    const options = { C: 1, offset: crabs.o, standardize: true };
    const newton = train(crabs.X, crabs.y, { ...options, tolerance: 1e-12 });
    const dense = { rows: crabs.X.length, cols: 4, data: new Float64Array(crabs.X.flat()) };
    for (const X of [dense, sparseFromDense(dense)]) {
      const sgd = train(X, crabs.y, {
        ...options,
        solver: 'sgd',
        batchSize: crabs.X.length,
        learningRateSchedule: 'constant',
        maxIterations: 30000,
        tolerance: 1e-10,
      });
      expect(sgd.fitReport.converged).toBe(true);
      expect(maxRelativeError(sgd.coefficients, newton.coefficients)).toBeLessThan(1e-7);
      expect(Math.abs(sgd.intercept - newton.intercept)).toBeLessThan(1e-7);
    }
    // The offset matters here: without it the optimum is elsewhere.
    const without = train(crabs.X, crabs.y, { C: 1, standardize: true, tolerance: 1e-12 });
    expect(maxRelativeError(without.coefficients, newton.coefficients)).toBeGreaterThan(1e-2);
  });

  it('refuses an offset where it is undefined or unsupported, naming the option', () => {
    expect(() => train(crabs.X, crabs.y, { kernel: 'wasm', offset: crabs.o })).toThrow(OptionError);
    const three = crabs.y.map((v, i) => (i % 3 === 0 ? 2 : v));
    expect(() => train(crabs.X, three, { multiClass: 'multinomial', offset: crabs.o })).toThrow(
      /cancels in the softmax/,
    );
  });
});
