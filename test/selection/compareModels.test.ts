import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ValueError } from '../../src/errors.js';
import { compareModels } from '../../src/selection/compareModels.js';
import { formatComparison } from '../../src/selection/formatComparison.js';
import { LogisticRegressionModel } from '../../src/model/logisticRegressionModel.js';
import { train } from '../../src/model/train.js';
import { sparseFromDense } from '../../src/linalg/sparseMatrix.js';
import { loadJson } from '../helpers/fixtures.js';

/** R 4.2.2 anova(small, big, test = "LRT"), AIC and BIC (scripts/r-anova.R). */
interface Reference {
  features_small: string[];
  features_big: string[];
  resid_df: number[];
  resid_dev: number[];
  df: number;
  deviance: number;
  p_value: number;
  aic: number[];
  bic: number[];
}
const r = loadJson<Record<string, Reference>>('r_anova.json');

/** A CSV fixture's columns by name (labels as text). */
function columns(file: string): Record<string, string[]> {
  const path = fileURLToPath(new URL(`../fixtures/${file}`, import.meta.url));
  const [head, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const names = head.split(',');
  const out: Record<string, string[]> = {};
  names.forEach((name, j) => (out[name] = lines.map((l) => l.split(',')[j])));
  return out;
}

function fit(
  data: Record<string, string[]>,
  target: string,
  features: readonly string[],
  weights?: string,
): ReturnType<typeof train> {
  const X = data[target].map((_, i) => features.map((f) => Number(data[f][i])));
  return train(X, data[target], {
    penalty: 'none',
    featureNames: [...features],
    ...(weights === undefined ? {} : { sampleWeight: data[weights].map(Number) }),
  });
}

const relative = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('compareModels equals R anova(small, big, test = "LRT") to 1e-8', () => {
  const cases = [
    ['melanoma', 'anova_melanoma.csv', 'died', undefined],
    ['cats_weighted', 'anova_cats_weighted.csv', 'Sex', 'w'],
  ] as const;
  for (const [name, file, target, weights] of cases) {
    it(name, () => {
      const ref = r[name];
      const data = columns(file);
      const c = compareModels(
        fit(data, target, ref.features_small, weights),
        fit(data, target, ref.features_big, weights),
      );
      expect([c.small.residualDf, c.big.residualDf]).toEqual(ref.resid_df);
      expect(c.df).toBe(ref.df);
      expect(relative(c.small.deviance, ref.resid_dev[0])).toBeLessThan(1e-8);
      expect(relative(c.big.deviance, ref.resid_dev[1])).toBeLessThan(1e-8);
      expect(relative(c.lrStatistic, ref.deviance)).toBeLessThan(1e-8);
      expect(relative(c.pValue, ref.p_value)).toBeLessThan(1e-8);
      expect(relative(c.small.aic, ref.aic[0])).toBeLessThan(1e-8);
      expect(relative(c.big.bic, ref.bic[1])).toBeLessThan(1e-8);
      expect(relative(c.aicDifference, ref.aic[1] - ref.aic[0])).toBeLessThan(1e-7);
      expect(relative(c.bicDifference, ref.bic[1] - ref.bic[0])).toBeLessThan(1e-7);
      expect(c.addedFeatures).toEqual(
        ref.features_big.filter((f) => !ref.features_small.includes(f)),
      );
    });
  }

  it('prints an anova table', () => {
    const ref = r.melanoma;
    const data = columns('anova_melanoma.csv');
    const text = formatComparison(
      compareModels(fit(data, 'died', ref.features_small), fit(data, 'died', ref.features_big)),
    );
    expect(text).toMatch(/Resid\. Df +Resid\. Dev +Df +Deviance +Pr\(>Chi\)/);
    expect(text).toMatch(/\n2 +199 +202\.01 +3 +9\.8356 +0\.02002 +\* +214\.01 +233\.95\n/);
  });
});

describe('compareModels checks that the models are nested and fitted on the same rows', () => {
  const data = columns('anova_melanoma.csv');
  const small = fit(data, 'died', ['thickness', 'ulcer']);
  const big = fit(data, 'died', ['thickness', 'ulcer', 'age']);

  it('the small model must be inside the big one', () => {
    expect(() => compareModels(big, small)).toThrow(
      /not nested: the big model lacks the small one's 'age'/,
    );
    expect(() => compareModels(small, small)).toThrow(/no more estimable parameters/);
  });

  it('other rows: fewer rows, other labels, other values of a shared feature', () => {
    const fewer = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.slice(1)]));
    expect(() => compareModels(fit(fewer, 'died', ['thickness']), big)).toThrow(
      /different rows: 204 and 205 rows/,
    );
    const flipped = { ...data, died: data.died.map((v, i) => (i === 3 ? String(1 - +v) : v)) };
    expect(() => compareModels(fit(flipped, 'died', ['thickness']), big)).toThrow(
      /labels or weights differ/,
    );
    const edited = { ...data, thickness: data.thickness.map((v, i) => (i === 7 ? '9.99' : v)) };
    expect(() => compareModels(fit(edited, 'died', ['thickness']), big)).toThrow(
      /the values of 'thickness' differ/,
    );
  });

  it('penalized fits and models without data hashes are refused', () => {
    const X = data.died.map((_, i) => [Number(data.thickness[i])]);
    const l2 = train(X, data.died, { featureNames: ['thickness'] });
    expect(() => compareModels(l2, big)).toThrow(ValueError);
    expect(() => compareModels(l2, big)).toThrow(/penalty 'l2'/);
    const json = small.toJSON();
    const old = { ...json, fitReport: { ...json.fitReport, dataFingerprint: undefined } };
    const restored = LogisticRegressionModel.fromJSON(JSON.parse(JSON.stringify(old)));
    expect(() => compareModels(restored, big)).toThrow(/stores no hashes.*retrain it/);
  });

  it('a dense design and its CSR form have the same hashes', () => {
    const X = data.died.map((_, i) => [Number(data.thickness[i]), Number(data.ulcer[i])]);
    const dense = train(X, data.died, { penalty: 'none', featureNames: ['thickness', 'ulcer'] });
    const csr = sparseFromDense({ rows: X.length, cols: 2, data: Float64Array.from(X.flat()) });
    const sparse = train(csr, data.died, { penalty: 'none', featureNames: ['thickness', 'ulcer'] });
    expect(sparse.fitReport.dataFingerprint).toEqual(dense.fitReport.dataFingerprint);
    expect(compareModels(sparse, big).df).toBe(1);
  });
});
