import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/errors.js';
import type { Matrix } from '../../src/linalg/matrix.js';
import { seededRandom, shuffleInPlace } from '../../src/math/seededRandom.js';
import { featureScaling } from '../../src/model/featureScaling.js';
import { LogisticRegressionModel } from '../../src/model/logisticRegressionModel.js';
import { train } from '../../src/model/train.js';
import { LogisticBatchObjective } from '../../src/objectives/logisticBatchObjective.js';
import { LogisticObjective } from '../../src/objectives/logisticObjective.js';
import type { LogisticObjectiveSpec } from '../../src/objectives/logisticObjective.js';
import { sgd } from '../../src/solvers/sgd.js';
import { SgdOptimizer } from '../../src/solvers/sgdOptimizer.js';
import type { SgdSettings } from '../../src/solvers/sgd.js';
import { loadDataset, seededRandom as referenceRandom } from '../helpers/fixtures.js';

const pima = loadDataset('pima');

/** The spec `train(pima, { standardize: true, C })` builds: the objective SGD must minimize. */
function pimaSpec(C = 1, sampleWeight?: Float64Array): LogisticObjectiveSpec {
  const scaling = featureScaling(pima.X, sampleWeight, true);
  const total = sampleWeight === undefined ? pima.X.rows : sampleWeight.reduce((a, b) => a + b);
  return {
    X: pima.X,
    y: Float64Array.from(pima.y),
    sampleWeight,
    fitIntercept: true,
    l2: 1 / (C * total),
    center: scaling.center,
    scale: scaling.scale,
    penalizeScaled: true,
  };
}

function smallProblem(seed: number, m: number, p: number): LogisticObjectiveSpec {
  const rand = referenceRandom(seed);
  const data = new Float64Array(m * p).map(() => rand() * 4 - 2);
  const X: Matrix = { rows: m, cols: p, data };
  const y = new Float64Array(m).map((_, i) => (rand() < 1 / (1 + Math.exp(-data[i * p])) ? 1 : 0));
  return {
    X,
    y,
    sampleWeight: undefined,
    fitIntercept: true,
    l2: 0.01,
    center: new Float64Array(p),
    scale: new Float64Array(p).fill(1),
    penalizeScaled: false,
  };
}

const base = { tolerance: 1e-14, seed: 1 } as const;

