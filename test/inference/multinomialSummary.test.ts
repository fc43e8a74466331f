import { describe, expect, it } from 'vitest';
import { ValueError } from '../../src/errors.js';
import { multinomialSummary } from '../../src/inference/multinomialSummary.js';
import { train } from '../../src/model/train.js';
import { loadDataset, loadJson, maxRelativeError } from '../helpers/fixtures.js';

/**
 * statsmodels 0.13.5 (scripts/statsmodels-mnlogit.py): MNLogit of anes96's party identification
 * (7 classes) on logpopul, selfLR, age, educ, income; coefficients against class 0, the constant
 * first. Not used to tune anything.
 */
const ref = loadJson<{
  names: string[];
  classes: number[];
  coefficients: number[][];
  std_errors: number[][];
  z: number[][];
  p: number[][];
  lower: number[][];
  upper: number[][];
  loglik: number;
  null_loglik: number;
  lr_statistic: number;
  lr_df: number;
  aic: number;
  bic: number;
}>('statsmodels_mnlogit.json');

const data = loadDataset('mnlogit_anes96', 'PID');
const X = Array.from({ length: data.X.rows }, (_, i) =>
  Array.from(data.X.data.subarray(i * data.X.cols, (i + 1) * data.X.cols)),
);
const model = train(X, data.y, {
  multiClass: 'multinomial',
  penalty: 'none',
  tolerance: 1e-10,
  featureNames: data.featureNames,
});

describe('multinomialSummary: equal to statsmodels MNLogit to 1e-8 relative', () => {
  const s = multinomialSummary(model, X, data.y);

  it('estimates against the first class, standard errors, z, p and Wald intervals', () => {
    expect(s.reference).toBe(0);
    expect(s.classes.map((c) => c.class)).toEqual(ref.classes.slice(1));
    s.classes.forEach((c, k) => {
      expect(c.coefficients.map((r) => r.name)).toEqual(['(Intercept)', ...ref.names.slice(1)]);
      const col = (key: 'estimate' | 'stdError' | 'z' | 'pValue' | 'ciLower' | 'ciUpper') =>
        c.coefficients.map((r) => r[key] as number);
      expect(maxRelativeError(col('estimate'), ref.coefficients[k])).toBeLessThan(1e-8);
      expect(maxRelativeError(col('stdError'), ref.std_errors[k])).toBeLessThan(1e-8);
      expect(maxRelativeError(col('z'), ref.z[k])).toBeLessThan(1e-8);
      expect(maxRelativeError(col('pValue'), ref.p[k])).toBeLessThan(1e-7);
      expect(maxRelativeError(col('ciLower'), ref.lower[k])).toBeLessThan(1e-8);
      expect(maxRelativeError(col('ciUpper'), ref.upper[k])).toBeLessThan(1e-8);
    });
  });

  it('log-likelihoods, AIC, BIC and the likelihood-ratio test', () => {
    expect(
      maxRelativeError(
        [s.logLikelihood, s.nullLogLikelihood, s.lrStatistic, s.aic, s.bic],
        [ref.loglik, ref.null_loglik, ref.lr_statistic, ref.aic, ref.bic],
      ),
    ).toBeLessThan(1e-8);
    expect(s.lrDf).toBe(ref.lr_df);
    expect(s.nObservations).toBe(944);
  });

  it('integer weights give the standard errors of repeated rows', () => {
    const small = X.slice(0, 300);
    const y = data.y.slice(0, 300);
    const w = small.map((_, i) => 1 + (i % 2));
    const weighted = train(small, y, {
      multiClass: 'multinomial',
      penalty: 'none',
      tolerance: 1e-10,
      sampleWeight: w,
    });
    const repeatedX = small.flatMap((r, i) => Array.from({ length: w[i] }, () => r));
    const repeatedY = y.flatMap((v, i) => Array.from({ length: w[i] }, () => v));
    const a = multinomialSummary(weighted, small, y, { sampleWeight: w });
    const b = multinomialSummary(weighted, repeatedX, repeatedY);
    const se = (t: typeof a) => t.classes.flatMap((c) => c.coefficients.map((r) => r.stdError!));
    expect(maxRelativeError(se(a), se(b))).toBeLessThan(1e-10);
  });

  it('refuses other data, penalized models and unknown labels', () => {
    const shuffled = [...data.y.slice(1), data.y[0]];
    expect(() => multinomialSummary(model, X, shuffled)).toThrow(
      /the data do not give the model's fit/,
    );
    const l2 = train(X.slice(0, 200), data.y.slice(0, 200), { multiClass: 'multinomial' });
    expect(() => multinomialSummary(l2, X.slice(0, 200), data.y.slice(0, 200))).toThrow(
      /penalty 'l2'/,
    );
    expect(() =>
      multinomialSummary(
        model,
        X,
        data.y.map((v, i) => (i === 5 ? 9 : v)),
      ),
    ).toThrow(ValueError);
  });
});
