import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/errors.js';
import { train } from '../../src/model/train.js';
import { chooseC, defaultChooseCOptions } from '../../src/selection/chooseC.js';
import { cGrid } from '../../src/selection/cGrid.js';
import { foldScores } from '../../src/selection/foldScores.js';
import { stratifiedKFold } from '../../src/selection/stratifiedKFold.js';
import { takeRows, takeValues } from '../../src/selection/takeRows.js';
import { warmStartPath } from '../../src/selection/warmStartPath.js';
import { loadDataset, maxRelativeError } from '../helpers/fixtures.js';
import { logspace10, pimaLogisticRegressionCV as lrcv } from './sklearnReference.js';

const { X, y } = loadDataset('pima');
const tight = { tolerance: 1e-10, maxIterations: 10_000 } as const;
const Cs = [0.001, 0.01, 0.1, 1, 10];

describe('the C grid', () => {
  it('a count gives np.logspace(-4, 4, n), exact at the powers of ten', () => {
    expect(defaultChooseCOptions.Cs).toBe(10);
    const grid = cGrid(10);
    expect(grid[0]).toBe(1e-4);
    expect(grid[9]).toBe(1e4);
    expect(maxRelativeError(grid, logspace10)).toBeLessThan(1e-14);
    expect(cGrid(1)).toEqual([1e-4]);
    expect(cGrid(3)).toEqual([1e-4, 1, 1e4]);
  });

  it('an array is sorted increasing', () => {
    expect(cGrid([10, 0.1, 1])).toEqual([0.1, 1, 10]);
  });
});

describe('warmStartPath: warm starts along the grid', () => {
  const models = warmStartPath(Cs, (extra) => train(X, y, { ...tight, ...extra }));

  it('each warm-started model equals a cold fit at its C to 1e-6', () => {
    expect(models.map((model) => model.fitReport.C)).toEqual(Cs);
    models.forEach((model, i) => {
      const cold = train(X, y, { ...tight, C: Cs[i] });
      expect(model.fitReport.C).toBe(Cs[i]);
      expect(maxRelativeError(model.coefficients, cold.coefficients, 1e-3)).toBeLessThan(1e-6);
      expect(Math.abs(model.intercept - cold.intercept)).toBeLessThan(
        1e-6 * Math.abs(cold.intercept),
      );
    });
  });

  it('needs fewer solver iterations along the grid than cold starts', () => {
    const warm = models.reduce((s, m) => s + m.fitReport.iterations, 0);
    const cold = Cs.reduce((s, C) => s + train(X, y, { ...tight, C }).fitReport.iterations, 0);
    expect(warm).toBeLessThan(cold);
  });

  it('starts each fit from the previous model (C, coefficients and intercept passed on)', () => {
    const seen: object[] = [];
    const fitted = warmStartPath([0.1, 1], (extra) => {
      seen.push(extra);
      return train(X, y, { ...tight, ...extra });
    });
    expect(seen).toEqual([
      { C: 0.1 },
      { C: 1, initialCoefficients: fitted[0].coefficients, initialIntercept: fitted[0].intercept },
    ]);
  });
});

describe('chooseC on pima', () => {
  const choice = chooseC(X, y, tight, { Cs, seed: 3 });

  it('per-fold scores equal cold fits on each fold at each C to 1e-6', () => {
    const splits = stratifiedKFold(y, { seed: 3 });
    splits.forEach(({ trainIndex, testIndex }, f) => {
      const Xtest = takeRows(X, testIndex);
      const ytest = takeValues(y, testIndex);
      Cs.forEach((C, i) => {
        const cold = train(takeRows(X, trainIndex), takeValues(y, trainIndex), { ...tight, C });
        const logLoss = foldScores(cold, Xtest, ytest, undefined, f + 1, 'test').logLoss;
        expect(Math.abs(choice.perFold[f][i] - logLoss) / logLoss).toBeLessThan(1e-6);
      });
    });
  });

  it('mean, std and standard error summarize the folds; the best mean is the smallest log loss', () => {
    expect(choice.metric).toBe('logLoss');
    Cs.forEach((_, i) => {
      const v = choice.perFold.map((scores) => scores[i]);
      const mean = v.reduce((a, b) => a + b, 0) / 5;
      const ss = v.reduce((s, x) => s + (x - mean) ** 2, 0);
      expect(choice.mean[i]).toBeCloseTo(mean, 14);
      expect(choice.std[i]).toBeCloseTo(Math.sqrt(ss / 5), 14);
      expect(choice.standardError[i]).toBeCloseTo(Math.sqrt(ss / 4) / Math.sqrt(5), 14);
    });
    expect(choice.mean[choice.bestMeanIndex]).toBe(Math.min(...choice.mean));
    expect(choice.bestIndex).toBe(choice.bestMeanIndex);
    expect(choice.bestC).toBe(Cs[choice.bestIndex]);
  });

  it('the refit model equals train on all rows at the chosen C', () => {
    expect(choice.model.toJSON()).toEqual(train(X, y, { ...tight, C: choice.bestC }).toJSON());
  });

  it('is reproducible for a seed and depends on it', () => {
    const again = chooseC(X, y, tight, { Cs, seed: 3 });
    expect(again.perFold).toEqual(choice.perFold);
    expect(again.bestC).toBe(choice.bestC);
    expect(chooseC(X, y, tight, { Cs, seed: 4 }).perFold).not.toEqual(choice.perFold);
  });

  it('maximizes scores: the best AUC is the largest mean', () => {
    const auc = chooseC(X, y, {}, { Cs, scoring: 'rocAuc', seed: 3 });
    expect(auc.mean[auc.bestMeanIndex]).toBe(Math.max(...auc.mean));
  });
});

