import { describe, expect, it } from 'vitest';
import { ModelFormatError } from '../../src/errors.js';
import { formatSummary } from '../../src/inference/formatSummary.js';
import { sparseFromDense } from '../../src/linalg/sparseMatrix.js';
import { LogisticRegressionModel } from '../../src/model/logisticRegressionModel.js';
import { train } from '../../src/model/train.js';
import { selectColumns } from '../../src/linalg/selectColumns.js';
import { loadDataset, loadJson, maxRelativeError } from '../helpers/fixtures.js';

interface RAliasedFit {
  coef_names: string[];
  coefficients: (number | null)[];
  std_errors: (number | null)[];
  z_values: (number | null)[];
  p_values: (number | null)[];
  aliased: boolean[];
  rank: number;
  aic: number;
  bic: number;
  lr_df: number;
  loglik: number;
}

/**
 * R 4.2.2 glm on infert with a duplicated column and with a linear combination, and on birthwt
 * with race coded twice (two factors whose levels map 1:1): scripts/r-glm-parity.R.
 */
const r = loadJson<Record<string, RAliasedFit>>('r_glm_parity.json');

/** The entries of `values` where `keep` holds (R's NA rows dropped). */
function estimable<T>(values: readonly T[], keep: readonly boolean[]): T[] {
  return values.filter((_, k) => keep[k]);
}

describe('aliased columns are found and reported as R does', () => {
  for (const key of ['aliased_duplicate', 'aliased_combination', 'aliased_categorical']) {
    it(`${key}: the same NA rows, estimates to 1e-8, AIC, BIC and LR df from the rank`, () => {
      const ref = r[key];
      const data = loadDataset(`parity_${key}`);
      const model = train(data.X, data.y, { penalty: 'none', featureNames: data.featureNames });
      const s = model.summary();
      expect(s.coefficients.map((c) => c.aliased)).toEqual(ref.aliased);
      expect(s.rank).toBe(ref.rank);
      const keep = ref.aliased.map((a) => !a);
      const pairs: [number[], (number | null)[]][] = [
        [s.coefficients.map((c) => c.estimate), ref.coefficients],
        [s.coefficients.map((c) => c.stdError ?? NaN), ref.std_errors],
        [s.coefficients.map((c) => c.z ?? NaN), ref.z_values],
        [s.coefficients.map((c) => c.pValue ?? NaN), ref.p_values],
      ];
      for (const [ours, theirs] of pairs) {
        expect(
          maxRelativeError(estimable(ours, keep), estimable(theirs, keep) as number[]),
        ).toBeLessThan(1e-8);
      }
      for (const row of s.coefficients.filter((c) => c.aliased)) {
        expect(row.estimate).toBeNaN();
        expect([row.stdError, row.z, row.pValue, row.ciLower, row.ciUpper]).toEqual([
          null,
          null,
          null,
          null,
          null,
        ]);
      }
      expect(Math.abs(s.aic! - ref.aic) / ref.aic).toBeLessThan(1e-8);
      expect(Math.abs(s.bic! - ref.bic) / ref.bic).toBeLessThan(1e-8);
      expect(s.lrDf).toBe(ref.lr_df);
      expect(model.fitReport.converged).toBe(true);
    });
  }

  it('the warning names each aliased column and the columns it depends on, with the coefficients', () => {
    const data = loadDataset('parity_aliased_combination');
    const model = train(data.X, data.y, { penalty: 'none', featureNames: data.featureNames });
    // total = spontaneous + 2·induced − 0.5·parity, as the R script built it.
    expect(model.fitReport.warnings).toEqual([
      expect.stringMatching(
        /^feature 'total' is aliased: it is a linear combination of 'parity', 'spontaneous', 'induced' \('total' = -0\.5 × 'parity' \+ 1 × 'spontaneous' \+ 2 × 'induced' \+ constant\)/,
      ),
    ]);
    const categorical = loadDataset('parity_aliased_categorical');
    const m2 = train(categorical.X, categorical.y, {
      penalty: 'none',
      featureNames: categorical.featureNames,
    });
    expect(m2.fitReport.warnings.map((w) => w.slice(0, w.indexOf(' (')))).toEqual([
      "feature 'race_codeB' is aliased: it is a linear combination of 'raceblack'",
      "feature 'race_codeO' is aliased: it is a linear combination of 'raceother'",
    ]);
  });

  it('an aliased coefficient is 0: predictions equal the fit without that column', () => {
    const data = loadDataset('parity_aliased_duplicate');
    const j = data.featureNames.indexOf('age_copy');
    const model = train(data.X, data.y, { penalty: 'none', featureNames: data.featureNames });
    expect(model.coefficients[j]).toBe(0);
    const keep = data.featureNames.map((_, k) => k).filter((k) => k !== j);
    const reduced = train(selectColumns(data.X, keep), data.y, { penalty: 'none' });
    expect(
      maxRelativeError(
        model.positiveProbability(data.X),
        reduced.positiveProbability(selectColumns(data.X, keep)),
      ),
    ).toBeLessThan(1e-14);
  });

  it('the JSON round-trips the aliased flags and the summary; corrupt flags are refused', () => {
    const data = loadDataset('parity_aliased_categorical');
    const model = train(data.X, data.y, {
      penalty: 'none',
      featureNames: data.featureNames,
      profileConfidenceLevel: 0.95,
    });
    const back = LogisticRegressionModel.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(back.fitReport.aliased).toEqual(model.fitReport.aliased);
    expect(JSON.stringify(back.summary({ ci: 'profile' }))).toBe(
      JSON.stringify(model.summary({ ci: 'profile' })),
    );
    const json = model.toJSON();
    const bad = { ...json, fitReport: { ...json.fitReport, aliased: [true] } };
    expect(() => LogisticRegressionModel.fromJSON(JSON.parse(JSON.stringify(bad)))).toThrow(
      ModelFormatError,
    );
  });

  it("the text summary says '(2 not defined because of singularities)' and prints NA rows", () => {
    const data = loadDataset('parity_aliased_categorical');
    const text = formatSummary(
      train(data.X, data.y, { penalty: 'none', featureNames: data.featureNames }).summary(),
    );
    expect(text).toMatch(/^Coefficients: \(2 not defined because of singularities\)$/m);
    expect(text).toMatch(/^race_codeB(\s+NA){7}$/m);
  });

  it('sparse input and Firth fits find the same aliased columns', () => {
    const data = loadDataset('parity_aliased_duplicate');
    const sparse = train(sparseFromDense(data.X), data.y, { penalty: 'none' });
    const dense = train(data.X, data.y, { penalty: 'none' });
    expect(sparse.fitReport.aliased).toEqual(dense.fitReport.aliased);
    expect(maxRelativeError(sparse.coefficients, dense.coefficients)).toBeLessThan(1e-10);
    const firth = train(data.X, data.y, { penalty: 'firth' });
    expect(firth.fitReport.aliased).toEqual(dense.fitReport.aliased);
    expect(firth.summary().rank).toBe(5);
  });

  it('penalized fits are unique: no aliasing, and their summary says so', () => {
    const data = loadDataset('parity_aliased_duplicate');
    const model = train(data.X, data.y, { penalty: 'l2', C: 1 });
    expect(model.fitReport.aliased).toBeUndefined();
    const s = model.summary();
    expect(s.coefficients.every((c) => !c.aliased)).toBe(true);
    expect(s.notes.join('\n')).toMatch(/unique, collinear features included \(no aliasing\)/);
  });
});
