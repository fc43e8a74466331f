import { describe, expect, it } from 'vitest';
import { OptionError, train, trainMulticlass } from '../../src/index.js';
import type { StandardizeWeights } from '../../src/index.js';
import { loadDataset, loadJson } from '../helpers/fixtures.js';

interface Fit {
  readonly coefficients: readonly number[];
  readonly intercept: number;
}
interface Case {
  readonly data: string;
  readonly C: number;
  readonly class_weight: 'balanced' | Record<string, number>;
  readonly sample_weight: string | null;
  readonly sample: Fit;
  readonly fit: Fit;
}

const { cases } = loadJson<{ cases: Case[] }>('sklearn_standardize_class_weight.json');

/** Largest |ours − theirs| over the intercept and coefficients, relative to the largest |theirs|. */
function relativeError(ours: Fit, theirs: Fit): number {
  const a = [ours.intercept, ...ours.coefficients];
  const b = [theirs.intercept, ...theirs.coefficients];
  const scale = Math.max(...b.map(Math.abs));
  return Math.max(...a.map((v, k) => Math.abs(v - b[k]) / scale));
}

describe("standardize with classWeight: standardizeWeights chooses the moments' weights", () => {
  // Fixture: test/fixtures/sklearn_standardize_class_weight.py (scikit-learn 1.2.1, newton-cg,
  // tol 1e-10). Tolerance: 1e-7 of the largest coefficient (both solvers at gradient tolerance 1e-10).
  describe.each(cases)('$data, C = $C, class_weight $class_weight', (c) => {
    const { X, y, featureNames } = loadDataset(c.data);
    const sampleWeight = c.sample_weight === null ? undefined : y.map((_, i) => 1 + (i % 3) / 2);
    const fitWith = (standardizeWeights?: StandardizeWeights): Fit =>
      train(X, y, {
        C: c.C,
        classWeight: c.class_weight,
        standardize: true,
        ...(standardizeWeights === undefined ? {} : { standardizeWeights }),
        ...(sampleWeight === undefined ? {} : { sampleWeight }),
        featureNames,
        tolerance: 1e-10,
      });

    it("'sample' equals scikit-learn's StandardScaler + class_weight", () => {
      expect(relativeError(fitWith('sample'), c.sample)).toBeLessThan(1e-7);
    });

    it("the default ('fit', glmnet's class-weighted moments) equals the class-weighted scaler", () => {
      expect(relativeError(fitWith(), c.fit)).toBeLessThan(1e-7);
      expect(relativeError(fitWith('fit'), c.fit)).toBeLessThan(1e-7);
    });

    it('the two conventions give different models', () => {
      expect(relativeError(c.sample, c.fit)).toBeGreaterThan(1e-4);
    });
  });

  it('is validated: a known value, and only with standardize', () => {
    const { X, y } = loadDataset('pima');
    expect(() => train(X, y, { standardize: true, standardizeWeights: 'rows' as never })).toThrow(
      new OptionError(
        "train: option 'standardizeWeights' must be one of 'fit', 'sample', got \"rows\"",
      ),
    );
    expect(() => train(X, y, { standardizeWeights: 'sample' })).toThrow(
      "train: option 'standardizeWeights' applies with option 'standardize' only",
    );
  });

  it("multinomial fits take 'sample'; one-vs-rest with class weights refuses it", () => {
    const { X, y } = loadDataset('pima');
    const labels = y.map((v, i) => (v === 1 ? 'b' : i % 2 === 0 ? 'a' : 'c'));
    const options = {
      standardize: true,
      standardizeWeights: 'sample',
      classWeight: 'balanced',
    } as const;
    const multinomial = trainMulticlass(X, labels, options);
    const fitMoments = trainMulticlass(X, labels, { ...options, standardizeWeights: 'fit' });
    expect(multinomial.toJSON()).not.toEqual(fitMoments.toJSON());
    expect(() => trainMulticlass(X, labels, { ...options, multiClass: 'ovr' })).toThrow(
      OptionError,
    );
  });
});