describe('sgd: convergence to the L2 optimum', () => {
  const objective = new LogisticBatchObjective(pimaSpec());
  const reference = train(pima.X, pima.y, {
    solver: 'lbfgs',
    standardize: true,
    C: 1,
    tolerance: 1e-12,
  });
  const optimum = reference.fitReport.objective;

  it("mini-batches of 32 with the 'optimal' decaying step reach the lbfgs objective within 1e-6 relative in 1000 epochs (pima, standardized, C = 1)", () => {
    for (const seed of [1, 2]) {
      const result = sgd(objective, new Float64Array(objective.dimension), {
        ...base,
        seed,
        batchSize: 32,
        learningRateSchedule: 'optimal',
        maxIterations: 1000,
      });
      expect(result.iterations).toBe(1000);
      expect(result.objective).toBeGreaterThanOrEqual(optimum * (1 - 1e-12));
      expect((result.objective - optimum) / optimum).toBeLessThan(1e-6);
      // The objective is flat near its minimum, so a 1e-7 gap still leaves coefficients about
      // 1e-2 off; the fitted probabilities agree to about 1e-3.
      const w = new Float64Array(pima.X.cols);
      const b = objective.toOriginal(result.x, w);
      const model = reference.toJSON();
      const sgdProbability = LogisticRegressionModel.fromJSON({
        ...model,
        coefficients: Array.from(w),
        intercept: b,
      }).positiveProbability(pima.X);
      const lbfgsProbability = reference.positiveProbability(pima.X);
      let worst = 0;
      for (let i = 0; i < pima.X.rows; i++) {
        worst = Math.max(worst, Math.abs(sgdProbability[i] - lbfgsProbability[i]));
      }
      expect(worst).toBeLessThan(2e-3);
    }
  });

  it("batchSize = m is the article's batch gradient descent: with η = 1/L every epoch decreases F, towards the optimum", () => {
    const result = sgd(objective, new Float64Array(objective.dimension), {
      ...base,
      batchSize: pima.X.rows,
      maxIterations: 300,
    });
    const h = result.lossHistory;
    for (let k = 1; k < h.length; k++) expect(h[k]).toBeLessThan(h[k - 1]);
    expect(h[h.length - 1]).toBeGreaterThan(optimum);
    expect(result.stopReason).toBe('max-iterations');
    expect(result.converged).toBe(false);
  });

  it('stops at the gradient tolerance, which is checked on the full gradient after each epoch', () => {
    const result = sgd(objective, new Float64Array(objective.dimension), {
      ...base,
      tolerance: 1e-3,
      batchSize: 32,
      learningRateSchedule: 'optimal',
      maxIterations: 1000,
    });
    expect(result.stopReason).toBe('gradient-tolerance');
    expect(result.converged).toBe(true);
    expect(result.gradientNorm).toBeLessThanOrEqual(1e-3);
    const g = new Float64Array(objective.dimension);
    expect(objective.valueAndGradient(result.x, g)).toBe(result.objective);
    expect(result.lossHistory).toHaveLength(result.iterations + 1);
  });

  it('a step far above 2/L diverges and is reported as not finite', () => {
    const result = sgd(objective, new Float64Array(objective.dimension), {
      ...base,
      batchSize: 1,
      learningRate: 1e6,
      maxIterations: 50,
    });
    expect(result.stopReason).toBe('not-finite');
    expect(result.converged).toBe(false);
  });
});

describe('sgd: reproducibility and the one-batch update', () => {
  const objective = new LogisticBatchObjective(pimaSpec());
  const settings: SgdSettings = {
    ...base,
    seed: 7,
    batchSize: 10,
    learningRateSchedule: 'invscaling',
    learningRate: 0.05,
    average: true,
    maxIterations: 15,
  };

  it('the same seed gives a bit-identical result, another seed another one', () => {
    const x0 = new Float64Array(objective.dimension);
    const a = sgd(objective, x0, settings);
    const b = sgd(objective, x0, settings);
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    expect(b.lossHistory).toEqual(a.lossHistory);
    const c = sgd(objective, x0, { ...settings, seed: 8 });
    expect(Array.from(c.x)).not.toEqual(Array.from(a.x));
  });

  it('partialFit over the same shuffled batches equals the full run, bit for bit', () => {
    const x0 = new Float64Array(objective.dimension);
    const full = sgd(objective, x0, settings);
    const random = seededRandom(settings.seed);
    const m = objective.rowCount;
    const order = Uint32Array.from({ length: m }, (_, i) => i);
    const optimizer = new SgdOptimizer(objective, x0, {
      learningRateSchedule: 'invscaling',
      learningRate: 0.05,
      averageFrom: Math.ceil(m / settings.batchSize),
    });
    for (let epoch = 0; epoch < settings.maxIterations; epoch++) {
      shuffleInPlace(order, random);
      for (let start = 0; start < m; start += settings.batchSize) {
        // A stream hands over batches as separate arrays.
        optimizer.partialFit(order.slice(start, Math.min(start + settings.batchSize, m)));
      }
    }
    expect(optimizer.updates).toBe(settings.maxIterations * Math.ceil(m / settings.batchSize));
    expect(Array.from(optimizer.solution())).toEqual(Array.from(full.x));
  });

  it('does not mutate x0', () => {
    const x0 = new Float64Array(objective.dimension).fill(0.1);
    const copy = Float64Array.from(x0);
    sgd(objective, x0, settings);
    new SgdOptimizer(objective, x0, {}).partialFit([0, 1, 2]);
    expect(x0).toEqual(copy);
  });
});