describe('chooseC: the one-standard-error rule', () => {
  for (const scoring of ['logLoss', 'rocAuc', 'accuracy', 'brierScore'] as const) {
    it(`picks the smallest C within one standard error of the best (${scoring}), never above the best C`, () => {
      const opts = { Cs: 12, scoring, seed: 1 };
      const best = chooseC(X, y, { standardize: true }, opts);
      const oneSe = chooseC(X, y, { standardize: true }, { ...opts, oneStandardError: true });
      expect(oneSe.perFold).toEqual(best.perFold);
      expect(oneSe.bestMeanIndex).toBe(best.bestIndex);
      expect(oneSe.bestC).toBeLessThanOrEqual(best.bestC);
      // The rule recomputed from the per-fold scores, as cv.glmnet's lambda.1se.
      const se = oneSe.standardError[best.bestIndex];
      const lower = scoring === 'logLoss' || scoring === 'brierScore';
      const within = oneSe.mean.map((m) =>
        lower ? m <= best.mean[best.bestIndex] + se : m >= best.mean[best.bestIndex] - se,
      );
      expect(oneSe.bestIndex).toBe(within.indexOf(true));
    });
  }

  it('chooses a strictly stronger penalty on pima for log loss (standardized)', () => {
    const c = chooseC(X, y, { standardize: true }, { Cs: 20, oneStandardError: true });
    expect(c.bestC).toBeLessThan(c.Cs[c.bestMeanIndex]);
  });
});

describe('chooseC against scikit-learn LogisticRegressionCV (unshuffled folds)', () => {
  // LogisticRegressionCV(Cs=[0.001, 0.01, 0.1, 1, 10], cv=StratifiedKFold(5), scoring="neg_log_loss",
  // tol=1e-12), scikit-learn 1.9.1; its lbfgs stops about 1e-7 short on the unscaled data.
  const choice = chooseC(X, y, tight, { Cs: lrcv.Cs, shuffle: false });

  it('per-fold log losses agree to 1e-6 and the same C is chosen', () => {
    lrcv.perFold.forEach((row, f) => {
      expect(maxRelativeError(choice.perFold[f], row)).toBeLessThan(1e-6);
    });
    expect(choice.bestC).toBe(lrcv.C);
  });

  it('the refitted model agrees', () => {
    // Coefficients are looser than scores (an error ε in the loss is √ε in the coefficients);
    // small ones (triceps ≈ 8e-4) are compared against a floor of 0.01.
    expect(maxRelativeError(choice.model.coefficients, lrcv.coefficients, 1e-2)).toBeLessThan(1e-5);
    expect(Math.abs(choice.model.intercept - lrcv.intercept)).toBeLessThan(1e-5);
  });
});

describe('chooseC: sample weights and validation', () => {
  const w = y.map((_, i) => 1 + (i % 3));

  it('splits sampleWeight by fold: integer weights equal repeated rows', () => {
    // Repeating row i w_i times in every part of every fold needs the same folds for both runs,
    // so compare one fold by hand: the weighted fold score equals the repeated-rows score.
    const choice = chooseC(X, y, { ...tight, sampleWeight: w }, { Cs: [0.1, 1], folds: 3 });
    const { trainIndex, testIndex } = stratifiedKFold(y, { folds: 3 })[0];
    const repeat = (index: Int32Array): Int32Array =>
      Int32Array.from(Array.from(index).flatMap((i) => new Array<number>(w[i]).fill(i)));
    const trainRep = repeat(trainIndex);
    const testRep = repeat(testIndex);
    const model = train(takeRows(X, trainRep), takeValues(y, trainRep), { ...tight, C: 1 });
    const score = foldScores(
      model,
      takeRows(X, testRep),
      takeValues(y, testRep),
      undefined,
      1,
      't',
    );
    expect(Math.abs(choice.perFold[0][1] - score.logLoss) / score.logLoss).toBeLessThan(1e-6);
  });

  it('rejects options that make no sense for choosing C, naming option and value', () => {
    expect(() => chooseC(X, y, { penalty: 'none' })).toThrow(
      new OptionError(
        "chooseC: train option 'penalty' must be 'l2' to choose C (C is the inverse L2 strength), got \"none\"",
      ),
    );
    expect(() => chooseC(X, y, { C: 2 })).toThrow("chooseC: train option 'C' must be left out");
    expect(() => chooseC(X, y, {}, { Cs: [1, -1] })).toThrow(
      "chooseC: option 'Cs' must be a count ≥ 1 or a non-empty array of distinct finite numbers > 0, got an array of length 2",
    );
    expect(() => chooseC(X, y, {}, { Cs: [1, 1] })).toThrow(OptionError);
    expect(() => chooseC(X, y, {}, { Cs: 0 })).toThrow(OptionError);
    expect(() => chooseC(X, y, {}, { scoring: 'auc' } as never)).toThrow(
      "chooseC: option 'scoring' must be one of 'logLoss', 'rocAuc', 'accuracy', 'f1', 'brierScore', got \"auc\"",
    );
    expect(() => chooseC(X, y, {}, { oneStandardError: 1 } as never)).toThrow(OptionError);
    expect(() => chooseC(X, y, null as never)).toThrow(OptionError);
  });
});
