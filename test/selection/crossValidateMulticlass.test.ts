import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/errors.js';
import { crossValidateMulticlass } from '../../src/selection/crossValidateMulticlass.js';
import { loadDataset, loadJson } from '../helpers/fixtures.js';

/**
 * scikit-learn 1.2.1 (scripts/sklearn-cv-multiclass.py): StratifiedKFold(5, shuffle=False) on the
 * wine data, StandardScaler + multinomial LogisticRegression(C=1, tol=1e-12) per fold, scored by
 * accuracy, log loss, macro/weighted F1 and one-vs-rest ROC AUC (macro/weighted). scikit-learn's
 * own solvers reach its optimum only to ~1e-5 here (lbfgs and newton-cg give log losses 1.4e-5
 * apart; newton-cg does not converge at tol 1e-12), so log losses are compared to 1e-4 relative;
 * the labels, F1 and ROC AUC (orders of probabilities) agree exactly.
 */
const ref = loadJson<{ folds: Record<string, number>[] }>('sklearn_cv_wine.json');
const wine = loadDataset('cv_wine');

describe('crossValidateMulticlass: scikit-learn cross-validation of a multinomial model', () => {
  it('each fold equals scikit-learn: labels, F1 and ROC AUC exactly, log loss to 1e-4', () => {
    const cv = crossValidateMulticlass(
      wine.X,
      wine.y,
      { multiClass: 'multinomial', C: 1, standardize: true, tolerance: 1e-10 },
      { folds: 5, shuffle: false },
    );
    expect(cv.folds).toHaveLength(5);
    cv.folds.forEach((fold, f) => {
      const r = ref.folds[f];
      expect(fold.accuracy).toBe(r.accuracy);
      expect(fold.macroF1).toBeCloseTo(r.macroF1, 12);
      expect(fold.weightedF1).toBeCloseTo(r.weightedF1, 12);
      expect(Math.abs(fold.logLoss - r.logLoss) / r.logLoss).toBeLessThan(1e-4);
      expect(fold.macroRocAuc).toBeCloseTo(r.macroRocAuc, 12);
      expect(fold.weightedRocAuc).toBeCloseTo(r.weightedRocAuc, 12);
    });
    const mean = ref.folds.reduce((a, r) => a + r.accuracy, 0) / 5;
    expect(cv.mean.accuracy).toBeCloseTo(mean, 14);
  });

  it('one-vs-rest fits too, and trainOptions without multiClass is an OptionError', () => {
    const cv = crossValidateMulticlass(
      wine.X,
      wine.y,
      { multiClass: 'ovr', standardize: true },
      { folds: 3 },
    );
    expect(cv.mean.accuracy).toBeGreaterThan(0.9);
    expect(() => crossValidateMulticlass(wine.X, wine.y, {}, { folds: 3 })).toThrow(OptionError);
  });
});