describe('SgdOptimizer', () => {
  const objective = new LogisticBatchObjective(smallProblem(3, 50, 3));
  const d = objective.dimension;

  it('one update is θ ← θ − η·∇F_B(θ) and returns F_B before the step', () => {
    const theta = new Float64Array(d).fill(0.2);
    const optimizer = new SgdOptimizer(objective, theta, { learningRate: 0.3 });
    const rows = [4, 9, 9, 20];
    const g = new Float64Array(d);
    const value = objective.batchValueAndGradient(theta, rows, 0, rows.length, g);
    expect(optimizer.partialFit(rows)).toBe(value);
    const after = optimizer.solution();
    for (let k = 0; k < d; k++) expect(after[k]).toBe(theta[k] - 0.3 * g[k]);
  });

  it('the schedules: constant η₀, η₀/t^power, and 1/(μ(t₀ + t)) starting at η₀', () => {
    const constant = new SgdOptimizer(objective, new Float64Array(d), { learningRate: 0.5 });
    expect(constant.learningRate(1)).toBe(0.5);
    expect(constant.learningRate(1000)).toBe(0.5);
    const inverse = new SgdOptimizer(objective, new Float64Array(d), {
      learningRateSchedule: 'invscaling',
      learningRate: 0.5,
      learningRateExponent: 0.25,
    });
    expect(inverse.learningRate(16)).toBeCloseTo(0.25, 15);
    const optimal = new SgdOptimizer(objective, new Float64Array(d), {
      learningRateSchedule: 'optimal',
      learningRate: 0.5,
    });
    const mu = objective.strongConvexity;
    expect(optimal.learningRate(1)).toBeCloseTo(0.5, 14);
    expect(1 / optimal.learningRate(101) - 1 / optimal.learningRate(1)).toBeCloseTo(100 * mu, 10);
  });

  it('the default η₀ is 1/L from the Lipschitz bound', () => {
    const optimizer = new SgdOptimizer(objective, new Float64Array(d), {});
    expect(optimizer.learningRate(1)).toBe(1 / objective.lipschitzBound());
  });

  it('averaging: the solution is the mean of the iterates after update averageFrom', () => {
    const optimizer = new SgdOptimizer(objective, new Float64Array(d), {
      learningRate: 0.1,
      averageFrom: 2,
    });
    const plain = new SgdOptimizer(objective, new Float64Array(d), { learningRate: 0.1 });
    const sum = new Float64Array(d);
    for (let t = 1; t <= 6; t++) {
      const rows = [t, t + 10, t + 20];
      optimizer.partialFit(rows);
      plain.partialFit(rows);
      const iterate = plain.solution();
      if (t > 2) for (let k = 0; k < d; k++) sum[k] += iterate[k];
      if (t <= 2) expect(optimizer.solution()).toEqual(iterate);
    }
    const mean = optimizer.solution();
    for (let k = 0; k < d; k++) expect(mean[k]).toBeCloseTo(sum[k] / 4, 14);
  });

  it("rejects 'optimal' without a penalty, and bad learning rates", () => {
    const spec = { ...smallProblem(3, 50, 3), l2: 0 };
    const unpenalized = new LogisticBatchObjective(spec);
    expect(unpenalized.strongConvexity).toBe(0);
    expect(
      () => new SgdOptimizer(unpenalized, new Float64Array(4), { learningRateSchedule: 'optimal' }),
    ).toThrow(OptionError);
    expect(() => new SgdOptimizer(objective, new Float64Array(d), { learningRate: -1 })).toThrow(
      /learningRate must be a finite number > 0/,
    );
  });
});

