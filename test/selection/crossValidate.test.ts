import { describe, expect, it } from 'vitest';
import { OptionError, ShapeError, ValueError } from '../../src/errors.js';
import { logLoss } from '../../src/metrics/logLoss.js';
import { train } from '../../src/model/train.js';
import { crossValidate, defaultCrossValidateOptions } from '../../src/selection/crossValidate.js';
import { cvMetricNames } from '../../src/selection/foldScores.js';
import { stratifiedKFold } from '../../src/selection/stratifiedKFold.js';
import { takeRows, takeValues } from '../../src/selection/takeRows.js';
import { loadDataset } from '../helpers/fixtures.js';
import { pimaFolds } from './sklearnReference.js';

const { X, y } = loadDataset('pima');
const tight = { tolerance: 1e-10, maxIterations: 10_000 } as const;
/** Weights 1, 2, 3, 1, 2, 3, … as in sklearnReference.py. */
const w = y.map((_, i) => 1 + (i % 3));

const relative = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('crossValidate on pima', () => {
  const cv = crossValidate(X, y, {}, { seed: 7 });

  it('reports every metric for each of 5 folds by default', () => {
    expect(defaultCrossValidateOptions.folds).toBe(5);
    expect(cv.metrics).toEqual([...cvMetricNames]);
    expect(cv.folds).toHaveLength(5);
    for (const fold of cv.folds) expect(Object.keys(fold)).toEqual([...cvMetricNames]);
    expect(cv.models).toBeUndefined();
    expect(cv.warnings).toEqual([]);
  });

  it('is reproducible for a fixed seed and changes with the seed', () => {
    expect(crossValidate(X, y, {}, { seed: 7 })).toEqual(cv);
    expect(crossValidate(X, y, {}, { seed: 8 }).folds).not.toEqual(cv.folds);
  });

  it('mean is the average and std the population standard deviation of the folds', () => {
    for (const metric of cv.metrics) {
      const values = cv.folds.map((f) => f[metric]);
      const mean = values.reduce((a, b) => a + b, 0) / 5;
      const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / 5;
      expect(cv.mean[metric]).toBeCloseTo(mean, 14);
      expect(cv.std[metric]).toBeCloseTo(Math.sqrt(variance), 14);
    }
  });

  it('each fold’s log loss is that of a model trained on the other folds, recomputed independently', () => {
    const splits = stratifiedKFold(y, { seed: 7 });
    splits.forEach(({ trainIndex, testIndex }, f) => {
      const model = train(takeRows(X, trainIndex), takeValues(y, trainIndex));
      const p = model.positiveProbability(takeRows(X, testIndex));
      expect(cv.folds[f].logLoss).toBe(logLoss(takeValues(y, testIndex), p));
    });
  });

  it('gives sane scores for pima (accuracy about 0.77, AUC about 0.83)', () => {
    expect(cv.mean.accuracy).toBeGreaterThan(0.72);
    expect(cv.mean.accuracy).toBeLessThan(0.82);
    expect(cv.mean.rocAuc).toBeGreaterThan(0.8);
    expect(cv.mean.logLoss).toBeLessThan(Math.LN2); // better than a coin
    for (const fold of cv.folds) {
      for (const m of [
        'accuracy',
        'balancedAccuracy',
        'precision',
        'recall',
        'f1',
        'rocAuc',
      ] as const) {
        expect(fold[m]).toBeGreaterThanOrEqual(0);
        expect(fold[m]).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('crossValidate against scikit-learn (unshuffled folds, which match exactly)', () => {
  // scikit-learn 1.9.1: LogisticRegression(C=1, tol=1e-12) per StratifiedKFold(5) fold; its lbfgs
  // stops about 1e-7 short on the unscaled pima data, hence 1e-6.
  it('matches every per-fold metric to 1e-6 relative', () => {
    const cv = crossValidate(X, y, tight, { shuffle: false });
    cv.folds.forEach((fold, f) => {
      for (const m of cvMetricNames) {
        expect(relative(fold[m], pimaFolds.unweighted[f][m]), `fold ${f} ${m}`).toBeLessThan(1e-6);
      }
    });
  });

  it('splits sample weights by fold: training weights to the fit, test weights to the metrics', () => {
    const cv = crossValidate(X, y, { ...tight, sampleWeight: w }, { shuffle: false });
    cv.folds.forEach((fold, f) => {
      for (const m of cvMetricNames) {
        expect(relative(fold[m], pimaFolds.weighted[f][m]), `fold ${f} ${m}`).toBeLessThan(1e-6);
      }
    });
    // Integer weights equal repeated rows in the fit; the scores differ from the unweighted run.
    expect(cv.folds[0].logLoss).not.toBeCloseTo(pimaFolds.unweighted[0].logLoss, 4);
  });
});

describe('crossValidate options', () => {
  const small = {
    X: takeRows(
      X,
      Int32Array.from({ length: 200 }, (_, i) => i),
    ),
    y: y.slice(0, 200),
  };

  it('reports only the metrics asked for, in that order', () => {
    const cv = crossValidate(small.X, small.y, {}, { metrics: ['rocAuc', 'logLoss'], folds: 3 });
    expect(cv.metrics).toEqual(['rocAuc', 'logLoss']);
    expect(Object.keys(cv.mean)).toEqual(['rocAuc', 'logLoss']);
    const full = crossValidate(small.X, small.y, {}, { folds: 3 });
    expect(cv.folds.map((f) => f.rocAuc)).toEqual(full.folds.map((f) => f.rocAuc));
  });

  it('returns the fold models when asked, each trained with the whole data’s positive class', () => {
    const labels = small.y.map((v) => (v === 1 ? 'diabetes' : 'healthy'));
    const cv = crossValidate(
      small.X,
      labels,
      { positiveClass: 'healthy' },
      { returnModels: true, folds: 4 },
    );
    expect(cv.models).toHaveLength(4);
    for (const model of cv.models ?? []) expect(model.positiveClass).toBe('healthy');
    // Scoring the other class with its own probability leaves AUC, log loss and accuracy as they
    // were; recall becomes that of the other class (specificity), so it changes.
    const numeric = crossValidate(small.X, small.y, {}, { folds: 4 });
    cv.folds.forEach((fold, f) => {
      expect(fold.rocAuc).toBeCloseTo(numeric.folds[f].rocAuc, 6);
      expect(fold.logLoss).toBeCloseTo(numeric.folds[f].logLoss, 6);
      expect(fold.accuracy).toBe(numeric.folds[f].accuracy);
    });
    expect(cv.mean.recall).not.toBeCloseTo(numeric.mean.recall, 2);
  });

  it('does not modify its inputs', () => {
    const rows = Object.freeze(
      Array.from({ length: 40 }, (_, i) => Object.freeze([i % 7, (i * 3) % 5])),
    );
    const labels = Object.freeze(rows.map((_, i) => ((i * 7) % 3 === 0 ? 1 : 0)));
    const weights = Object.freeze(rows.map((_, i) => 1 + (i % 2)));
    const cv = crossValidate(rows, labels, { sampleWeight: weights }, { folds: 4 });
    expect(cv.folds).toHaveLength(4);
  });

  it('reports non-convergence per fold instead of throwing', () => {
    const cv = crossValidate(small.X, small.y, { maxIterations: 2 }, { folds: 3 });
    expect(cv.warnings.length).toBeGreaterThanOrEqual(3);
    expect(cv.warnings[0]).toMatch(/^fold 1 of 3: lbfgs did not converge/);
  });

  it('rejects bad data and options before fitting, with typed errors', () => {
    expect(() => crossValidate(X, y.slice(3))).toThrow(
      new ShapeError('crossValidate: X has 768 rows, but y has 765 labels'),
    );
    expect(() => crossValidate(small.X, small.y, {}, { folds: 1 })).toThrow(
      new OptionError("crossValidate: option 'folds' must be an integer ≥ 2, got 1"),
    );
    expect(() => crossValidate(small.X, small.y, {}, { metrics: ['auc'] } as never)).toThrow(
      "crossValidate: option 'metrics' must be a non-empty array of distinct metric names",
    );
    expect(() => crossValidate(small.X, small.y, { C: -1 })).toThrow(
      new OptionError("crossValidate: option 'C' must be a finite number > 0, got -1"),
    );
    expect(() => crossValidate(small.X, small.y, { sampleWeight: [1, 2] })).toThrow(
      new ShapeError('crossValidate: sampleWeight has 2 entries, but X has 200 rows'),
    );
    const labels = small.y.map((v, i) => (i === 0 ? 2 : v));
    expect(() => crossValidate(small.X, labels)).toThrow(ValueError);
    const rare = small.y.map((_, i) => (i < 3 ? 1 : 0));
    expect(() => crossValidate(small.X, rare, {}, { folds: 5 })).toThrow(
      'crossValidate: class 1 has 3 rows, fewer than folds = 5',
    );
  });

  it('names the fold when its test rows all have weight 0', () => {
    const splits = stratifiedKFold(small.y, { folds: 3 });
    const weights = new Float64Array(200).fill(1);
    for (const i of splits[1].testIndex) weights[i] = 0;
    expect(() => crossValidate(small.X, small.y, { sampleWeight: weights }, { folds: 3 })).toThrow(
      'crossValidate: the test rows of fold 2 all have sampleWeight 0',
    );
  });
});