describe('sgd: early stopping on held-out rows', () => {
  const objective = new LogisticBatchObjective(pimaSpec());

  it('stops when the held-out loss stalls for `patience` epochs and returns the best epoch', () => {
    const result = sgd(objective, new Float64Array(objective.dimension), {
      ...base,
      batchSize: 1,
      learningRate: 0.05,
      validationFraction: 0.2,
      patience: 3,
      validationTolerance: 1e-3,
      maxIterations: 500,
    });
    expect(result.stopReason).toBe('early-stopping');
    expect(result.converged).toBe(true);
    const v = result.validationLossHistory;
    expect(v).toHaveLength(result.iterations + 1);
    const best = v.indexOf(Math.min(...v));
    expect(result.objective).toBe(result.lossHistory[best]);
    expect(result.iterations).toBeLessThan(500);
  });

  it('rejects a fraction that leaves no training rows, and bad batch sizes', () => {
    const x0 = new Float64Array(objective.dimension);
    expect(() =>
      sgd(objective, x0, { ...base, batchSize: 1, maxIterations: 1, validationFraction: 1 }),
    ).toThrow(OptionError);
    expect(() => sgd(objective, x0, { ...base, batchSize: 0, maxIterations: 1 })).toThrow(
      /batchSize must be an integer ≥ 1, got 0/,
    );
    expect(() => sgd(objective, x0, { ...base, batchSize: 2.5, maxIterations: 1 })).toThrow(
      OptionError,
    );
  });
});

describe('LogisticBatchObjective', () => {
  const weights = Float64Array.from(pima.y, (_, i) => 1 + (i % 3));
  for (const [name, spec] of [
    ['pima, standardized', pimaSpec(1)],
    ['pima, weighted', pimaSpec(0.5, weights)],
    ['raw units, penalty on w', smallProblem(5, 60, 4)],
  ] as const) {
    const objective = new LogisticBatchObjective(spec);
    const full = new LogisticObjective(spec);
    const d = objective.dimension;
    const rand = referenceRandom(2);
    const theta = new Float64Array(d).map(() => rand() - 0.5);

    it(`over all rows equals the full objective and gradient (${name})`, () => {
      const m = objective.rowCount;
      const rows = Uint32Array.from({ length: m }, (_, i) => i);
      const g = new Float64Array(d);
      const gFull = new Float64Array(d);
      const value = objective.batchValueAndGradient(theta, rows, 0, m, g);
      const expected = full.valueAndGradient(theta, gFull);
      expect(Math.abs(value - expected)).toBeLessThan(1e-13 * expected);
      for (let k = 0; k < d; k++) expect(g[k]).toBeCloseTo(gFull[k], 12);
    });

    it(`an epoch's equal batches average to F and ∇F (unbiased) (${name})`, () => {
      const m = objective.rowCount - (objective.rowCount % 4);
      const rows = Uint32Array.from({ length: m }, (_, i) => i);
      shuffleInPlace(rows, seededRandom(4));
      const g = new Float64Array(d);
      const mean = new Float64Array(d);
      let value = 0;
      const size = m / 4;
      for (let k = 0; k < 4; k++) {
        value += objective.batchValueAndGradient(theta, rows, k * size, (k + 1) * size, g) / 4;
        for (let j = 0; j < d; j++) mean[j] += g[j] / 4;
      }
      const gAll = new Float64Array(d);
      const all = objective.batchValueAndGradient(theta, rows, 0, m, gAll);
      expect(value).toBeCloseTo(all, 13);
      for (let j = 0; j < d; j++) expect(mean[j]).toBeCloseTo(gAll[j], 13);
    });

    it(`the Lipschitz bound L bounds the curvature vᵀ∇²F·v ≤ L‖v‖² (${name})`, () => {
      const L = objective.lipschitzBound();
      const hv = new Float64Array(d);
      for (let trial = 0; trial < 20; trial++) {
        const v = new Float64Array(d).map(() => rand() - 0.5);
        full.hessianVectorProduct(
          theta.map(() => 0),
          v,
          hv,
        );
        let vHv = 0;
        let vv = 0;
        for (let k = 0; k < d; k++) {
          vHv += v[k] * hv[k];
          vv += v[k] * v[k];
        }
        expect(vHv).toBeLessThanOrEqual(L * vv);
      }
    });
  }
});
